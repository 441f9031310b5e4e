// Guessing over the LAN (issue #19): a password or a pairing code tried again and again from a
// seat is slowed to nothing. Failures are counted per key (a login, an address) in a window;
// past the limit the key is refused until the window has passed. Kept in the server's memory:
// one server process per office, and a restart forgiving old failures is acceptable.

export const LOCK_MESSAGE = (minutes: number) => `尝试次数过多，请 ${minutes} 分钟后再试`;

export class Throttle {
  private readonly failures = new Map<string, { count: number; since: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Minutes left before `key` may try again; 0 when it may now. */
  blockedFor(key: string, now: number): number {
    const f = this.failures.get(key);
    if (!f || now - f.since >= this.windowMs) return 0;
    return f.count >= this.limit ? Math.ceil((f.since + this.windowMs - now) / 60_000) : 0;
  }

  fail(key: string, now: number): void {
    const f = this.failures.get(key);
    if (!f || now - f.since >= this.windowMs) this.failures.set(key, { count: 1, since: now });
    else f.count += 1;
    // Old entries go as new ones come: the map never grows past the keys of one window.
    if (this.failures.size > 10_000) for (const [k, v] of this.failures) if (now - v.since >= this.windowMs) this.failures.delete(k);
  }

  /** Clears `key`'s failures (a login whose password was just given right). */
  succeed(key: string): void {
    this.failures.delete(key);
  }

  /** Takes back one count of `key` (an attempt counted before it ran that did not fail). */
  takeBack(key: string): void {
    const f = this.failures.get(key);
    if (!f) return;
    if (f.count <= 1) this.failures.delete(key);
    else f.count -= 1;
  }
}
