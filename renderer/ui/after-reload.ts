// A sentence for the next page load of this window, read once there: a restore reloads the app
// before anyone can type on the login page, and the login page then says what the restore did.

const KEY = 'wenshu.afterReload';

export function noteForAfterReload(text: string): void {
  try {
    sessionStorage.setItem(KEY, text);
  } catch {
    // Storage refused (private mode, quota): the reload still happens, only without the note.
  }
}

/** The note left before the reload, or null; `forget` removes it so it shows only once. */
export function noteAfterReload(): string | null {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function forgetNoteAfterReload(): void {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // Nothing to forget.
  }
}
