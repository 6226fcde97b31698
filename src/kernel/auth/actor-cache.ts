/**
 * Who a token or session belongs to, kept in memory for a short while so that each request does not pay
 * a database round trip for it (ADR 14). The cache is only used while it is `live`: while this process
 * hears the database's `actor_changed` notifications, sent by triggers on every table the actor is read
 * from. Any notification empties it, and so does losing the listener.
 */
export class ActorCache<V> {
  readonly #entries = new Map<string, { value: V; expiresAt: number }>();
  #generation = 0;
  #live = false;

  constructor(
    readonly ttlMs: number,
    readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  get live() {
    return this.#live;
  }

  get size() {
    return this.#entries.size;
  }

  /** Listening started (true) or was lost (false); either way what is held may be stale. */
  setLive(live: boolean) {
    this.#live = live && this.ttlMs > 0;
    this.clear();
  }

  clear() {
    this.#generation++;
    this.#entries.clear();
  }

  /**
   * The cached value for `key`, else `load()`'s. A value is kept only if nothing changed while it loaded
   * (a notification during the load means it may already be stale), and never past `validUntil` (e.g. a
   * session's expiry). Misses (null) are not kept: unknown tokens must not fill memory.
   */
  async through(key: string, load: () => Promise<V | null>, validUntil?: (value: V) => number): Promise<V | null> {
    if (!this.#live) return load();
    const now = this.now();
    const hit = this.#entries.get(key);
    if (hit && hit.expiresAt > now) return hit.value;
    if (hit) this.#entries.delete(key);
    const generation = this.#generation;
    const value = await load();
    if (value === null || generation !== this.#generation || !this.#live) return value;
    const expiresAt = Math.min(now + this.ttlMs, validUntil ? validUntil(value) : Number.POSITIVE_INFINITY);
    if (expiresAt <= now) return value;
    if (this.#entries.size >= this.maxEntries) {
      // Maps iterate in insertion order: drop the oldest.
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
    this.#entries.set(key, { value, expiresAt });
    return value;
  }
}
