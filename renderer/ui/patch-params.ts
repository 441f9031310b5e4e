/** The URL's query with `patch` applied: a value sets its key, an empty one removes it (list filters live in the URL). */
export function patchParams(params: URLSearchParams, patch: Record<string, string | undefined>): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const [k, v] of Object.entries(patch)) {
    if (v) next.set(k, v);
    else next.delete(k);
  }
  return next;
}
