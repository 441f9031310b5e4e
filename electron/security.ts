// The offline lockdown. Each rule is a small exported function so a unit test can prove it;
// lockDownSession / hardenWebContents only wire them to Electron.
// Not here on purpose: autoUpdater and crashReporter are never imported or started anywhere.

import type {
  DownloadItem,
  Event,
  OnBeforeRequestListenerDetails,
  CallbackResponse,
  Session,
  WebContents,
  WebContentsWillFrameNavigateEventParams,
  WindowOpenHandlerResponse,
} from 'electron';
import { APP_ORIGIN, isAppPage, isAppUrl } from './app-origin';

export interface SecurityOptions {
  /** Development builds may load devtools:// for the inspector; packaged builds never. */
  allowDevtools: boolean;
}

/** Permissions the app itself may hold (all others are denied to everyone). */
const APP_PERMISSIONS: ReadonlySet<string> = new Set([
  // Asks Chromium not to evict the app's IndexedDB under disk pressure: the registers live there.
  'persistent-storage',
]);

/**
 * Whether a request may leave the renderer. Only the app's own scheme is served; data: and
 * blob: are allowed because they are in-memory (CSP allows them for images and fonts) and
 * cannot reach any other machine. Everything else (http, https, ws, wss, ftp, file, …) is
 * cancelled.
 */
export function isRequestAllowed(url: string, options: SecurityOptions): boolean {
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    return false;
  }
  switch (protocol) {
    case 'app:':
      return isAppUrl(url);
    case 'data:':
    case 'blob:':
      return true;
    case 'devtools:':
      return options.allowDevtools;
    default:
      return false;
  }
}

export type BeforeRequestListener = (
  details: OnBeforeRequestListenerDetails,
  callback: (response: CallbackResponse) => void,
) => void;

export function onBeforeRequest(options: SecurityOptions): BeforeRequestListener {
  return (details, callback) => {
    callback({ cancel: !isRequestAllowed(details.url, options) });
  };
}

/** What the rules read from will-navigate / will-redirect (their url parameters are deprecated). */
type UrlEvent = Pick<Event<{ url: string }>, 'preventDefault' | 'url'>;

/** will-navigate: the window shows the app page and nothing else, ever. */
export function denyNavigationAway(event: UrlEvent): void {
  if (!isAppPage(event.url)) event.preventDefault();
}

/** will-frame-navigate: main frame as above; subframes may only load the app's own documents. */
export function denyFrameNavigationAway(
  event: Pick<
    Event<WebContentsWillFrameNavigateEventParams>,
    'preventDefault' | 'url' | 'isMainFrame'
  >,
): void {
  const allowed = event.isMainFrame
    ? isAppPage(event.url)
    : isAppUrl(event.url) || event.url === 'about:blank' || event.url === 'about:srcdoc';
  if (!allowed) event.preventDefault();
}

/** will-redirect: a redirect may never leave the app's origin. */
export function denyRedirectAway(event: UrlEvent): void {
  if (!isAppUrl(event.url)) event.preventDefault();
}

/** window.open, target=_blank, shift-click: no new window, nothing handed to the OS browser. */
export function denyWindowOpen(): WindowOpenHandlerResponse {
  return { action: 'deny' };
}

export function denyWebviewAttach(event: Pick<Event, 'preventDefault'>): void {
  event.preventDefault();
}

export function isPermissionGranted(permission: string, requestingUrl: string): boolean {
  return APP_PERMISSIONS.has(permission) && isAppUrl(requestingUrl);
}

export function permissionRequestHandler(
  _webContents: WebContents,
  permission: string,
  callback: (granted: boolean) => void,
  details: { requestingUrl?: string },
): void {
  callback(isPermissionGranted(permission, details.requestingUrl ?? ''));
}

export function permissionCheckHandler(
  _webContents: WebContents | null,
  permission: string,
  requestingOrigin: string,
): boolean {
  return isPermissionGranted(permission, requestingOrigin);
}

/**
 * will-download: every Chromium download is cancelled. The app never starts one: in Electron the
 * renderer saves through IPC + fs (electron/ipc-handlers.ts, file-dialogs.ts, write-streams.ts);
 * the <a download> path in renderer/platform/browser.ts is the web build's only. So a download
 * here was started by something else (a crafted link, a script) and may not write to disk.
 */
export function cancelDownload(event: Pick<Event, 'preventDefault'>, item: Pick<DownloadItem, 'cancel'>): void {
  event.preventDefault();
  item.cancel();
}

/** Where the spellchecker would fetch dictionaries: the app's own origin, which serves none. */
export const SPELLCHECK_DICTIONARY_URL = `${APP_ORIGIN}/no-spellcheck-dictionaries/`;

/** Session-wide rules: network, permissions, devices, spellchecker. Once, before any window. */
export function lockDownSession(session: Session, options: SecurityOptions): void {
  session.webRequest.onBeforeRequest(onBeforeRequest(options));
  session.setPermissionRequestHandler(permissionRequestHandler);
  session.setPermissionCheckHandler(permissionCheckHandler);
  session.setDevicePermissionHandler(() => false);
  session.on('will-download', cancelDownload);
  // Off, and pointed away from Google's CDN, so no dictionary is ever downloaded.
  session.setSpellCheckerEnabled(false);
  session.setSpellCheckerDictionaryDownloadURL(SPELLCHECK_DICTIONARY_URL);
}

/** Per-page rules; main.ts applies them to every webContents ever created. */
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', denyNavigationAway);
  contents.on('will-frame-navigate', denyFrameNavigationAway);
  contents.on('will-redirect', denyRedirectAway);
  contents.on('will-attach-webview', denyWebviewAttach);
  contents.setWindowOpenHandler(denyWindowOpen);
}
