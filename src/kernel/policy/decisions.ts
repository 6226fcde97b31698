import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What the policy decided while one request was answered. Only the tenant-isolation test opens a
 * recording (`recordDecisions`); in the running app `noteDecision` finds no store and costs nothing.
 */
export type Decision = { kind: 'allowed' | 'refused'; action: string; networkId: string; audited: boolean } | { kind: 'scoped' };

const store = new AsyncLocalStorage<Decision[]>();

export function noteDecision(decision: Decision): void {
  store.getStore()?.push(decision);
}

/** Run `work` (e.g. one in-process request) and return what the policy decided during it. */
export async function recordDecisions<T>(work: () => Promise<T>): Promise<{ result: T; decisions: Decision[] }> {
  const decisions: Decision[] = [];
  const result = await store.run(decisions, work);
  return { result, decisions };
}

/** The recording open here, if any: a test sending its request over a real socket carries it to the server. */
export function currentRecording(): Decision[] | undefined {
  return store.getStore();
}

/** Run `work` recording into `decisions`: the server's side of such a test request. */
export function recordInto<T>(decisions: Decision[], work: () => T): T {
  return store.run(decisions, work);
}
