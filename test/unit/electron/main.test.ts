import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
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
async function launch(
  configure: (electron: ElectronFake) => void = () => {},
  argv: readonly string[] = ['/opt/wenshu/wenshu'],
): Promise<ElectronFake> {
  vi.resetModules();
  const electron = await mockedElectron();
  vi.clearAllMocks();
  electron.callLog.length = 0;
  windows(electron).length = 0;
  electron.app.removeAllListeners(); // listeners of earlier launches
  electron.app.requestSingleInstanceLock.mockImplementation(() => true);
  electron.app.commandLine.hasSwitch.mockImplementation(() => false);
  configure(electron);
  // The app's command line, not the test runner's (which may itself run under --inspect).
  const saved = { argv: process.argv, execArgv: process.execArgv };
  process.argv = [...argv];
  process.execArgv = [];
  try {
    await import('../../../electron/main');
  } finally {
    process.argv = saved.argv;
    process.execArgv = saved.execArgv;
  }
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
    expect(ses.on).toHaveBeenCalledWith('will-download', expect.any(Function));
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

describe('electron/main.ts launched with a debugging switch', () => {
  let stderr: MockInstance<typeof process.stderr.write>;
  beforeEach(() => {
    stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });
  afterEach(() => {
    stderr.mockRestore();
  });

  function expectRefused(electron: ElectronFake, name: string): void {
    expect(electron.app.exit).toHaveBeenCalledWith(1);
    expect(stderr).toHaveBeenCalledTimes(1);
    const message = String(stderr.mock.calls[0]?.[0]);
    expect(message).toContain('文枢拒绝启动');
    expect(message).toContain(name);
    // Nothing was set up: no scheme, no sandbox switch, no lock, no handlers, no window.
    expect(electron.callLog).toEqual([]);
    expect(electron.protocol.registerSchemesAsPrivileged).not.toHaveBeenCalled();
    expect(electron.protocol.handle).not.toHaveBeenCalled();
    expect(electron.app.requestSingleInstanceLock).not.toHaveBeenCalled();
    expect(electron.app.whenReady).not.toHaveBeenCalled();
    expect(electron.ipcMain.handle).not.toHaveBeenCalled();
    expect(electron.session.defaultSession.webRequest.onBeforeRequest).not.toHaveBeenCalled();
    expect(electron.app.listenerCount('web-contents-created')).toBe(0);
    expect(windows(electron)).toHaveLength(0);
  }

  it.each([
    ['--remote-debugging-port=9222'],
    ['--remote-debugging-port', '9222'],
    ['-REMOTE-DEBUGGING-PORT=9222'],
    ['--remote-debugging-pipe'],
    ['--inspect-brk=9229'],
    ['--js-flags=--allow-natives-syntax'],
  ])('argv %j: exits with 1 before creating anything', async (...args) => {
    const electron = await launch(undefined, ['/opt/wenshu/wenshu', ...args]);
    expectRefused(electron, args[0]?.replace(/^-+/, '').split('=')[0]?.toLowerCase() ?? '');
  });

  it('a switch only Chromium’s command line knows of (not in argv) is refused too', async () => {
    const electron = await launch((e) =>
      e.app.commandLine.hasSwitch.mockImplementation((name) => name === 'remote-debugging-port'),
    );
    expectRefused(electron, '--remote-debugging-port');
  });

  it('a normal launch is not refused (the guard does not fire by mistake)', async () => {
    const electron = await launch(undefined, ['/opt/wenshu/wenshu', '--lang=zh-CN']);
    expect(electron.app.exit).not.toHaveBeenCalled();
    expect(stderr).not.toHaveBeenCalled();
    expect(windows(electron)).toHaveLength(1);
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
