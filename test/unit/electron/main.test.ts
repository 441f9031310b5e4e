import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { ipcChannels } from '../../../shared/ipc';
import {
  FakeBrowserWindow,
  FakeWebContents,
  navigationEvent,
  type ElectronFake,
} from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronFake);

/** The fake electron main.ts sees (vitest keeps one mocked module across resetModules). */
async function mockedElectron(): Promise<ElectronFake> {
  return (await import('electron')) as unknown as ElectronFake;
}

/** Run electron/main.ts afresh, as a new app launch would, against a cleared fake electron. */
async function launch(configure: (electron: ElectronFake) => void = () => {}): Promise<ElectronFake> {
  vi.resetModules();
  const electron = await mockedElectron();
  vi.clearAllMocks();
  electron.callLog.length = 0;
  windows(electron).length = 0;
  configure(electron);
  await import('../../../electron/main');
  await new Promise((resolve) => setTimeout(resolve, 0)); // let start() run past whenReady
  return electron;
}

function windows(electron: ElectronFake): FakeBrowserWindow[] {
  return (electron.BrowserWindow as typeof FakeBrowserWindow).instances;
}

describe('electron/main.ts startup', () => {
  let electron: ElectronFake;
  beforeAll(async () => {
    electron = await launch();
  });

  it('registers app:// as privileged and enables the sandbox before waiting for ready', () => {
    const { callLog } = electron;
    expect(callLog.indexOf('protocol.registerSchemesAsPrivileged')).toBeGreaterThanOrEqual(0);
    expect(callLog.indexOf('protocol.registerSchemesAsPrivileged')).toBeLessThan(callLog.indexOf('app.whenReady'));
    expect(callLog.indexOf('app.enableSandbox')).toBeLessThan(callLog.indexOf('app.whenReady'));
  });

  it('takes the single-instance lock', () => {
    expect(electron.app.requestSingleInstanceLock).toHaveBeenCalled();
  });

  it('locks down the default session, serves app:// and registers exactly the IPC contract', () => {
        const ses = electron.session.defaultSession;
    expect(ses.webRequest.onBeforeRequest).toHaveBeenCalledTimes(1);
    expect(ses.setPermissionRequestHandler).toHaveBeenCalledTimes(1);
    expect(ses.setPermissionCheckHandler).toHaveBeenCalledTimes(1);
    expect(ses.setSpellCheckerEnabled).toHaveBeenCalledWith(false);
    expect(electron.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    const channels = electron.ipcMain.handle.mock.calls.map((call) => call[0]);
    expect(channels.sort()).toEqual([...ipcChannels].sort());
  });

  it('opens one secure window on app://wenshu/index.html with the bundled preload', () => {
    expect(windows(electron)).toHaveLength(1);
    const [window] = windows(electron) as [FakeBrowserWindow];
    expect(window.loadURL).toHaveBeenCalledWith('app://wenshu/index.html');
    expect(window.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      devTools: false, // tests run with NODE_ENV=test: not development
    });
    const preload = (window.options.webPreferences as { preload: string }).preload;
    expect(path.basename(preload)).toBe('preload.cjs');
  });

  it('hardens every webContents created later', () => {
    const contents = new FakeWebContents();
    electron.app.emit('web-contents-created', {}, contents);
    expect(contents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    const event = navigationEvent('https://example.com/');
    contents.emit('will-navigate', event, event.url);
    expect(event.prevented).toBe(true);
  });

  it('a second launch focuses the existing window', () => {
    const [window] = windows(electron) as [FakeBrowserWindow];
    electron.app.emit('second-instance');
    expect(window.focus).toHaveBeenCalled();
  });
});

describe('electron/main.ts when another instance runs', () => {
  it('quits without creating a window', async () => {
    const electron = await launch((e) => e.app.requestSingleInstanceLock.mockReturnValue(false));
    expect(electron.app.quit).toHaveBeenCalled();
    expect(windows(electron)).toHaveLength(0);
  });
});

describe('nothing phones home', () => {
  it('no main-process module imports autoUpdater, crashReporter, net or shell', async () => {
    const dir = path.resolve(__dirname, '../../../electron');
    const files = (await readdir(dir)).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const source = await readFile(path.join(dir, file), 'utf8');
      const imports = [...source.matchAll(/import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*'electron'/g)]
        .flatMap((m) => (m[1] ?? '').split(','))
        .map((name) => name.replace(/^\s*type\s+/, '').trim().split(/\s+as\s+/)[0]);
      for (const forbidden of ['autoUpdater', 'crashReporter', 'net', 'shell']) {
        expect(imports, `${file} imports ${forbidden}`).not.toContain(forbidden);
      }
      expect(source, file).not.toMatch(/require\(\s*['"]electron['"]\s*\)/);
      expect(source, file).not.toMatch(/electron-updater|crashReporter\.start/);
    }
  });

  it('package.json has no updater dependency', async () => {
    const pkg = JSON.parse(await readFile(path.resolve(__dirname, '../../../package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
      devDependencies?: Record<string, string>;
    };
    const names = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies });
    expect(names).not.toContain('electron-updater');
    expect(names).not.toContain('update-electron-app');
  });
});
