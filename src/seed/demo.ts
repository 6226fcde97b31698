import type { Deps } from '../kernel/http/context.ts';

/** Placeholder until the demo seed lands: does nothing. */
export async function seedDemoIfEmpty(_deps: Deps): Promise<void> {}
