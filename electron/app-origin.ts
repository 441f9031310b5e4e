// Where the app lives: app://wenshu/index.html. Every check of "is this our page?" goes through
// these functions, which parse the URL instead of matching strings.

export const APP_SCHEME = 'app';
export const APP_HOST = 'wenshu';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True for any resource of the app: scheme app:, host wenshu, no credentials, no port. */
export function isAppUrl(url: string): boolean {
  const u = parse(url);
  return (
    u !== null &&
    u.protocol === `${APP_SCHEME}:` &&
    u.hostname === APP_HOST &&
    u.port === '' &&
    u.username === '' &&
    u.password === ''
  );
}

/** True when the URL is the app page itself (the one document the window may show). */
export function isAppPage(url: string): boolean {
  if (!isAppUrl(url)) return false;
  const { pathname } = new URL(url);
  return pathname === '/' || pathname === '/index.html';
}
