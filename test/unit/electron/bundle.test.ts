// The bundles Electron actually loads (dist/electron/*.cjs), built as scripts/build-electron.mjs
// builds them, then run in Node against a fake electron: proves the bundling itself (CJS,
// __dirname paths, only 'electron' external) and not just the TypeScript sources.

import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { electronBuilds } from '../../../scripts/build-electron.mjs';
import { ipcChannels } from '../../../shared/ipc';
import { electronFake, type ElectronFake } from './fake-electron';

type Loader = (request: string, parent: unknown, isMain: boolean) => unknown;
// Module._load is Node's internal CommonJS loader hook; @types/node does not declare it.
const moduleInternals = Module as unknown as { _load: Loader };

let base: string;

/** require() a bundle with 'electron' resolved to the given fake. */
function loadWithFakeElectron(file: string, fake: ElectronFake): void {
  const original = moduleInternals._load;
  moduleInternals._load = function load(request, parent, isMain) {
    return request === 'electron' ? fake : original.call(this, request, parent, isMain);
  };
  try {
    createRequire(import.meta.url)(file);
  } finally {
    moduleInternals._load = original;
  }
}

beforeAll(async () => {
  base = await mkdtemp(path.join(tmpdir(), 'wenshu-bundle-'));
  await mkdir(path.join(base, 'renderer'));
  await writeFile(path.join(base, 'renderer', 'index.html'), '<!doctype html><title>文枢</title>');
  const outDir = path.join(base, 'electron');
  for (const options of electronBuilds({ development: false, outDir })) {
    await build({ ...options, logLevel: 'silent' });
  }
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

describe('built bundles', () => {
  it('main.cjs boots: scheme, lockdown, IPC, window with the sibling preload, app page served', async () => {
    const fake = electronFake;
    loadWithFakeElectron(path.join(base, 'electron', 'main.cjs'), fake);
    await new Promise((resolve) => setTimeout(resolve, 0));

    expect(fake.protocol.registerSchemesAsPrivileged).toHaveBeenCalled();
    expect(fake.session.defaultSession.webRequest.onBeforeRequest).toHaveBeenCalled();
    const channels = fake.ipcMain.handle.mock.calls.map((call) => call[0]);
    expect(channels.sort()).toEqual([...ipcChannels].sort());

    const window = fake.BrowserWindow.instances.at(-1);
    const prefs = window?.options.webPreferences as { preload: string; devTools: boolean };
    expect(prefs.preload).toBe(path.join(base, 'electron', 'preload.cjs'));
    expect(prefs.devTools).toBe(false); // production build: NODE_ENV baked in

    const handler = fake.protocol.handle.mock.calls.at(-1)?.[1] as (r: Request) => Promise<Response>;
    const response = await handler(new Request('app://wenshu/index.html'));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('文枢');
  });

  it('preload.cjs exposes window.wenshu through contextBridge', () => {
    const fake = electronFake;
    fake.contextBridge.exposeInMainWorld.mockClear();
    loadWithFakeElectron(path.join(base, 'electron', 'preload.cjs'), fake);
    const [key, api] = fake.contextBridge.exposeInMainWorld.mock.calls[0] as [string, object];
    expect(key).toBe('wenshu');
    expect(Object.keys(api).sort()).toEqual(
      ['abortWrite', 'appendWrite', 'backupFolder', 'beginWrite', 'chooseBackupFolder', 'finishWrite', 'openFile', 'openFileForReading', 'readFileRange', 'closeReadFile', 'print', 'printToPdf', 'readAuditAnchor', 'saveFile', 'writeAuditAnchor', 'sealSecret', 'openSecret', 'lanPair', 'lanLink', 'lanPost', 'lanUnpair'].sort(),
    );
  });
});
