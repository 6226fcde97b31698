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
