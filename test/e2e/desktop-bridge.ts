import { randomUUID } from 'node:crypto';
import { closeSync, openSync, readFileSync, readSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Page } from 'playwright-core';
import { ipcContract, type IpcChannel, type IpcRequest } from '../../shared/ipc';
import { lanChannels, nodeLanClient } from '../../electron/lan-ipc';
import type { LanLink } from '../../electron/lan-link';

// The desktop shell's bridge (window.wenshu) for a test page, with a Node stand-in for the main
// process: the renderer then runs its Electron platform code exactly as in the desktop app.
// Every request and response is checked against the real IPC contract (shared/ipc.ts). Files go
// to `dir`; "save" dialogs accept the suggested name, the "open" dialog returns `bridge.nextOpen`;
// printToPdf is Chromium's own Page.printToPDF (what Electron's webContents.printToPDF calls).

export interface DesktopBridge {
  dir: string;
  /** Paths written, in order. */
  written: string[];
  /** The file the next open dialog returns (null: the user cancels). */
  nextOpen: string | null;
  /** Sizes of the ranges read through file:read, in order (a file opened for reading is never sent whole). */
  reads: number[];
  /** Each file:read answers this much later (a slow USB disk: a restore that lasts long enough to be cut). */
  readDelayMs: number;
  /** What the anchor file holds (main keeps it on disk: a reopened app is given it back). */
  readonly anchor: { seq: number; hash: string } | null;
  /** The seat's pairing with a LAN server, as main keeps it (sealed in a file there; held here). */
  readonly lanLink: LanLink | null;
  /** The network cable pulled: every request to the LAN server fails as unreachable. */
  lanCut: boolean;
}

type Encoded = { __b64: string } | Encoded[] | { [k: string]: Encoded } | string | number | boolean | null;

function decode(v: Encoded): unknown {
  if (Array.isArray(v)) return v.map(decode);
  if (v && typeof v === 'object') {
    if ('__b64' in v && typeof v.__b64 === 'string') return new Uint8Array(Buffer.from(v.__b64, 'base64'));
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, decode(x as Encoded)]));
  }
  return v;
}

function encode(v: unknown): Encoded {
  if (v instanceof Uint8Array) return { __b64: Buffer.from(v).toString('base64') };
  if (Array.isArray(v)) return v.map(encode);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, encode(x)]));
  return v as Encoded;
}

/** Runs in the page before the app: window.wenshu with one method per contract channel. */
function pageBridge(methods: string[]): void {
  const enc = (v: unknown): unknown => {
    if (v instanceof Uint8Array) {
      let s = '';
      for (let i = 0; i < v.length; i += 0x8000) s += String.fromCharCode(...v.subarray(i, i + 0x8000));
      return { __b64: btoa(s) };
    }
    if (Array.isArray(v)) return v.map(enc);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, enc(x)]));
    return v;
  };
  const dec = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(dec);
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof o['__b64'] === 'string') return Uint8Array.from(atob(o['__b64']), (c) => c.charCodeAt(0));
      return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, dec(x)]));
    }
    return v;
  };
  const call = (window as unknown as { __wenshuMain: (m: string, p: unknown) => Promise<string> }).__wenshuMain;
  const api: Record<string, (p?: unknown) => Promise<unknown>> = {};
  for (const m of methods) api[m] = async (p?: unknown) => {
      const text = await call(m, enc(p ?? null));
      return text === '' ? undefined : dec(JSON.parse(text) as unknown);
    };
  Object.defineProperty(window, 'wenshu', { value: Object.freeze(api), configurable: false });
}

/** Installs the bridge; call before the app is loaded (openApp's beforeLoad). */
export async function installDesktopBridge(page: Page, dir: string, keptAnchor: { seq: number; hash: string } | null = null): Promise<DesktopBridge> {
  let anchor: { seq: number; hash: string } | null = keptAnchor;
  const bridge: DesktopBridge = {
    dir,
    written: [],
    nextOpen: null,
    reads: [],
    readDelayMs: 0,
    get anchor() {
      return anchor;
    },
    get lanLink() {
      return lanLink;
    },
    lanCut: false,
  };
  const streams = new Map<string, { path: string; parts: Buffer[] }>();
  const reads = new Map<string, string>();
  // The lan:* channels run main's own code (electron/lan-ipc.ts) against whatever server a test
  // starts; only the sealed file is a variable here.
  let lanLink: LanLink | null = null;
  const lan = lanChannels(
    {
      canSave: () => true,
      load: async () => lanLink,
      save: async (link) => {
        lanLink = link;
      },
      remove: async () => {
        lanLink = null;
      },
    },
    nodeLanClient,
  );
  const byMethod = new Map(Object.entries(ipcContract).map(([channel, c]) => [c.method as string, channel as IpcChannel]));

  const handlers: Record<string, (req: Record<string, unknown>) => Promise<unknown>> = {
    async saveFile(req) {
      const path = join(dir, String(req['suggestedName']));
      writeFileSync(path, req['data'] as Uint8Array);
      bridge.written.push(path);
      return { saved: true, path };
    },
    async openFile() {
      if (!bridge.nextOpen) return null;
      const path = bridge.nextOpen;
      bridge.nextOpen = null;
      return { name: basename(path), data: new Uint8Array(readFileSync(path)) };
    },
    async openFileForReading() {
      if (!bridge.nextOpen) return null;
      const path = bridge.nextOpen;
      bridge.nextOpen = null;
      const token = randomUUID();
      reads.set(token, path);
      return { name: basename(path), size: statSync(path).size, token };
    },
    async readFileRange(req) {
      // As main does (electron/read-files.ts): only the range asked for, never past the end.
      const path = reads.get(String(req['token']));
      if (!path) throw new Error('unknown read token');
      if (bridge.readDelayMs) await new Promise((r) => setTimeout(r, bridge.readDelayMs));
      const offset = Number(req['offset']);
      const length = Math.max(0, Math.min(Number(req['length']), statSync(path).size - offset));
      const data = new Uint8Array(length);
      const fd = openSync(path, 'r');
      try {
        readSync(fd, data, 0, length, offset);
        bridge.reads.push(length);
      } finally {
        closeSync(fd);
      }
      return data;
    },
    async closeReadFile(req) {
      reads.delete(String(req['token']));
    },
    async printToPdf(req) {
      const data = new Uint8Array(await page.pdf({ preferCSSPageSize: true, printBackground: true, landscape: req['landscape'] === true }));
      if (req['mode'] === 'bytes') return { kind: 'bytes', data };
      const path = join(dir, String(req['suggestedName'] ?? '文枢导出.pdf'));
      writeFileSync(path, data);
      bridge.written.push(path);
      return { kind: 'saved', path };
    },
    async print() {
      return { printed: false };
    },
    async chooseBackupFolder() {
      return { chosen: false, reason: 'cancelled' };
    },
    async backupFolder() {
      return null;
    },
    async beginWrite(req) {
      if (req['target'] !== 'dialog') return { started: false, reason: 'noFolder' };
      const handle = randomUUID();
      const path = join(dir, String(req['suggestedName']));
      streams.set(handle, { path, parts: [] });
      return { started: true, handle, path };
    },
    async appendWrite(req) {
      streams.get(String(req['handle']))!.parts.push(Buffer.from(req['data'] as Uint8Array));
      return undefined;
    },
    async finishWrite(req) {
      const s = streams.get(String(req['handle']))!;
      streams.delete(String(req['handle']));
      writeFileSync(s.path, Buffer.concat(s.parts));
      bridge.written.push(s.path);
      return { path: s.path, removed: [] };
    },
    async abortWrite(req) {
      streams.delete(String(req['handle']));
      return undefined;
    },
    // The audit anchor main keeps outside IndexedDB (a sealed file there; here the bridge holds it),
    // and the OS keystore's seal (here base64 of the text: what matters is the round trip).
    async readAuditAnchor() {
      return anchor;
    },
    async writeAuditAnchor(req) {
      anchor = { seq: Number(req['seq']), hash: String(req['hash']) };
      return undefined;
    },
    async sealSecret(req) {
      return { sealed: Buffer.from(String(req['text'])).toString('base64') };
    },
    async openSecret(req) {
      return { text: Buffer.from(String(req['sealed']), 'base64').toString() };
    },
    lanPair: (req) => lan.pair(req as IpcRequest<'lan:pair'>),
    lanLink: () => lan.link(),
    lanPost: (req) => (bridge.lanCut ? Promise.resolve({ ok: false, status: 0, message: '无法连接服务器：connect ECONNREFUSED' }) : lan.post(req as IpcRequest<'lan:post'>)),
    lanUnpair: () => lan.unpair(),
  };

  await page.exposeFunction('__wenshuMain', async (method: string, payload: Encoded) => {
    const channel = byMethod.get(method);
    const handler = handlers[method];
    if (!channel || !handler) throw new Error(`no such bridge method: ${method}`);
    const contract = ipcContract[channel];
    const req = contract.request.parse(decode(payload) ?? undefined) as Record<string, unknown>;
    const res = contract.response.parse(await handler(req ?? {}));
    // One string: playwright's own serializer walks every value of an object (a pull page of 2,000
    // 收文 took ~1 s through it), where Electron's IPC is a structured clone.
    return res === undefined ? '' : JSON.stringify(encode(res));
  });
  await page.addInitScript(pageBridge, [...byMethod.keys()]);
  return bridge;
}
