import path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it, vi } from 'vitest';
import { ipcChannels, ipcContract } from '../../../shared/ipc';
import { electronFake } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronFake);

/** What the preload handed to contextBridge when it ran (once, like in a real page). */
let exposed: { key: string; api: Record<string, unknown> } | undefined;

async function exposedApi(): Promise<{ key: string; api: Record<string, unknown> }> {
  if (exposed) return exposed;
  await import('../../../electron/preload');
  const calls = electronFake.contextBridge.exposeInMainWorld.mock.calls;
  expect(calls).toHaveLength(1);
  const [key, api] = calls[0] as [string, Record<string, unknown>];
  exposed = { key, api };
  return exposed;
}

describe('preload', () => {
  it('exposes window.wenshu with exactly one method per contract channel', async () => {
    const { key, api } = await exposedApi();
    expect(key).toBe('wenshu');
    const methods = ipcChannels.map((channel) => ipcContract[channel].method);
    expect(Object.keys(api).sort()).toEqual([...methods].sort());
    for (const value of Object.values(api)) expect(value).toBeTypeOf('function');
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('exposes nothing generic: no ipcRenderer, send, on or invoke', async () => {
    const { api } = await exposedApi();
    for (const name of ['ipcRenderer', 'send', 'on', 'invoke', 'sendSync', 'postMessage']) {
      expect(api).not.toHaveProperty(name);
    }
  });

  it.each(ipcChannels)('the method for %s invokes that channel with only its request', async (channel) => {
    const { api } = await exposedApi();
    electronFake.ipcRenderer.invoke.mockClear();
    electronFake.ipcRenderer.invoke.mockResolvedValueOnce({ ok: channel });
    const method = api[ipcContract[channel].method] as (...args: unknown[]) => Promise<unknown>;
    const request = { probe: channel };
    await expect(method(request, 'smuggled second argument')).resolves.toEqual({ ok: channel });
    expect(electronFake.ipcRenderer.invoke).toHaveBeenCalledTimes(1);
    expect(electronFake.ipcRenderer.invoke).toHaveBeenCalledWith(channel, request);
  });

  it('bundles into one file whose only require is electron (it runs sandboxed)', async () => {
    const result = await build({
      entryPoints: [path.resolve(__dirname, '../../../electron/preload.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      external: ['electron'],
      write: false,
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]?.text ?? '';
    const requires = [...code.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    expect(new Set(requires)).toEqual(new Set(['electron']));
  });
});
