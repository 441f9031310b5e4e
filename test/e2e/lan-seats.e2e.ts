import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { lanPost } from '../../electron/lan-client';
import { addAccount } from '../../electron/server/accounts';
import { OFFICE_ACCOUNTS, OFFICE_PASSWORDS, startLanServer, type TestLanServer } from '../fixtures/lan-server';
import { finishApp, openApp, type AppSession } from './browser';
import { installDesktopBridge, type DesktopBridge } from './desktop-bridge';
import { addDepartment, addPeople, completeSetup, fillPairingForm, firstLogin, gotoNav, incomingStep, login, logout, newMeeting, pickName, setUpOffice } from './screens';

// Two, then three PCs as seats of one office LAN server (issue #19): each a Chromium profile of its
// own running the desktop app's code path (its bridge runs main's lan:* code), the server real
// (HTTPS, a throwaway PostgreSQL). Pulling a seat's cable is the bridge's lanCut.

const ADMIN = { username: 'admin', password: 'Wenshu#2026' };
const PW = OFFICE_PASSWORDS;
const SERVER_ADMIN_PW = 'Fuwuqi#2026-abc';
const SERVER_SECRECY_PW = 'Baomi#2026-xyz';

let lan: TestLanServer;
const apps: AppSession[] = [];
beforeAll(async () => {
  lan = await startLanServer(OFFICE_ACCOUNTS);
}, 60_000);
afterAll(async () => {
  await lan?.stop();
});
afterEach(async (ctx) => {
  for (const app of apps.splice(0)) await finishApp(app, ctx);
});

interface SeatPc {
  page: Page;
  bridge: DesktopBridge;
  errors: string[];
}

/**
 * A PC set up by its 系统管理员, paired with the server from what it printed, then used by `login`;
 * `standalone` sets it up and uses it alone first (it ends signed out).
 */
async function seatPc(name: string, account: keyof typeof PW, opts: { department?: string; standalone?: (page: Page) => Promise<void> } = {}): Promise<SeatPc> {
  const { department } = opts;
  let bridge: DesktopBridge | null = null;
  const app = await openApp({ beforeLoad: async (p) => void (bridge = await installDesktopBridge(p, mkdtempSync(join(tmpdir(), 'wenshu-seat-')))) });
  apps.push(app);
  const { page } = app;
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  if (opts.standalone) await opts.standalone(page);
  else await completeSetup(page, { unitName: '某某县人民政府办公室', fondsCode: 'Z109', ...ADMIN });
  await login(page, ADMIN.username, ADMIN.password);
  // This PC's 机构 (the 承办 dialog's 主办单位): settings of the PC, as before pairing.
  if (department) await addDepartment(page, '001', department);
  const form = await fillPairingForm(page, { port: lan.running.port, code: await lan.newCode(), fingerprint: lan.identity.fingerprint, name });
  await form.getByRole('button', { name: '配对' }).click();
  await page.getByLabel('局域网配对').waitFor();
  await logout(page);
  // An office account of the server, new to this PC: it signs in with the server.
  await login(page, account, PW[account]);
  await page.getByLabel('局域网状态').getByText('局域网：在线').waitFor();
  return { page, bridge: bridge as unknown as DesktopBridge, errors };
}

/** 登记 by mouse and keys: the fields a 收文 needs; returns the number the save message gave (a standalone PC numbers `here`). */
async function register(page: Page, v: { docNumber: string; title: string; internal?: boolean; readOnly?: boolean }, numbered: 'server' | 'here' = 'server'): Promise<string> {
  await gotoNav(page, '收文登记');
  await page.getByRole('button', { name: '登记', exact: true }).click();
  const form = page.getByRole('form', { name: '收文登记' });
  await form.waitFor();
  if (numbered === 'server') expect(await page.locator('#ws-serial').inputValue()).toBe('由服务器编号');
  else await expect.poll(() => page.locator('#ws-serial').inputValue()).toMatch(/^收〔\d{4}〕\d{4}$/);
  await page.getByLabel('来文单位').fill('县财政局');
  await page.getByLabel('来文字号').fill(v.docNumber);
  await page.getByLabel('标题').fill(v.title);
  await page.getByLabel('文种').click();
  await page.keyboard.type('通知');
  await page.locator('.ant-select-item-option-active[title="通知"]').click();
  if (v.internal) await form.getByText('内部', { exact: true }).click();
  if (v.readOnly) await form.getByText('阅件', { exact: true }).click();
  await page.getByLabel('页数').fill('3');
  await page.keyboard.press('Control+S');
  const saved = page.getByText(/^已登记 /);
  await saved.first().waitFor();
  const serial = (await saved.first().innerText()).replace(/^已登记 /, '').trim();
  await saved.first().waitFor({ state: 'detached' }).catch(() => undefined);
  return serial;
}

/** 立即同步, then the register as this PC holds it: 收文编号 and 标题 of each row. */
async function registerRows(page: Page): Promise<string[]> {
  await page.getByLabel('局域网状态').getByRole('button', { name: '立即同步' }).click();
  await gotoNav(page, '收文登记');
  const rows = page.locator('tbody tr[data-row-key]');
  await rows.first().waitFor({ timeout: 3000 }).catch(() => undefined);
  return rows.evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).innerText.replace(/\s+/g, ' ')));
}

/** The ids of the 收文 rows in every Wenshu database of this profile (keys are readable: rows are sealed). */
async function heldIncomingIds(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const ids: string[] = [];
    for (const info of await indexedDB.databases()) {
      if (!info.name) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open(info.name!);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      if (db.objectStoreNames.contains('incoming')) {
        const keys = await new Promise<IDBValidKey[]>((resolve, reject) => {
          const req = db.transaction('incoming').objectStore('incoming').getAllKeys();
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        });
        ids.push(...keys.map(String));
      }
      db.close();
    }
    return ids;
  });
}

describe('局域网座席', () => {
  test('seat A registers and B sees it; B offline registers two (待编号) while A registers one; B back gets the next numbers; 办结 on both at once: one wins, the other is told 已被他人处理; the uninvolved 工作人员 never holds the 内部 record', async () => {
    const a = await seatPc('张秘书的电脑', 'zhang');
    const b = await seatPc('李秘书的电脑', 'li');

    const first = await register(a.page, { docNumber: '县财发〔2026〕1号', title: '关于做好年终财务决算工作的通知', readOnly: true });
    expect(first).toBe('收〔2026〕0001');
    await expect.poll(() => registerRows(b.page), { timeout: 15_000 }).toEqual([expect.stringContaining('收〔2026〕0001')]);

    // B's cable is pulled: two registered here, numbered 待编号 until the server is back.
    b.bridge.lanCut = true;
    const p1 = await register(b.page, { docNumber: '县财发〔2026〕2号', title: '离线登记的第一件' });
    const p2 = await register(b.page, { docNumber: '县财发〔2026〕3号', title: '离线登记的第二件' });
    expect(p1).toMatch(/^待编号·/);
    expect(p2).toMatch(/^待编号·/);
    await b.page.getByLabel('局域网状态').getByText('局域网：离线').waitFor();
    await b.page.getByLabel('局域网状态').getByText('待上传 2').waitFor();
    const meanwhile = await register(a.page, { docNumber: '县财发〔2026〕4号', title: '张秘书同时登记的' });
    expect(meanwhile).toBe('收〔2026〕0002');

    b.bridge.lanCut = false;
    await expect.poll(() => registerRows(b.page), { timeout: 20_000 }).toEqual([
      expect.stringContaining('收〔2026〕0004 '),
      expect.stringContaining('收〔2026〕0003 '),
      expect.stringContaining('收〔2026〕0002 '),
      expect.stringContaining('收〔2026〕0001 '),
    ]);
    const rowsB = await registerRows(b.page);
    expect(rowsB.find((r) => r.includes('0003'))).toContain('离线登记的第一件');
    expect(rowsB.find((r) => r.includes('0004'))).toContain('离线登记的第二件');
    await b.page.getByLabel('局域网状态').getByText('局域网：在线').waitFor();
    const onServer = await lan.pool.query<{ serial: string }>(`SELECT row->>'serial' AS serial FROM records WHERE tbl = 'incoming' ORDER BY row->>'serial'`);
    expect(onServer.rows.map((r) => r.serial)).toEqual(['收〔2026〕0001', '收〔2026〕0002', '收〔2026〕0003', '收〔2026〕0004']);

    // 0001 (a 阅件 once 传阅 and read, done on the server by another PC of 张秘书's) is closed on both at once.
    const other = await lanPost<{ seatId: string; seatSecret: string }>(lan.pinned, '/api/pair', { code: await lan.newCode(), name: '张秘书的笔记本' });
    const { token, account } = await lanPost<{ token: string; account: { id: string } }>(lan.pinned, '/api/sign-in', { ...other, login: 'zhang', password: PW.zhang });
    const id = (await lan.pool.query<{ id: string }>(`SELECT id FROM records WHERE row->>'serial' = '收〔2026〕0001'`)).rows[0]!.id;
    for (const action of [{ type: '传阅', readers: [{ userId: account.id, name: '张秘书' }] }, { type: '已阅', userId: account.id }]) {
      expect(await lanPost(lan.pinned, '/api/command', { clientId: crypto.randomUUID(), name: 'incoming.act', input: { id, action } }, token)).toMatchObject({ ok: true, result: { id } });
    }
    for (const s of [a, b]) {
      await registerRows(s.page);
      await s.page.goto(`${s.page.url().split('#')[0]}#/incoming/${id}`);
      await s.page.getByRole('button', { name: '办结', exact: true }).click();
      await s.page.getByRole('dialog', { name: /^办结：/ }).waitFor();
    }
    const submit = (s: SeatPc) => s.page.getByRole('dialog', { name: /^办结：/ }).getByRole('button', { name: '办结', exact: true }).click();
    await Promise.all([submit(a), submit(b)]);
    // Both see the record 已办结 (the loser's as the server has it); the loser is told so.
    for (const s of [a, b]) await s.page.getByText('已办结').first().waitFor();
    await expect.poll(async () => (await a.page.getByText(/^已被他人处理：/).count()) + (await b.page.getByText(/^已被他人处理：/).count()), { timeout: 15_000 }).toBe(1);
    const loser = (await a.page.getByText(/^已被他人处理：/).count()) > 0 ? a : b;
    await loser.page.screenshot({ path: join(tmpdir(), 'wenshu-seat-conflict.png') });
    await loser.page.locator('.ant-notification-notice-close').click();
    expect((await lan.pool.query(`SELECT row->>'state' AS state FROM records WHERE id = $1`, [id])).rows[0].state).toBe('已办结');
    expect((await lan.pool.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = '收文办结'`)).rows[0].n).toBe(1);

    // A 内部 one named nobody: the 工作人员's PC never holds it; the 非密 ones reach it.
    await register(a.page, { docNumber: '县委组〔2026〕9号', title: '内部事项：干部考察安排', internal: true });
    const internalId = (await lan.pool.query<{ id: string }>(`SELECT id FROM records WHERE row->>'classification' = '内部'`)).rows[0]!.id;
    const c = await seatPc('王科员的电脑', 'wang');
    await expect.poll(() => heldIncomingIds(c.page), { timeout: 15_000 }).toContain(id);
    await registerRows(c.page);
    const held = await heldIncomingIds(c.page);
    expect(held).toHaveLength(4);
    expect(held).not.toContain(internalId);

    for (const s of [a, b, c]) expect(s.errors).toEqual([]);
  }, 240_000);

  test('督办: A 承办s a 批示 件 through its dialog, the server numbers the 督办 事项; B lists it, reports progress; A sees it 推进中; A’s 口头交办 is numbered next and B lists it', async () => {
    const a = await seatPc('张秘书的办公电脑', 'zhang', { department: '办公室' });
    const b = await seatPc('李秘书的办公电脑', 'li');
    const serial = await register(a.page, { docNumber: '县住建发〔2026〕7号', title: '关于加快推进老旧小区改造的通知' });
    await gotoNav(a.page, '收文登记');
    await a.page.getByRole('link', { name: serial }).click();
    const dialog = () => a.page.getByRole('dialog');
    await incomingStep(a.page, '初审');
    await incomingStep(a.page, '拟办', () => dialog().getByLabel('拟办意见').fill('拟请办公室牵头办理'));
    await incomingStep(a.page, '批示', async () => {
      await pickName(a.page, dialog(), '批示领导', '王局长');
      await dialog().getByLabel('批示内容').fill('同意，抓紧办理');
    });
    await a.page.getByRole('button', { name: '承办', exact: true }).click();
    const assign = a.page.getByRole('dialog', { name: /^承办：/ });
    await assign.getByLabel('主办单位').click();
    await a.page.locator('.ant-select-item-option[title="办公室"]').click();
    await assign.getByLabel('办理时限', { exact: true }).fill('5');
    // 设定办理时限后列入督办: the 事项 is worded from the 标题 and the 批示.
    expect(await assign.getByLabel('督办事项').inputValue()).toContain('关于加快推进老旧小区改造的通知');
    await assign.getByRole('button', { name: '承办', exact: true }).click();
    await assign.waitFor({ state: 'detached' });
    await a.page.getByText('承办中').first().waitFor();

    // Numbered on the server, in the office's one series.
    const year = new Date().getFullYear();
    const taskSerial = `督〔${year}〕0001`;
    expect((await lan.pool.query(`SELECT row->>'serial' AS serial FROM records WHERE tbl = 'tasks'`)).rows).toEqual([{ serial: taskSerial }]);

    // B: 立即同步, then the 督办 list; 进展反馈 through the server.
    const openTask = async (s: SeatPc) => {
      await s.page.getByLabel('局域网状态').getByRole('button', { name: '立即同步' }).click();
      await gotoNav(s.page, '督办事项');
      await s.page.getByRole('link', { name: taskSerial }).click({ timeout: 15_000 });
      await s.page.getByRole('table', { name: '进展反馈' }).waitFor();
    };
    await openTask(b);
    await b.page.getByRole('button', { name: '进展反馈' }).click();
    const report = b.page.getByRole('dialog');
    await report.getByLabel('进展情况').fill('已召开协调会，实施方案起草中');
    await report.getByRole('button', { name: '保存' }).click();
    await report.waitFor({ state: 'detached' });
    await expect.poll(() => b.page.getByRole('table', { name: '进展反馈' }).innerText()).toContain('实施方案起草中');
    expect((await lan.pool.query(`SELECT row->>'state' AS state FROM records WHERE tbl = 'tasks'`)).rows).toEqual([{ state: '推进中' }]);
    await b.page.screenshot({ path: join(tmpdir(), 'wenshu-seat-task.png') });

    // A pulls it: the report B made is on A's 督办 page.
    await expect
      .poll(async () => {
        await openTask(a);
        return a.page.getByRole('table', { name: '进展反馈' }).innerText();
      }, { timeout: 20_000 })
      .toContain('实施方案起草中');

    // A 口头交办 entered on A through 新建督办: numbered by the server, in the same series; B lists it.
    await gotoNav(a.page, '督办事项');
    await a.page.getByRole('button', { name: '新建督办' }).click();
    const taskForm = a.page.getByRole('form', { name: '新建督办' });
    await taskForm.getByLabel('交办人').fill('王局长');
    await taskForm.getByLabel('督办内容').fill('督促完成城区燃气管道隐患排查');
    await taskForm.getByLabel('责任单位').click();
    await a.page.locator('.ant-select-item-option[title="办公室"]').click();
    await taskForm.getByRole('button', { name: '保存' }).click();
    await a.page.getByText('口头交办（王局长）').waitFor();
    const oralSerial = `督〔${year}〕0002`;
    expect((await lan.pool.query(`SELECT row->'source'->>'kind' AS kind FROM records WHERE tbl = 'tasks' AND row->>'serial' = $1`, [oralSerial])).rows).toEqual([{ kind: '口头交办' }]);
    await b.page.getByLabel('局域网状态').getByRole('button', { name: '立即同步' }).click();
    await gotoNav(b.page, '督办事项');
    await b.page.getByRole('link', { name: oralSerial }).waitFor({ timeout: 15_000 });
    for (const s of [a, b]) expect(s.errors).toEqual([]);
  }, 180_000);

  test('交本机记录: a PC used alone pairs; its 秘书, signed in with the server, hands its 收文 over from the header; numbers the server gave meanwhile are renumbered, 原编号 kept, and the server’s own come down', async () => {
    // On the LAN already, from another PC: two 收文 (whatever numbers the file's tests left).
    const other = await lanPost<{ seatId: string; seatSecret: string }>(lan.pinned, '/api/pair', { code: await lan.newCode(), name: '李秘书的笔记本' });
    const { token } = await lanPost<{ token: string }>(lan.pinned, '/api/sign-in', { ...other, login: 'li', password: PW.li });
    for (const n of [1, 2]) {
      const registration = { receivedDate: new Date().toISOString().slice(0, 10), fromUnit: '县财政局', docNumber: `县财发〔2026〕9${n}号`, title: `服务器上先登记的第${n}件`, docType: '通知', classification: '非密', copies: 1, pages: 1, urgency: '普通', signedBy: '李秘书', handling: '阅件' };
      expect(await lanPost(lan.pinned, '/api/command', { clientId: crypto.randomUUID(), name: 'incoming.register', input: { registration } }, token)).toMatchObject({ ok: true });
    }
    const local: string[] = [];
    const LOCAL = { password: 'Bendi#Mima2026', final: 'Bendi#Final2026' };
    const pc = await seatPc('张秘书原来的单机', 'zhang', {
      standalone: async (page) => {
        // Used alone until now: its own 秘书 account, its own numbers.
        await setUpOffice(page, { unitName: '某某县人民政府办公室', admin: ADMIN, people: [{ username: 'xiaozhang', name: '张秘书', roles: ['秘书'] }], password: LOCAL.password });
        await firstLogin(page, 'xiaozhang', LOCAL.password, LOCAL.final);
        local.push(await register(page, { docNumber: '县民发〔2026〕1号', title: '本机单机登记的第一件' }, 'here'));
        local.push(await register(page, { docNumber: '县民发〔2026〕2号', title: '本机单机登记的第二件' }, 'here'));
        await logout(page);
      },
    });
    expect(local).toEqual(['收〔2026〕0001', '收〔2026〕0002']);
    const { page } = pc;
    const header = page.getByLabel('局域网状态');
    // The server's 0001 and 0002 clash with this PC's: listed, not written, until these are handed over.
    await header.getByRole('button', { name: '交本机记录 2' }).click();
    const dialog = page.getByRole('dialog', { name: '把本机记录交到服务器' });
    await dialog.getByText(/收文 2 件、会议 0 个、督办事项 0 件将交到服务器/).waitFor();
    await page.screenshot({ path: join(tmpdir(), 'wenshu-seat-adopt-plan.png') });
    await dialog.getByRole('button', { name: '交到服务器' }).click();
    await dialog.getByText('已交到服务器 2 件').waitFor();
    const moved = (await dialog.getByRole('list', { name: '重新编号' }).innerText()).split('\n').filter(Boolean);
    expect(moved).toHaveLength(2);
    expect(moved[0]).toMatch(/^收〔2026〕0001 → 收〔2026〕\d{4}$/);
    expect(moved[1]).toMatch(/^收〔2026〕0002 → 收〔2026〕\d{4}$/);
    await page.screenshot({ path: join(tmpdir(), 'wenshu-seat-adopt.png') });
    await dialog.getByRole('button', { name: '关闭', exact: true }).last().click();
    await header.getByRole('button', { name: /^交本机记录/ }).waitFor({ state: 'detached' });

    // On the server under its numbers, 原编号 kept; this PC holds them so, and the server's 0001 and 0002 now.
    const mine = (await lan.pool.query<{ serial: string; legacy: string }>(`SELECT row->>'serial' AS serial, row->>'legacyNumber' AS legacy FROM records WHERE row->>'title' LIKE '本机单机登记的%' ORDER BY row->>'serial'`)).rows;
    expect(mine.map((r) => r.legacy)).toEqual(['收〔2026〕0001', '收〔2026〕0002']);
    expect(mine.map((r) => `收〔2026〕0001 → ${r.serial}`)[0]).toBe(moved[0]);
    // The server's own 0001, kept off this PC while this PC's 0001 held the number, comes down now.
    const serverFirst = (rows: string[]) => rows.find((r) => r.includes('收〔2026〕0001') && !r.includes('本机单机登记'));
    await expect.poll(async () => serverFirst(await registerRows(page)) ?? '', { timeout: 20_000 }).not.toBe('');
    expect((await registerRows(page)).find((r) => r.includes(mine[0]!.serial))).toContain('本机单机登记的第一件');
    expect(await page.getByRole('button', { name: '待处理冲突' }).count()).toBe(0);
    expect(pc.errors).toEqual([]);
  }, 180_000);

  test('会议纪要 on the LAN: A records a meeting and its minutes and issues them through the server (numbered there, its 议定事项 in 督办); B pulls both', async () => {
    const a = await seatPc('张秘书的会议电脑', 'zhang', { department: '办公室' });
    const b = await seatPc('李秘书的会议电脑', 'li');
    // The 人员名录 is this PC's own (invitees are picked from it).
    await addPeople(a.page, [
      { name: '张县长', unit: '县人民政府', title: '县长' },
      { name: '赵局长', unit: '县财政局', title: '局长' },
    ]);
    const today = new Date().toISOString().slice(0, 10);
    await newMeeting(a.page, { name: '县政府第20次常务会议', startAt: `${today} 09:00`, attend: ['张县长'], sitIn: ['赵局长'] });
    expect((await lan.pool.query(`SELECT row->>'name' AS name FROM records WHERE tbl = 'meetings'`)).rows).toEqual([{ name: '县政府第20次常务会议' }]);

    await a.page.getByRole('button', { name: '编写纪要' }).click();
    const editor = a.page.getByRole('form', { name: '编写纪要' });
    await editor.getByLabel('会议主要情况').fill('会议研究了冬季供暖保障工作。');
    await editor.getByRole('button', { name: '添加议定事项' }).click();
    const decision = editor.getByRole('group', { name: '议定事项 1' });
    await decision.getByLabel('事项内容').fill('县政府办公室印发冬季供暖保障工作通知');
    await pickName(a.page, decision, '责任单位', '办公室');
    await decision.getByLabel('完成时限').fill('5个工作日');
    await editor.getByRole('button', { name: '保存' }).click();
    await a.page.getByRole('table', { name: '议定事项' }).waitFor();

    // 签发: the number is the server's, given at 签发; the 议定事项 becomes a 督办 事项 there.
    await a.page.getByRole('button', { name: '签发', exact: true }).click();
    const dialog = a.page.getByRole('dialog', { name: '签发纪要' });
    await expect.poll(() => dialog.innerText()).toContain('纪要编号：由服务器在签发时给出');
    await dialog.getByRole('button', { name: '确认签发' }).click();
    await dialog.waitFor({ state: 'detached' });
    await a.page.getByText(/^已签发 第1期/).first().waitFor();
    const tasks = (await lan.pool.query<{ serial: string; kind: string }>(`SELECT row->>'serial' AS serial, row->'source'->>'kind' AS kind FROM records WHERE tbl = 'tasks' AND row->'source'->>'kind' = '会议纪要'`)).rows;
    expect(tasks).toHaveLength(1);
    await a.page.screenshot({ path: join(tmpdir(), 'wenshu-seat-minutes.png') });

    // B: the meeting, its minutes 已签发 第1期, and the 事项 in 督办.
    await b.page.getByLabel('局域网状态').getByRole('button', { name: '立即同步' }).click();
    await gotoNav(b.page, '会议纪要');
    await b.page.getByRole('link', { name: '县政府第20次常务会议' }).click({ timeout: 15_000 });
    await b.page.getByText('第1期').first().waitFor();
    await gotoNav(b.page, '督办事项');
    await b.page.getByRole('link', { name: tasks[0]!.serial }).waitFor({ timeout: 15_000 });
    for (const s of [a, b]) expect(s.errors).toEqual([]);
  }, 180_000);

  test('服务器账户: the server’s 系统管理员 proposes an account from a seat’s 局域网 tab, the 保密员 approves it from hers and is shown its one-time password; its owner signs in with it on a seat, must replace it first, then the seat is in step', async () => {
    const c = await lan.pool.connect();
    try {
      await addAccount(c, { login: 'srvadmin', displayName: '赵管理', roles: ['系统管理员'], password: SERVER_ADMIN_PW });
      await addAccount(c, { login: 'baomi', displayName: '钱保密', roles: ['安全保密管理员'], password: SERVER_SECRECY_PW });
    } finally {
      c.release();
    }
    const a = await seatPc('办公室的电脑', 'zhang');
    const { page } = a;
    await logout(page);
    const serverSignIn = async (login: string, password: string) => {
      await gotoNav(page, '设置');
      await page.getByRole('tab', { name: '局域网' }).click();
      const form = page.getByRole('form', { name: '以服务器账户登录' });
      await form.getByLabel('服务器账户').fill(login);
      await form.getByLabel('密码').fill(password);
      await form.getByRole('button', { name: '登录服务器' }).click();
    };

    // The PC's own 系统管理员, then the server's, in the 局域网 tab.
    await login(page, ADMIN.username, ADMIN.password);
    await serverSignIn('srvadmin', SERVER_ADMIN_PW);
    const accounts = page.getByRole('region', { name: '服务器账户' });
    await accounts.getByRole('table').getByText('张秘书').waitFor();
    await accounts.getByRole('button', { name: '新增服务器账户' }).click();
    const dialog = page.getByRole('dialog', { name: '新增服务器账户' });
    // A login the server already has: refused beside 用户名, nothing proposed.
    await dialog.getByLabel('用户名').fill('zhang');
    await dialog.getByLabel('姓名').fill('赵科员');
    await dialog.getByRole('button', { name: '提交审批' }).click();
    await dialog.getByText('服务器上已有该用户名').waitFor();
    expect((await lan.pool.query('SELECT count(*)::int AS n FROM account_requests')).rows[0].n).toBe(0);
    await dialog.getByLabel('用户名').fill('zhao');
    await dialog.getByRole('button', { name: '提交审批' }).click();
    await page.getByText('已提交新建 zhao 的申请，待安全保密管理员审批').waitFor();
    await accounts.getByText('待审批：新建账户').waitFor();
    expect((await lan.pool.query(`SELECT 1 FROM accounts WHERE login = 'zhao'`)).rowCount).toBe(0);
    await logout(page);

    // The 保密员, with her server account on this seat, approves and reads the password out.
    await login(page, 'baomi', SERVER_SECRECY_PW);
    await page.getByLabel('局域网状态').getByText('局域网：在线').waitFor();
    await serverSignIn('baomi', SERVER_SECRECY_PW);
    const approvals = page.getByRole('region', { name: '服务器账户审批' });
    const row = approvals.getByRole('row').filter({ hasText: 'zhao' });
    await row.getByRole('button', { name: '批准' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '批准' }).click();
    const shown = page.getByTestId('one-time-password');
    await shown.waitFor();
    const otp = (await shown.innerText()).trim();
    expect(otp).toMatch(/^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){2,}$/);
    await page.getByRole('button', { name: '我已记下，关闭' }).click();
    await approvals.getByText('没有待审批的申请').waitFor();
    await logout(page);

    // Its owner: the one-time password signs in, the PC asks for a new one before anything else;
    // the new one is the server's, and the seat then pulls as any.
    await firstLogin(page, 'zhao', otp, 'Qian-Xin#Mima2026');
    await page.getByLabel('局域网状态').getByText('局域网：在线').waitFor({ timeout: 15_000 });
    expect((await lan.pool.query(`SELECT must_change_password AS m, roles FROM accounts WHERE login = 'zhao'`)).rows).toEqual([{ m: false, roles: ['工作人员'] }]);
    const actions = (await lan.pool.query<{ action: string }>(`SELECT action FROM audit_log WHERE entity_type IN ('账户申请', '用户') ORDER BY seq`)).rows.map((r) => r.action);
    expect(actions).toEqual(['申请新建账户', '新增用户', '批准账户申请', '发放一次性初始密码', '修改密码']);
    expect(a.errors).toEqual([]);
  }, 180_000);
});
