import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, inject, test } from 'vitest';
import { GENESIS_HASH, hashAuditEntry } from '../../renderer/db/audit';
import { hashPassword } from '../../renderer/db/password-hash';
import { SCHEMA_VERSIONS } from '../../renderer/db/schema';
import type { AuditEntry } from '../../renderer/db/types';
import { makeIncoming } from '../bench/seed-incoming';
import { finishApp, openApp, type AppSession } from './browser';
import { firstLogin, gotoNav, login, logout, setUpOffice } from './screens';

// Encryption at rest, tried as someone who copies the profile folder would: grep its IndexedDB
// files. And the one-time move of an installation from before the update, switched off half-way.

const PW = 'Chushi#2026a';
const FINAL = 'Zhengshi#2026b';
const CARRIER = '关于雷霆演习兵力部署的绝密方案';
let app: AppSession | null = null;
const profiles: string[] = [];

afterEach(async (ctx) => {
  await finishApp(app, ctx);
  app = null;
  for (const p of profiles.splice(0)) rmSync(p, { recursive: true, force: true });
});

/** Every file under `dir`, with its bytes. */
function filesOf(dir: string): { path: string; bytes: Buffer }[] {
  const out: { path: string; bytes: Buffer }[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesOf(path));
    else out.push({ path, bytes: readFileSync(path) });
  }
  return out;
}

/** Files of the profile holding `text` as V8 stores strings (two-byte for CJK) or as UTF-8. */
function filesContaining(files: { path: string; bytes: Buffer }[], text: string): string[] {
  const forms = [Buffer.from(text, 'utf16le'), Buffer.from(text, 'utf8')];
  return files.filter((f) => forms.some((b) => f.bytes.includes(b))).map((f) => f.path);
}

function indexedDbFiles(profile: string): { path: string; bytes: Buffer }[] {
  return filesOf(join(profile, 'Default', 'IndexedDB'));
}

describe('encryption at rest', () => {
  test('after a day of work the profile files hold no classified 名称, no names and no roles; the login page still shows the 单位名称', async () => {
    app = await openApp();
    const page = app.page;
    await setUpOffice(page, {
      unitName: '某某县国家保密局',
      admin: { username: 'admin', password: 'Wenshu#2026' },
      people: [{ username: 'baomi', name: '王保密员', roles: ['安全保密管理员'] }, { username: 'like', name: '李科长', roles: ['工作人员'] }],
      password: PW,
    });
    await firstLogin(page, 'baomi', PW, FINAL);
    await gotoNav(page, '涉密载体');
    await page.getByRole('button', { name: '登记', exact: true }).click();
    const form = page.getByRole('form', { name: '涉密载体登记' });
    await form.getByLabel('名称', { exact: true }).fill(CARRIER);
    await form.getByLabel('密级', { exact: true }).click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="机密"]').click();
    await form.getByLabel('页数').fill('12');
    await form.getByLabel('制作单位').fill('作战训练科');
    await form.getByLabel('存放位置').fill('机要室1号保密柜');
    await form.getByRole('button', { name: '登记' }).click();
    await page.getByText('载〔2026〕0001').first().waitFor();
    await expect.poll(() => page.locator('.ant-descriptions').innerText()).toContain(CARRIER);
    await logout(page);
    // The whole day is on disk once the browser has closed its files.
    await app.context.close();

    const files = indexedDbFiles(app.profile);
    expect(files.length).toBeGreaterThan(0);
    // The check can see readable text: the 单位名称 is stored readable on purpose (login page).
    expect(filesContaining(files, '某某县国家保密局').length).toBeGreaterThan(0);
    for (const secret of [CARRIER, '雷霆演习', '作战训练科', '机要室1号保密柜', '王保密员', '李科长', '安全保密管理员', '系统管理员', '工作人员']) {
      expect(filesContaining(files, secret), secret).toEqual([]);
    }
    // Reopened with the same profile, nothing needs a key before sign-in.
    app = await openApp({ profile: app.profile });
    profiles.push(app.profile);
    await app.page.getByText('某某县国家保密局').waitFor();
    await login(app.page, 'baomi', FINAL);
    await gotoNav(app.page, '涉密载体');
    await app.page.getByText(CARRIER).first().waitFor();
  });

  test('an installation from before the update is encrypted at the first sign-in; switched off half-way, it finishes at the next', async () => {
    const N = 6000;
    const records = makeIncoming(N, 77).map((r, i) => ({ ...r, title: i === 17 ? '关于雷霆演习的机密通报' : r.title, classification: i === 17 ? ('机密' as const) : r.classification }));
    const rows = await legacyRows(records);
    const profile = mkdtempSync(join(tmpdir(), 'wenshu-e2e-legacy-'));
    profiles.push(profile);
    app = await openApp({ profile, beforeLoad: (page) => seedLegacyDatabase(page, rows) });
    let page = app.page;
    await login(page, 'admin', 'Guanli#2026x');
    await page.getByText('正在加密本机数据').waitFor();
    // Slow the page down so the switch-off lands half-way, then pull the plug.
    const cdp = await app.context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 20 });
    await page.getByText(/已完成 [1-9][\d,]* \//).waitFor({ timeout: 60_000 });
    const before = progressOf(await page.getByText(/已完成 [\d,]+ \//).innerText());
    expect(before).toBeGreaterThan(0);
    expect(before).toBeLessThan(N);
    await app.context.close();

    // Next morning, the 秘书 signs in first: the move carries on from where it stopped.
    app = await openApp({ profile });
    page = app.page;
    await login(page, 'mishu', 'Zhang#Secr2026');
    const finished = page.getByRole('navigation', { name: '主导航' });
    const resumed = page.getByText(/已完成 [\d,]+ \//);
    const first = await Promise.race([finished.waitFor({ timeout: 120_000 }).then(() => null), resumed.waitFor({ timeout: 120_000 }).then(() => resumed.innerText())]);
    if (first !== null) expect(progressOf(first)).toBeGreaterThanOrEqual(before);
    await finished.waitFor({ timeout: 120_000 });
    await gotoNav(page, '收文登记');
    await page.getByText(`共 ${N} 件`).first().waitFor();
    // Nothing is left readable: every row of every store is sealed but the plain ones.
    const readable = await page.evaluate(rawReadableText);
    expect(readable).not.toContain('雷霆演习');
    expect(readable).not.toContain(records[0]!.fromUnit);
  });
});

function progressOf(text: string): number {
  return Number(/已完成 ([\d,]+)/.exec(text)![1]!.replace(/,/g, ''));
}

/** What the page's IndexedDB holds, as text, with sealed bytes left out: run in the page. */
async function rawReadableText(): Promise<string> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open('wenshu');
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('open failed'));
  });
  const names = [...db.objectStoreNames];
  const tx = db.transaction(names, 'readonly');
  const all = await Promise.all(
    names.map(
      (n) =>
        new Promise<unknown[]>((resolve, reject) => {
          const req = tx.objectStore(n).getAll();
          req.onsuccess = () => resolve(req.result as unknown[]);
          req.onerror = () => reject(req.error ?? new Error('read failed'));
        }),
    ),
  );
  db.close();
  return JSON.stringify(all, (_k, v: unknown) => (v instanceof Uint8Array ? '<sealed>' : v));
}

type LegacyRows = Record<string, Record<string, unknown>[]>;

/** The database an office had before the update (schema v7, every row readable), built in Node. */
async function legacyRows(incoming: ReturnType<typeof makeIncoming>): Promise<LegacyRows> {
  const at = new Date().toISOString();
  const user = async (id: string, username: string, displayName: string, roles: string[], password: string) => ({
    id, username, usernameKey: username, displayName, roles, passwordHash: await hashPassword(password), disabled: false, mustChangePassword: false, createdAt: at, updatedAt: at,
  });
  const users = [await user('u-admin', 'admin', '系统管理员', ['系统管理员'], 'Guanli#2026x'), await user('u-mishu', 'mishu', '张秘书', ['秘书'], 'Zhang#Secr2026')];
  const auditLog: AuditEntry[] = [];
  let prevHash = GENESIS_HASH;
  for (const [i, d] of [
    { action: '系统初始化', entityType: '设置', entityId: 'unitInfo', summary: '单位名称：迁移测试办' },
    { action: '新增用户', entityType: '用户', entityId: 'u-admin', summary: 'admin（系统管理员）' },
    { action: '新增用户', entityType: '用户', entityId: 'u-mishu', summary: 'mishu（张秘书）角色：秘书' },
  ].entries()) {
    const base = { seq: i + 1, time: at, actorId: 'u-admin', actorName: 'admin', ...d, prevHash };
    const entry: AuditEntry = { ...base, hash: hashAuditEntry(base) };
    auditLog.push(entry);
    prevHash = entry.hash;
  }
  const years = new Map<number, number>();
  for (const r of incoming) years.set(r.year, Math.max(years.get(r.year) ?? 0, r.seq));
  return {
    users,
    settings: [
      { key: 'unitInfo', value: { name: '迁移测试办', fondsCode: 'Z001' } },
      { key: 'auditHead', value: { seq: auditLog.length, hash: prevHash } },
    ],
    auditLog: auditLog as unknown as Record<string, unknown>[],
    incoming: incoming as unknown as Record<string, unknown>[],
    counters: [...years].map(([year, last]) => ({ key: `收文|${year}`, series: '收文', year, last })),
  };
}

/** Object stores as Dexie declares them, for schema v7. */
function storesAtV7(): Record<string, string> {
  const stores: Record<string, string> = {};
  for (const v of SCHEMA_VERSIONS) if (v.version <= 7) for (const [k, spec] of Object.entries(v.stores)) if (spec) stores[k] = spec;
  return stores;
}

async function seedLegacyDatabase(page: Page, rows: LegacyRows): Promise<void> {
  // Same origin as the app, but not the app: nothing opens the database before it is built.
  await page.goto(new URL('legacy-seed', inject('baseUrl')).href);
  await page.evaluate(
    async ({ stores, rows }) => {
      const parse = (spec: string) => {
        const [primary, ...indexes] = spec.split(',').map((s) => s.trim());
        const keyOf = (s: string) => (s.startsWith('[') ? s.slice(1, -1).split('+') : s.replace(/^(\+\+|&|\*)/, ''));
        return { primary: keyOf(primary!) as string, auto: primary!.startsWith('++'), indexes: indexes.map((s) => ({ name: s.replace(/^(&|\*)/, ''), keyPath: keyOf(s), unique: s.startsWith('&'), multiEntry: s.startsWith('*') })) };
      };
      await new Promise<void>((resolve, reject) => {
        // Dexie's version N is IndexedDB version N × 10.
        const req = indexedDB.open('wenshu', 70);
        req.onupgradeneeded = () => {
          for (const [name, spec] of Object.entries(stores)) {
            const p = parse(spec);
            const store = req.result.createObjectStore(name, { keyPath: p.primary, autoIncrement: p.auto });
            for (const ix of p.indexes) store.createIndex(ix.name, ix.keyPath, { unique: ix.unique, multiEntry: ix.multiEntry });
          }
        };
        req.onerror = () => reject(req.error ?? new Error('open failed'));
        req.onsuccess = () => {
          const db = req.result;
          const tx = db.transaction(Object.keys(rows), 'readwrite');
          for (const [name, list] of Object.entries(rows)) for (const row of list) tx.objectStore(name).put(row);
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error ?? new Error('write failed'));
        };
      });
    },
    { stores: storesAtV7(), rows },
  );
}
