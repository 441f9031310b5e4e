// Main-process entry: the launch guard, one instance, the app:// scheme, the lockdown, the IPC
// handlers, the window.

import path from 'node:path';
import { app, Menu, session, type BrowserWindow } from 'electron';
import { isDevelopment } from './env';
import { registerIpcHandlers } from './ipc-handlers';
import { forbiddenCommandLineSwitch, forbiddenLaunchSwitch, refusalMessage } from './launch-guard';
import { registerAppProtocol, registerAppScheme } from './protocol';
import { hardenWebContents, lockDownSession } from './security';
import { createMainWindow } from './window';

// Bundled to dist/electron/main.cjs: the preload sits beside it, the renderer build next door.
const preloadPath = path.join(__dirname, 'preload.cjs');
const rendererRoot = path.join(__dirname, '..', 'renderer');

let mainWindow: BrowserWindow | null = null;

function focusMainWindow(): void {
  if (mainWindow === null) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

async function start(): Promise<void> {
  await app.whenReady();
  lockDownSession(session.defaultSession, { allowDevtools: isDevelopment });
  registerAppProtocol(rendererRoot);
  registerIpcHandlers();
  // The default menu's Help entries open electronjs.org in a browser; this app has no links out.
  if (process.platform !== 'darwin') Menu.setApplicationMenu(null);
  mainWindow = createMainWindow({ preloadPath, devTools: isDevelopment });
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}

/** Everything after the launch guard. */
function run(): void {
  // Both must happen before 'ready'.
  registerAppScheme();
  app.enableSandbox(); // every renderer sandboxed, whatever a window's options say

  // A second 文枢 would open the same IndexedDB from two windows; focus the first one instead.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
  } else {
    app.on('second-instance', focusMainWindow);
    // Every webContents, including any Electron makes on its own, gets the navigation rules.
    app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
    app.on('window-all-closed', () => app.quit());
    start().catch((error: unknown) => {
      console.error('文枢 failed to start:', error);
      app.exit(1);
    });
  }
}

// First of all: a debugging switch means someone could read the decrypted registers. Refuse
// before any scheme, handler or window exists. execArgv: where Node keeps its own --inspect.
const refused =
  forbiddenLaunchSwitch([...process.argv, ...process.execArgv]) ??
  forbiddenCommandLineSwitch(app.commandLine);
if (refused !== null) {
  process.stderr.write(refusalMessage(refused));
  app.exit(1);
} else {
  run();
}
