// A stand-in for the 'electron' module: just enough surface for electron/*.ts, recording what
// the code registers so tests can call those handlers directly. Used through
//   vi.mock('electron', async () => (await import('./fake-electron')).electronFake)
// (the real package would try to download the Electron binary).

import { EventEmitter } from 'node:events';
import type { WebContents } from 'electron';
import { vi } from 'vitest';

export interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
}

export function fakeFrame(url: string, parent: FakeFrame | null = null): FakeFrame {
  return { url, parent };
}

export class FakeWebContents extends EventEmitter {
  windowOpenHandler: ((details: unknown) => unknown) | null = null;
  mainFrame: FakeFrame = fakeFrame('app://wenshu/index.html');
  printToPDF = vi.fn(async (): Promise<Buffer> => Buffer.from('%PDF-1.7 fake'));
  print = vi.fn(
    (_options: unknown, callback: (success: boolean, failureReason: string) => void) => {
      callback(true, '');
    },
  );
  setWindowOpenHandler(handler: (details: unknown) => unknown): void {
    this.windowOpenHandler = handler;
  }
  /** The fake as the type the code under test expects (structural fakes, not the real class). */
  asWebContents(): WebContents {
    return this as unknown as WebContents;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  readonly loadURL = vi.fn(async () => undefined);
  readonly show = vi.fn();
  readonly focus = vi.fn();
  readonly restore = vi.fn();
  readonly isMinimized = vi.fn(() => false);
  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.instances.push(this);
  }
  static fromWebContents(contents: unknown): FakeBrowserWindow | null {
    return FakeBrowserWindow.instances.find((w) => w.webContents === contents) ?? null;
  }
}

export function createFakeSession() {
  return {
    webRequest: { onBeforeRequest: vi.fn() },
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn(),
    setSpellCheckerEnabled: vi.fn(),
    setSpellCheckerDictionaryDownloadURL: vi.fn(),
    on: vi.fn(),
  };
}

/**
 * safeStorage as far as the audit anchor uses it: "sealing" is a marker plus base64 (enough to
 * show the file holds no plain text and that an edited file does not unseal).
 */
export function createFakeSafeStorage() {
  const MARK = 'fake-dpapi:';
  return {
    isEncryptionAvailable: vi.fn((): boolean => true),
    encryptString: vi.fn((text: string): Buffer => Buffer.from(MARK + Buffer.from(text, 'utf8').toString('base64'), 'latin1')),
    decryptString: vi.fn((sealed: Buffer): string => {
      const s = sealed.toString('latin1');
      if (!s.startsWith(MARK)) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      const text = Buffer.from(s.slice(MARK.length), 'base64').toString('utf8');
      if (Buffer.from(text, 'utf8').toString('base64') !== s.slice(MARK.length)) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return text;
    }),
  };
}

function createFakeElectron() {
  /** Calls that must happen in order (before/after 'ready'), as they happened. */
  const callLog: string[] = [];
  const app = Object.assign(new EventEmitter(), {
    requestSingleInstanceLock: vi.fn(() => true),
    whenReady: vi.fn(async () => {
      callLog.push('app.whenReady');
    }),
    enableSandbox: vi.fn(() => {
      callLog.push('app.enableSandbox');
    }),
    quit: vi.fn(),
    exit: vi.fn(),
    getPath: vi.fn(() => '/home/user/Documents'),
    commandLine: { hasSwitch: vi.fn((_name: string): boolean => false) },
  });
  const fake = {
    callLog,
    app,
    BrowserWindow: FakeBrowserWindow,
    Menu: { setApplicationMenu: vi.fn() },
    session: { defaultSession: createFakeSession() },
    protocol: {
      registerSchemesAsPrivileged: vi.fn(() => {
        callLog.push('protocol.registerSchemesAsPrivileged');
      }),
      handle: vi.fn(),
    },
    ipcMain: { handle: vi.fn() },
    dialog: { showSaveDialog: vi.fn(), showOpenDialog: vi.fn() },
    contextBridge: { exposeInMainWorld: vi.fn() },
    safeStorage: createFakeSafeStorage(),
    ipcRenderer: { invoke: vi.fn(async (): Promise<unknown> => undefined) },
  };
  return fake;
}

export type ElectronFake = ReturnType<typeof createFakeElectron>;

export const electronFake: ElectronFake = createFakeElectron();

/** A will-navigate / will-redirect / will-frame-navigate event that remembers preventDefault. */
export function navigationEvent(url: string, isMainFrame = true) {
  const event = {
    url,
    isMainFrame,
    prevented: false,
    preventDefault() {
      event.prevented = true;
    },
  };
  return event;
}
