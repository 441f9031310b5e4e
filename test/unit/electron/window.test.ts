import { describe, expect, it, vi } from 'vitest';
import { createMainWindow, isOurWebContents } from '../../../electron/window';
import { FakeBrowserWindow, FakeWebContents } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronFake);

describe('createMainWindow', () => {
  it('creates the BrowserWindow with the secure webPreferences', () => {
    createMainWindow({ preloadPath: '/app/dist/electron/preload.cjs', devTools: false });
    const window = FakeBrowserWindow.instances.at(-1);
    expect(window?.options.webPreferences).toMatchObject({
      preload: '/app/dist/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      devTools: false,
    });
  });

  it('loads app://wenshu/index.html, never file://', () => {
    createMainWindow({ preloadPath: '/p.cjs', devTools: false });
    const window = FakeBrowserWindow.instances.at(-1);
    expect(window?.loadURL).toHaveBeenCalledWith('app://wenshu/index.html');
  });

  it('remembers its webContents as ours, and only those', () => {
    const window = createMainWindow({ preloadPath: '/p.cjs', devTools: true });
    expect(isOurWebContents(window.webContents)).toBe(true);
    expect(isOurWebContents(new FakeWebContents().asWebContents())).toBe(false);
  });
});
