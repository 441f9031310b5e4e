/**
 * Runs `work` once the page is idle (at the latest after `timeoutMs`), so it never holds up the
 * first paint: the login page shows first, then its code for later is loaded and the password
 * hashing warmed up. Returns the cancel. (setTimeout where requestIdleCallback is missing: jsdom.)
 */
export function whenIdle(work: () => void, timeoutMs = 1000): () => void {
  if (typeof requestIdleCallback !== 'function') {
    const t = setTimeout(work, Math.min(timeoutMs, 200));
    return () => clearTimeout(t);
  }
  const id = requestIdleCallback(work, { timeout: timeoutMs });
  return () => cancelIdleCallback(id);
}
