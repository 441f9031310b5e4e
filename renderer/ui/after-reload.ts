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

// Read once per page load and kept here: the login page may mount more than once while the
// restored database opens (the shell shows a loading state between), and each mount must still
// find the note; it goes when someone signs in.
let thisLoad: string | null | undefined;

/** The note left before this page load, or null (the same answer until forgotten). */
export function noteAfterReload(): string | null {
  if (thisLoad === undefined) {
    try {
      thisLoad = sessionStorage.getItem(KEY);
      sessionStorage.removeItem(KEY);
    } catch {
      thisLoad = null;
    }
  }
  return thisLoad;
}

/** Said: the note shows no more in this window (someone signed in). */
export function forgetNoteAfterReload(): void {
  thisLoad = null;
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // Nothing to forget.
  }
}
