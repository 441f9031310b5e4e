/** What a failed action shows the user: the error's message (our errors are written for them). */
export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
