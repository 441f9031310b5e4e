import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { carrierRegistrationSchema } from '../../../../shared/domain/carrier';
import { applyIncomingAction, normalizeRegistration, registrationSchema, type IncomingActor } from '../../../../shared/domain/incoming';
import { cellText, cellParagraphs } from '../../../../shared/domain/incoming-import';
import type { IncomingRecord, Registration } from '../../../../shared/domain/incoming-types';
import { unitInfoSchema, departmentSchema } from '../../../../shared/domain/settings-schemas';
import { loginFormSchema } from '../../../../shared/domain/account-schemas';
import { newAccountFormSchema } from '../../../../shared/domain/account-approval';
import { createTask } from '../../../../shared/domain/supervision';
import { cleanLine, cleanParagraphs, cleanText, multiLineText, singleLineText } from '../../../../shared/domain/text';
import { createWorkCalendar } from '../../../../shared/domain/workdays';

// Issue #12 item 7, attack G: invisible characters are dropped from typed text before it is stored.

const RLO = '\u202E';

describe('cleanText', () => {
  it("drops U+202E: 'gnp.exe' stays 'gnp.exe', never reads 'exe.png'", () => {
    const typed = `报告${RLO}gnp.exe`;
    const cleaned = cleanText(typed);
    expect(cleaned).toBe('报告gnp.exe');
    expect(cleaned).not.toContain(RLO);
  });

  it.each([
    ['C0 controls', '\u0000\u0001\u0007\u001B\u001F'],
    ['DEL and C1 controls', '\u007F\u0080\u0085\u009B\u009F'],
    ['bidi embeddings and overrides', '\u202A\u202B\u202C\u202D\u202E'],
    ['bidi isolates', '\u2066\u2067\u2068\u2069'],
    ['bidi marks', '\u200E\u200F\u061C'],
    ['zero-width characters', '\u200B\u200C\u200D\u2060\u180E'],
    ['BOM anywhere', '\uFEFF'],
  ])('drops %s', (_name, chars) => {
    for (const multiline of [false, true]) {
      expect(cleanText(`县${chars}财政${chars}局`, { multiline })).toBe('县财政局');
      expect(cleanText(`${chars}县财政局${chars}`, { multiline })).toBe('县财政局');
    }
  });

  it('single-line: removes every line break form, U+2028 and U+2029', () => {
    expect(cleanText('关于做好\r\n防汛\r工作\n的\u2028通\u2029知')).toBe('关于做好防汛工作的通知');
  });

  it('multi-line: keeps line breaks as \\n (\\r\\n, \\r, U+2028, U+2029 normalised)', () => {
    expect(cleanText('一、\r\n二、\r三、\n四、\u2028五、\u2029六、', { multiline: true })).toBe('一、\n二、\n三、\n四、\n五、\n六、');
    expect(cleanText(`拟请${RLO}办公室\n阅处`, { multiline: true })).toBe('拟请办公室\n阅处');
  });

  it('a tab becomes a space, or goes with tabToSpace: false', () => {
    expect(cleanText('县\t财政局')).toBe('县 财政局');
    expect(cleanText('县\t财政局', { multiline: true })).toBe('县 财政局');
    expect(cleanText('县\t财政局', { tabToSpace: false })).toBe('县财政局');
  });

  it('keeps visible text: CJK, 扩展B, full-width, emoji without ZWJ, no NFKC', () => {
    const visible = '𠀀县财政局 ＡＢＣ１２３ 〔2026〕3号 ①★😀 café';
    expect(cleanText(visible)).toBe(visible);
    expect(cleanText(visible, { multiline: true })).toBe(visible);
  });

  it('ZWJ sequences lose their joiner (accepted for an office register)', () => {
    expect(cleanText('👨\u200D👩')).toBe('👨👩');
  });

  it('does not trim; cleanLine and cleanParagraphs do, and take unknown', () => {
    expect(cleanText('  县财政局  ')).toBe('  县财政局  ');
    expect(cleanLine(`  ${RLO}县财政局\n `)).toBe('县财政局');
    expect(cleanParagraphs(` \u200B一\r\n二 \n`)).toBe('一\n二');
    expect(cleanLine(undefined)).toBe('');
    expect(cleanParagraphs(42)).toBe('');
  });
});

describe('singleLineText / multiLineText', () => {
  it('clean, then trim, before the length checks chained after them', () => {
    const name = singleLineText().min(1, '请填写').max(3, '太长');
    // Three characters once the invisible ones are gone: accepted.
    expect(name.parse(` 县${'\u200B'.repeat(10)}政府\t`)).toBe('县政府');
    // Only invisible characters: empty, so "required" applies.
    expect(name.safeParse(`${RLO}\u200B\u2066`).error?.issues[0]?.message).toBe('请填写');
    expect(name.safeParse('县人民政府').error?.issues[0]?.message).toBe('太长');
    expect(multiLineText().parse(`\r\n 一${RLO}\r\n二 \r\n`)).toBe('一\n二');
  });

  it('keep the zod string params (the type error message)', () => {
    expect(singleLineText({ error: '请填写标题' }).safeParse(1).error?.issues[0]?.message).toBe('请填写标题');
    expect(z.object({ t: multiLineText() }).safeParse({ t: null }).success).toBe(false);
  });
});

// --- real schemas --------------------------------------------------------------------------------

const registration = {
  receivedDate: '2025-01-27',
  fromUnit: `市财政局${RLO}`,
  docNumber: '市财发〔2025〕3号',
  title: `关于做好预算执行工作的通知${RLO}gnp.exe`,
  docType: '通知',
  classification: '非密',
  copies: 1,
  pages: 4,
  urgency: '普通',
  signedBy: '王\u200B秘书',
  handling: '办件',
  summary: `第一段\u202D\r\n第二段\r\n`,
} as const;

describe('收文登记 (registrationSchema)', () => {
  it('strips U+202E from 标题 and 来文单位, zero-width from 签收人, keeps line breaks in 摘要', () => {
    const r = registrationSchema.parse(registration);
    expect(r.title).toBe('关于做好预算执行工作的通知gnp.exe');
    expect(r.fromUnit).toBe('市财政局');
    expect(r.signedBy).toBe('王秘书');
    expect(r.summary).toBe('第一段\n第二段');
    expect(JSON.stringify(r)).not.toMatch(/[\u202A-\u202E\u200B]/);
  });

  it('counts the cleaned length: 200 visible characters plus invisible ones fit 标题', () => {
    const title = `${'文'.repeat(200)}${RLO.repeat(20)}`;
    expect(registrationSchema.safeParse({ ...registration, title }).success).toBe(true);
    expect(registrationSchema.safeParse({ ...registration, title: `${RLO}\u200B` }).error?.issues[0]?.message).toBe('请填写标题');
  });

  it('normalizeRegistration cleans too (the duplicate check and imports go through it)', () => {
    const out = normalizeRegistration({ ...registration, docNumber: `市财发${RLO}[2025]3号` } as unknown as Registration);
    expect(out.fromUnit).toBe('市财政局');
    expect(out.docNumber).toBe('市财发〔2025〕3号');
    expect(out.summary).toBe('第一段\n第二段');
  });
});

describe('other schemas and rules', () => {
  it('涉密载体登记: 名称, 存放位置, person names', () => {
    const r = carrierRegistrationSchema.parse({
      name: `文件${RLO}fdp.exe`,
      carrierType: '纸质文件',
      classification: '秘密',
      secrecyStart: '2026-01-05',
      copyNumber: '1',
      quantity: 1,
      source: { kind: '自制', unit: `办公室\u2066` },
      knowers: [{ userId: 'u1', name: `张\u200F三` }],
      custodian: { userId: 'u1', name: '张三' },
      location: `机要室\u0007保密柜`,
    });
    expect([r.name, r.location, r.knowers[0]?.name, r.source.kind === '自制' ? r.source.unit : '']).toEqual(['文件fdp.exe', '机要室保密柜', '张三', '办公室']);
  });

  it('settings and accounts: 单位名称, 机构名称, 姓名 cleaned; passwords kept exactly as typed', () => {
    expect(unitInfoSchema.parse({ name: `某县${RLO}政府办`, fondsCode: 'Z109' }).name).toBe('某县政府办');
    expect(departmentSchema.parse({ code: 'BGS', name: `办公室\u200B` }).name).toBe('办公室');
    const password = ` Pa${RLO}ss\u200Bword\t1! `;
    const user = newAccountFormSchema(() => true).parse({ username: 'wangms', displayName: `王${RLO}秘书`, roles: ['秘书'], password: 'Wenshu#2026abc', passwordConfirm: 'Wenshu#2026abc' });
    expect(user.displayName).toBe('王秘书');
    expect(loginFormSchema.parse({ username: 'wangms', password }).password).toBe(password);
  });

  it('收文办理: 拟办意见 keeps its line breaks, 批示领导 is one line, both cleaned', () => {
    const record = {
      id: 'r1',
      state: '已初审',
      handling: '办件',
      urgency: '普通',
      classification: '非密',
      circulation: [],
      reminders: [],
      history: [],
      namedUserIds: [],
    } as unknown as IncomingRecord;
    const actor: IncomingActor = { id: 'u1', name: '王秘书', roles: ['秘书'] };
    const calendar = createWorkCalendar([]);
    const now = new Date('2026-07-01T09:00:00+08:00');
    const proposed = applyIncomingAction(record, { type: '拟办', text: `拟请${RLO}办公室\r\n阅处` }, actor, now, calendar);
    expect(proposed.proposal?.text).toBe('拟请办公室\n阅处');
    const instructed = applyIncomingAction(
      proposed,
      { type: '批示', leader: `张\n主任\u200B`, text: '同意\r\n请抓紧', at: '2026-07-01T08:00:00+08:00', oral: false },
      actor,
      now,
      calendar,
    );
    expect(instructed.instruction?.leader).toBe('张主任');
    expect(instructed.instruction?.text).toBe('同意\n请抓紧');
  });

  it('督办: 内容 keeps line breaks, 交办人 is cleaned before it is stored', () => {
    const task = createTask(
      { source: { kind: '口头交办', assignedBy: `张${RLO}主任` }, content: `一、\u200B落实\r\n二、汇报`, unit: '财政局\u2069', person: '', dueDate: '2026-12-01' },
      { id: 't1', serial: '督〔2026〕1号' },
      { id: 'u1', name: '王秘书', roles: ['秘书'] },
      new Date('2026-07-01T09:00:00+08:00'),
    );
    expect(task.source).toEqual({ kind: '口头交办', assignedBy: '张主任' });
    expect(task.content).toBe('一、落实\n二、汇报');
    expect(task.unit).toBe('财政局');
  });

  it('legacy Excel import cells: cleaned like typed text; 摘要 keeps Alt+Enter line breaks', () => {
    expect(cellText(`关于${RLO}通知\n（第二行）`)).toBe('关于通知（第二行）');
    expect(cellParagraphs(`第一段\r\n\u200B第二段`)).toBe('第一段\n第二段');
  });
});
