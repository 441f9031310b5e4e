// The app window. Its webPreferences are the renderer's sandbox; trustedWebContents remembers
// which webContents are ours so IPC handlers can refuse everything else.

import { BrowserWindow, type WebContents, type WebPreferences } from 'electron';
import { APP_ENTRY_URL } from './app-origin';

const ourWebContents = new WeakSet<WebContents>();

/** True only for the webContents of a window createMainWindow made. */
export function isOurWebContents(contents: WebContents): boolean {
  return ourWebContents.has(contents);
}

export function secureWebPreferences(preloadPath: string, devTools: boolean): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    devTools,
  };
}

export interface MainWindowOptions {
  preloadPath: string;
  devTools: boolean;
}

export function createMainWindow({ preloadPath, devTools }: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1366,
    height: 860,
    minWidth: 1024,
    minHeight: 640,
    title: '文枢',
    show: false, // shown on ready-to-show: no white flash before the first paint
    backgroundColor: '#ffffff',
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(preloadPath, devTools),
  });
  ourWebContents.add(window.webContents);
  window.once('ready-to-show', () => window.show());
  window.loadURL(APP_ENTRY_URL).catch((error: unknown) => {
    console.error('文枢: could not load the app page', error);
  });
  return window;
}
