import { describe, expect, it } from 'vitest';
import { ActorCache } from './actor-cache.ts';

function counter(value: string | null) {
  const calls = { n: 0 };
  return {
    calls,
    load: async () => {
      calls.n++;
      return value;
    },
  };
}

describe('ActorCache', () => {
  it('loads every time until it is live', async () => {
    const cache = new ActorCache<string>(30_000);
    const { calls, load } = counter('ada');
    await cache.through('k', load);
    await cache.through('k', load);
    expect(calls.n).toBe(2);
  });

  it('answers from memory once live, until cleared', async () => {
    const cache = new ActorCache<string>(30_000);
    cache.setLive(true);
    const { calls, load } = counter('ada');
    expect(await cache.through('k', load)).toBe('ada');
    expect(await cache.through('k', load)).toBe('ada');
    expect(calls.n).toBe(1);
    cache.clear();
    await cache.through('k', load);
    expect(calls.n).toBe(2);
  });

  it('keeps nothing when the listener is lost', async () => {
    const cache = new ActorCache<string>(30_000);
    cache.setLive(true);
    const { calls, load } = counter('ada');
    await cache.through('k', load);
    cache.setLive(false);
    await cache.through('k', load);
    await cache.through('k', load);
    expect(calls.n).toBe(3);
    expect(cache.size).toBe(0);
  });

  it('does not keep a value loaded while a change was announced', async () => {
    const cache = new ActorCache<string>(30_000);
    cache.setLive(true);
    let calls = 0;
    const racing = async () => {
      calls++;
      cache.clear(); // a notification arrives while the old row is being read
      return 'stale';
    };
    await cache.through('k', racing);
    await cache.through('k', async () => {
      calls++;
      return 'fresh';
    });
    expect(calls).toBe(2);
    expect(cache.size).toBe(1);
  });

  it('forgets values after the time to live, and never keeps them past their own expiry', async () => {
    let now = 1_000;
    const cache = new ActorCache<{ until: number }>(30_000, 100, () => now);
    cache.setLive(true);
    let calls = 0;
    const load = async () => {
      calls++;
      return { until: 11_000 };
    };
    await cache.through('session', load, (v) => v.until);
    now = 10_999;
    await cache.through('session', load, (v) => v.until);
    expect(calls).toBe(1);
    now = 11_000;
    await cache.through('session', load, (v) => v.until);
    expect(calls).toBe(2);

    let plainCalls = 0;
    const plain = async () => {
      plainCalls++;
      return { until: Number.POSITIVE_INFINITY };
    };
    now = 0;
    await cache.through('token', plain);
    now = 30_000;
    await cache.through('token', plain);
    expect(plainCalls).toBe(2);
  });

  it('does not keep misses, and holds at most maxEntries', async () => {
    const cache = new ActorCache<string>(30_000, 2);
    cache.setLive(true);
    const missing = counter(null);
    await cache.through('unknown', missing.load);
    await cache.through('unknown', missing.load);
    expect(missing.calls.n).toBe(2);
    for (const key of ['a', 'b', 'c']) await cache.through(key, async () => key);
    expect(cache.size).toBe(2);
    const a = counter('a');
    await cache.through('a', a.load);
    expect(a.calls.n).toBe(1); // the oldest, a, was dropped
  });

  it('is never live with no time to live', async () => {
    const cache = new ActorCache<string>(0);
    cache.setLive(true);
    expect(cache.live).toBe(false);
  });
});
