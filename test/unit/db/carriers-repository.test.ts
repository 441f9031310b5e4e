import { describe, expect, test } from 'vitest';
import { verifyAuditChain } from '../../../renderer/db/audit';
import type { WenshuDB } from '../../../renderer/db/database';
import {
  actOnCarrier,
  CARRIER_MASK,
  carrierReminders,
  copyCarrierWithApproval,
  editCarrier,
  endInventorySession,
  getCarrier,
  getInventorySession,
  carrierFacets,
  listCarriers,
  registerCarrier,
  startInventorySession,
  suggestCopyNumber,
  tickInventoryByCode,
  tickInventoryCarrier,
} from '../../../renderer/db/repositories/carriers';
import { recordOutput } from '../../../renderer/db/repositories/output';
import { actOnIncoming, registerIncoming } from '../../../renderer/db/repositories/incoming';
import type { CarrierRecord } from '../../../shared/domain/carrier';
import { INCOMING_CARRIER_LOCATION } from '../../../shared/domain/carrier-details';
import { carrierLabelCode } from '../../../shared/domain/carrier-label';
import type { Registration } from '../../../shared/domain/incoming-types';
import { CARRIER_NAME, carrierOffice, personRef as ref } from './helpers';
import { RuleError } from '@shared/domain/rule-error';

// The 涉密载体台账 repository beyond the lifecycle (carriers.test.ts): carriers brought in by a
// classified 收文, 变更, need-to-know masking, 清点 sessions, numbered prints, 工作台 reminders
// and the 份号 suggestion. Every call gets an explicit clock: due dates are checked against "today".

const T = new Date(2026, 10, 23, 10, 0); // local 2026-11-23 10:00 (a Monday)
const T2 = new Date(2026, 10, 23, 10, 5);
const T3 = new Date(2026, 10, 23, 11, 0);
const TODAY = '2026-11-23';

const TITLE = '关于某重大专项的机密通报';

const secretIncoming: Registration = {
  receivedDate: '2026-11-20',
  fromUnit: '市保密局',
  docNumber: '市保发〔2026〕8号',
  title: TITLE,
  docType: '通报',
  classification: '机密',
  copyNumber: '3',
  copies: 2,
  pages: 5,
  urgency: '普通',
  writtenDate: '2026-11-18',
  signedBy: '张秘书',
  handling: '办件',
};

async function auditOf(db: WenshuDB) {
  return db.auditLog.orderBy('seq').toArray();
}

describe('carriers registered with a classified 收文', () => {
  test('a 机密 收文 with 份数 2 brings in 2 carriers, linked both ways, audited without the title', async () => {
    const { db, clerk, baomi } = await carrierOffice();
    const before = (await auditOf(db)).length;
    const r = await registerIncoming(db, clerk, secretIncoming, {}, T);
    expect(r.serial).toBe('收〔2026〕0001');
    expect(r.carrierIds).toHaveLength(2);

    const carriers = (await db.carriers.bulkGet(r.carrierIds!)) as CarrierRecord[];
    const me = ref(clerk);
    expect(carriers.map((c) => [c.serial, c.copyNumber])).toEqual([
      ['载〔2026〕0001', '000003'],
      ['载〔2026〕0002', '000004'],
    ]);
    for (const c of carriers) {
      expect(c).toMatchObject({
        name: TITLE,
        carrierType: '纸质文件',
        classification: '机密',
        secrecyTerm: { kind: 'years', years: 20 },
        secrecyStart: '2026-11-18',
        quantity: 1,
        pages: 5,
        source: { kind: '收文', incomingId: r.id, incomingSerial: '收〔2026〕0001' },
        knowers: [me],
        custodian: me,
        location: INCOMING_CARRIER_LOCATION,
        state: '在库',
      });
      expect(c.history).toEqual([{ action: '登记', at: T.toISOString(), byId: clerk.id, byName: 'clerk', note: '随收文 收〔2026〕0001 登记' }]);
    }
    expect((await db.incoming.get(r.id))!.carrierIds).toEqual(carriers.map((c) => c.id));

    const log = (await auditOf(db)).slice(before);
    expect(log.map((e) => [e.action, e.entityType, e.entityId, e.summary])).toEqual([
      ['涉密载体登记', '涉密载体', carriers[0]!.id, '载〔2026〕0001【机密】份号000003（随收文 收〔2026〕0001）'],
      ['涉密载体登记', '涉密载体', carriers[1]!.id, '载〔2026〕0002【机密】份号000004（随收文 收〔2026〕0001）'],
      ['收文登记', '收文', r.id, '收〔2026〕0001【机密】'],
    ]);
    expect(JSON.stringify(await auditOf(db))).not.toContain('重大专项');
    expect((await verifyAuditChain(db)).ok).toBe(true);

    // They are carriers like any other: in the 台账 for the 保密员.
    const list = await listCarriers(db, baomi, { offset: 0, limit: 10 }, TODAY);
    expect(list.rows.map((v) => v.record.serial)).toEqual(['载〔2026〕0002', '载〔2026〕0001']);
  });

  test('a 非密 (or 内部) 收文 brings in none and takes no carrier number', async () => {
    const { db, clerk } = await carrierOffice();
    const open = await registerIncoming(db, clerk, { ...secretIncoming, classification: '非密', copyNumber: undefined }, {}, T);
    const internal = await registerIncoming(db, clerk, { ...secretIncoming, docNumber: '市保发〔2026〕9号', classification: '内部', copyNumber: undefined }, {}, T);
    expect(open.carrierIds).toBeUndefined();
    expect(internal.carrierIds).toBeUndefined();
    expect(await db.carriers.count()).toBe(0);
    expect((await db.counters.toArray()).map((c) => c.key)).toEqual(['收文|2026']);
    expect((await auditOf(db)).filter((e) => e.entityType === '涉密载体')).toEqual([]);
  });

  test('the 承办人 and the 传阅 readers join the carriers\' 知悉范围', async () => {
    const { db, clerk, reader, outsider, leader, dept, baomi } = await carrierOffice();
    const r = await registerIncoming(db, clerk, secretIncoming, {}, T);
    const [c1, c2] = r.carrierIds!;
    await actOnIncoming(db, clerk, r.id, { type: '初审' }, T);
    await actOnIncoming(db, clerk, r.id, { type: '拟办', text: '拟请办公室办理' }, T);
    await actOnIncoming(db, clerk, r.id, { type: '批示', leader: '王主任', text: '同意', at: T.toISOString(), oral: false }, T);
    // Before 承办 only the 秘书 who signed for it is in the 知悉范围.
    expect((await getCarrier(db, reader, c1!))!.canSeeContent).toBe(false);

    const seq = (await auditOf(db)).length;
    await actOnIncoming(db, clerk, r.id, { type: '承办', host: { id: dept.id, name: dept.name }, cooperating: [], person: ref(reader) }, T2);
    for (const id of [c1!, c2!]) {
      const c = (await db.carriers.get(id))!;
      expect(c.knowers).toEqual([ref(clerk), ref(reader)]);
      expect(c.history.at(-1)).toEqual({ action: '变更', at: T2.toISOString(), byId: clerk.id, byName: 'clerk', note: '知悉范围增加：reader（收文 收〔2026〕0001 承办、传阅）' });
      expect(c.updatedAt).toBe(T2.toISOString());
    }
    const widened = (await auditOf(db)).slice(seq);
    expect(widened.map((e) => [e.action, e.entityId, e.summary])).toEqual([
      ['涉密载体变更', c1, '载〔2026〕0001【机密】份号000003 知悉范围增加：reader（收文 收〔2026〕0001 承办、传阅）'],
      ['涉密载体变更', c2, '载〔2026〕0002【机密】份号000004 知悉范围增加：reader（收文 收〔2026〕0001 承办、传阅）'],
      ['收文承办', r.id, '收〔2026〕0001【机密】 已批示 → 承办中'],
    ]);
    expect((await getCarrier(db, reader, c1!))!.record.name).toBe(TITLE);

    // The first copy is destroyed; a carrier no longer kept here is left as it was.
    await actOnCarrier(db, baomi, c1!, { type: '销毁', approver: ref(baomi), destroyer: ref(reader), supervisor: ref(leader), method: '粉碎', place: '保密局销毁站' }, T3);

    // 传阅 adds the new readers only.
    const seq2 = (await auditOf(db)).length;
    await actOnIncoming(db, clerk, r.id, { type: '传阅', readers: [ref(reader), ref(outsider), ref(leader)] }, T3);
    const after = (await db.carriers.get(c2!))!;
    expect(after.knowers).toEqual([ref(clerk), ref(reader), ref(outsider), ref(leader)]);
    expect(after.history.at(-1)!.note).toBe('知悉范围增加：outsider、leader（收文 收〔2026〕0001 承办、传阅）');
    expect(after.history.filter((h) => h.action === '变更')).toHaveLength(2);
    const destroyed = (await db.carriers.get(c1!))!;
    expect(destroyed.state).toBe('已销毁');
    expect(destroyed.knowers).toEqual([ref(clerk), ref(reader)]);
    expect((await auditOf(db)).slice(seq2).map((e) => [e.action, e.entityId])).toEqual([
      ['涉密载体变更', c2],
      ['收文传阅', r.id],
    ]);

    // A step naming nobody new changes no carrier.
    const count = (await auditOf(db)).length;
    await actOnIncoming(db, reader, r.id, { type: '已阅', userId: reader.id }, T3);
    expect((await auditOf(db)).slice(count).map((e) => e.action)).toEqual(['收文已阅']);
    expect((await db.carriers.get(c2!))!.history).toHaveLength(after.history.length);
    expect(JSON.stringify(await auditOf(db))).not.toContain('重大专项');
  });

  test('a 阅件 goes straight to 传阅, and its readers join the 知悉范围', async () => {
    const { db, clerk, reader } = await carrierOffice();
    const r = await registerIncoming(db, clerk, { ...secretIncoming, handling: '阅件', copies: 1 }, {}, T);
    await actOnIncoming(db, clerk, r.id, { type: '传阅', readers: [ref(reader)] }, T2);
    const c = (await db.carriers.get(r.carrierIds![0]!))!;
    expect(c.knowers.map((k) => k.name)).toEqual(['clerk', 'reader']);
  });
});

describe('变更 through editCarrier', () => {
  test('records the change in the history; the audit says a 名称 changed without naming it', async () => {
    const { db, baomi, carrierInput } = await carrierOffice();
    const c = await registerCarrier(db, baomi, carrierInput, T);
    const after = await editCarrier(db, baomi, c.id, { name: '更正后的报告名称', location: '机要室 2 号柜' }, T2);
    expect(after).toMatchObject({ name: '更正后的报告名称', location: '机要室 2 号柜', updatedAt: T2.toISOString() });
    expect(after.history.at(-1)).toEqual({
      action: '变更',
      at: T2.toISOString(),
      byId: baomi.id,
      byName: 'baomi',
      note: `名称：${CARRIER_NAME} → 更正后的报告名称；存放位置：机要室 1 号保密柜 → 机要室 2 号柜`,
    });
    expect(await db.carriers.get(c.id)).toEqual(after);
    const last = (await db.auditLog.orderBy('seq').last())!;
    expect(last).toMatchObject({ action: '涉密载体变更', entityType: '涉密载体', entityId: c.id, actorName: 'baomi' });
    expect(last.summary).toBe('载〔2026〕0001【机密】份号000001 名称已修改；存放位置：机要室 1 号保密柜 → 机要室 2 号柜');
    const log = JSON.stringify(await auditOf(db));
    expect(log).not.toContain('绝密事项');
    expect(log).not.toContain('更正后的');
    // The projection follows: the new 存放位置 filters.
    expect((await listCarriers(db, baomi, { location: '机要室 2 号柜', offset: 0, limit: 10 }, TODAY)).total).toBe(1);
  });

  test('a change of 保管人 and 知悉范围 is audited with the names of the people', async () => {
    const { db, baomi, reader, outsider, carrierInput } = await carrierOffice();
    const c = await registerCarrier(db, baomi, carrierInput, T);
    await editCarrier(db, baomi, c.id, { custodian: ref(reader), knowers: [ref(reader), ref(outsider)] }, T2);
    expect((await db.auditLog.orderBy('seq').last())!.summary).toBe('载〔2026〕0001【机密】份号000001 保管人：baomi → reader；知悉范围增加：outsider；知悉范围减少：baomi');
  });

  test('"没有修改任何内容" when nothing changes, and nothing is written', async () => {
    const { db, baomi, carrierInput } = await carrierOffice();
    const c = await registerCarrier(db, baomi, carrierInput, T);
    const count = await db.auditLog.count();
    const err = await editCarrier(db, baomi, c.id, { name: ` ${CARRIER_NAME} `, location: '机要室 1 号保密柜' }, T2).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RuleError);
    expect((err as Error).message).toBe('没有修改任何内容');
    expect(await db.auditLog.count()).toBe(count);
    expect(await db.carriers.get(c.id)).toEqual(c);
  });

  test('refuses a bad field beside it, a missing carrier, and anyone but the 保密员', async () => {
    const { db, baomi, clerk, carrierInput } = await carrierOffice();
    const c = await registerCarrier(db, baomi, carrierInput, T);
    await expect(editCarrier(db, baomi, c.id, { name: '  ' }, T2)).rejects.toSatisfy((e) => e instanceof RuleError && e.field === 'name' && e.message === '请填写名称');
    await expect(editCarrier(db, baomi, c.id, { knowers: [] }, T2)).rejects.toMatchObject({ field: 'knowers', message: '知悉范围至少要有一人' });
    await expect(editCarrier(db, baomi, 'nope', { name: 'x' }, T2)).rejects.toThrow('该载体不存在');
    await expect(editCarrier(db, clerk, c.id, { name: 'x' }, T2)).rejects.toThrow('没有权限');
    expect(await db.carriers.get(c.id)).toEqual(c);
  });

  // The audit summary of a 变更 never carries a 名称, whatever it contains (e.g. a full-width '；').
  test('never writes a 名称 containing "；" to the audit log', async () => {
    const { db, baomi, carrierInput } = await carrierOffice();
    const c = await registerCarrier(db, baomi, { ...carrierInput, name: '甲方案；乙方案' }, T);
    await editCarrier(db, baomi, c.id, { name: '丙方案；丁方案' }, T2);
    const log = JSON.stringify(await auditOf(db));
    expect(log).not.toContain('方案');
  });
});

describe('need to know when reading', () => {
  test('a 工作人员 outside the 知悉范围 sees 【涉密】 instead of the 名称; a knower sees it', async () => {
    const { db, baomi, reader, outsider, clerk, leader, carrierInput } = await carrierOffice();
    const c = await registerCarrier(db, baomi, carrierInput, T);
    await actOnCarrier(db, baomi, c.id, { type: '借出', borrower: ref(reader), purpose: '起草答复意见', approver: ref(leader), dueDate: '2026-11-30' }, T2);

    const hidden = (await getCarrier(db, outsider, c.id))!;
    expect(CARRIER_MASK).toBe('【涉密】');
    expect(hidden.canSeeContent).toBe(false);
    expect(hidden.record).toMatchObject({ serial: '载〔2026〕0001', classification: '机密', copyNumber: '000001', state: '借出', name: CARRIER_MASK, knowers: [] });
    // The loan in progress is not on the allow-list at all (借阅人, 事由, 应还日期).
    expect(hidden.record.loan).toBeUndefined();
    expect(hidden.record.history.every((h) => h.note === undefined)).toBe(true);
    const visible = JSON.stringify(hidden.record);
    expect(visible).not.toContain('绝密事项');
    expect(visible).not.toContain('起草答复意见');
    expect((await getCarrier(db, clerk, c.id))!.record.name).toBe(CARRIER_MASK);

    const shown = (await getCarrier(db, reader, c.id))!;
    expect(shown.canSeeContent).toBe(true);
    expect(shown.record).toEqual(await db.carriers.get(c.id));
    expect((await getCarrier(db, baomi, c.id))!.record.name).toBe(CARRIER_NAME);
    expect(await getCarrier(db, baomi, 'nope')).toBeNull();
  });

  test('listCarriers masks row by row, and a search by 名称 does not find masked ones', async () => {
    const { db, baomi, reader, outsider, carrierInput } = await carrierOffice();
    const mine = await registerCarrier(db, baomi, carrierInput, T);
    const other = await registerCarrier(db, baomi, { ...carrierInput, name: '另一份绝密事项材料', copyNumber: '2', knowers: [ref(outsider)] }, T);

    const forOutsider = await listCarriers(db, outsider, { offset: 0, limit: 10, sort: { field: 'serial', direction: 'ascend' } }, TODAY);
    expect(forOutsider.rows.map((v) => [v.record.serial, v.record.name, v.canSeeContent])).toEqual([
      [mine.serial, CARRIER_MASK, false],
      [other.serial, '另一份绝密事项材料', true],
    ]);
    expect((await listCarriers(db, outsider, { search: '绝密事项', offset: 0, limit: 10 }, TODAY)).rows.map((v) => v.record.id)).toEqual([other.id]);
    expect((await listCarriers(db, outsider, { search: '报告', offset: 0, limit: 10 }, TODAY)).total).toBe(0);
    // 编号 and 份号 are not secret.
    expect((await listCarriers(db, outsider, { search: '载[2026]0001', offset: 0, limit: 10 }, TODAY)).rows.map((v) => v.record.name)).toEqual([CARRIER_MASK]);

    const forReader = await listCarriers(db, reader, { search: '报告', offset: 0, limit: 10 }, TODAY);
    expect(forReader.rows.map((v) => [v.record.name, v.canSeeContent])).toEqual([[CARRIER_NAME, true]]);
  });
});

describe('attack: an uninvolved user reads a masked carrier', () => {
  // Issue #14: masked rows still showed 保管人 and 存放位置. The allow-list is 编号 (with 份号), 密级, 状态.
  const CUSTODIAN = '周保管员';
  const PLACE = '三楼东侧机要柜丙';

  async function lentCarrier() {
    const office = await carrierOffice();
    const { db, baomi, reader, leader, carrierInput } = office;
    const c = await registerCarrier(db, baomi, { ...carrierInput, custodian: { userId: leader.id, name: CUSTODIAN }, location: PLACE }, T);
    await actOnCarrier(db, baomi, c.id, { type: '借出', borrower: ref(reader), purpose: '起草答复意见', approver: ref(leader), dueDate: '2026-11-30' }, T2);
    return { ...office, c };
  }

  test('neither the list, nor the detail, nor the filter choices name its 保管人 or 存放位置', async () => {
    const { db, outsider, c } = await lentCarrier();
    const detail = (await getCarrier(db, outsider, c.id))!;
    const list = await listCarriers(db, outsider, { offset: 0, limit: 10 }, TODAY);
    const facets = await carrierFacets(db, outsider);
    expect(detail.canSeeContent).toBe(false);
    for (const seen of [JSON.stringify(detail), JSON.stringify(list), JSON.stringify(facets)]) {
      expect(seen).not.toContain(CUSTODIAN);
      expect(seen).not.toContain(PLACE);
      expect(seen).not.toContain('reader'); // the borrower
      expect(seen).not.toContain('2026-11-30'); // 应还日期
    }
    // What is left: 编号, 份号, 密级, 状态 and the mask.
    expect(list.rows.map((v) => [v.record.serial, v.record.copyNumber, v.record.classification, v.record.state, v.record.name])).toEqual([[c.serial, c.copyNumber, '机密', '借出', CARRIER_MASK]]);
    expect(detail.record).toMatchObject({ custodian: { userId: '', name: '' }, location: '', knowers: [], loans: [], history: [], markingHistory: [] });
    expect(detail.record.loan).toBeUndefined();
  });

  test('filters on hidden fields do not find it: no 保管人, 存放位置, 载体类型 or 到期 can be probed', async () => {
    const { db, outsider, reader, leader, c } = await lentCarrier();
    const probe = (q: Partial<Parameters<typeof listCarriers>[2]>) => listCarriers(db, outsider, { offset: 0, limit: 10, ...q }, TODAY).then((r) => r.total);
    expect(await probe({})).toBe(1);
    expect(await probe({ custodianId: leader.id })).toBe(0);
    expect(await probe({ location: PLACE })).toBe(0);
    expect(await probe({ carrierType: '纸质文件' })).toBe(0);
    expect(await probe({ due: '本年未清点' })).toBe(0);
    // Those within the need to know still filter on them.
    const forReader = await listCarriers(db, reader, { custodianId: leader.id, location: PLACE, offset: 0, limit: 10 }, TODAY);
    expect(forReader.rows.map((v) => [v.record.id, v.record.custodian.name, v.record.location])).toEqual([[c.id, CUSTODIAN, PLACE]]);
    expect(await carrierFacets(db, reader)).toEqual({ custodians: [{ id: leader.id, name: CUSTODIAN }], locations: [PLACE] });
  });
});

describe('清点 sessions', () => {
  test('by 存放位置: scan, click, report, and nothing after the end', async () => {
    const { db, baomi, clerk, carrierInput } = await carrierOffice();
    const c1 = await registerCarrier(db, baomi, carrierInput, T);
    const c2 = await registerCarrier(db, baomi, { ...carrierInput, copyNumber: '2' }, T);
    const c3 = await registerCarrier(db, baomi, { ...carrierInput, copyNumber: '3', location: '机要室 2 号柜' }, T);

    await expect(startInventorySession(db, clerk, { kind: '存放位置', location: '机要室 1 号保密柜' }, T)).rejects.toThrow('没有权限');
    await expect(startInventorySession(db, baomi, { kind: '存放位置', location: '空柜' }, T)).rejects.toMatchObject({ field: 'scope' });

    const session = await startInventorySession(db, baomi, { kind: '存放位置', location: '机要室 1 号保密柜' }, T);
    expect(session).toMatchObject({ scope: { kind: '存放位置', location: '机要室 1 号保密柜' }, expectedIds: [c1.id, c2.id], ticks: [], startedAt: T.toISOString(), startedByName: 'baomi' });
    expect((await db.auditLog.orderBy('seq').last())!).toMatchObject({ action: '开始清点', entityType: '清点', entityId: session.id, summary: '存放位置：机要室 1 号保密柜，应在 2 件' });

    // The label as the scanner types it (caps lock off).
    const code = carrierLabelCode(c1.serial)!;
    expect(code).toBe('ZT2026-0001');
    const scanned = await tickInventoryByCode(db, baomi, session.id, code.toLowerCase(), T2);
    expect(scanned.expected).toBe(true);
    expect(scanned.session.ticks).toEqual([{ carrierId: c1.id, result: '在位', at: T2.toISOString(), via: '扫码' }]);
    expect(scanned.carrier).toMatchObject({ id: c1.id, lastInventoriedAt: T2.toISOString(), lastInventoryResult: '在位' });
    const stored = (await db.carriers.get(c1.id))!;
    expect(stored.lastInventoriedAt).toBe(T2.toISOString());
    expect(stored.history.at(-1)).toEqual({ action: '清点', at: T2.toISOString(), byId: baomi.id, byName: 'baomi', note: `清点：在位（批次 ${session.id}）` });
    expect((await db.auditLog.orderBy('seq').last())!.summary).toBe('载〔2026〕0001【机密】份号000001 在位（扫码）');

    // Codes that name nothing are refused beside the box.
    const unknown = await tickInventoryByCode(db, baomi, session.id, 'ZT2026-0099', T2).catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(RuleError);
    expect(unknown).toMatchObject({ field: 'code', message: '台账中没有这个编号的载体' });
    await expect(tickInventoryByCode(db, baomi, session.id, '  hello  ', T2)).rejects.toMatchObject({ field: 'code', message: '无法识别的标签：hello' });
    await expect(tickInventoryByCode(db, baomi, 'no-session', code, T2)).rejects.toThrow('清点批次不存在');

    const missing = await tickInventoryCarrier(db, baomi, session.id, c2.id, '缺失', T2);
    expect(missing.session.ticks.at(-1)).toEqual({ carrierId: c2.id, result: '缺失', at: T2.toISOString(), via: '点选' });
    expect((await db.carriers.get(c2.id))!).toMatchObject({ lastInventoryResult: '缺失', state: '在库' });

    // Found here though kept elsewhere: ticked, and reported as outside the scope.
    const stray = await tickInventoryByCode(db, baomi, session.id, 'ＺＴ２０２６－０００３', T2);
    expect(stray.expected).toBe(false);
    expect((await db.auditLog.orderBy('seq').last())!.summary).toBe('载〔2026〕0003【机密】份号000003 在位（扫码，不在本次清点范围）');

    const ended = await endInventorySession(db, baomi, session.id, T3);
    expect(ended.endedAt).toBe(T3.toISOString());
    expect(ended.report).toEqual({ missing: [c2.id], damaged: [], notTicked: [], unexpected: [c3.id] });
    expect((await db.auditLog.orderBy('seq').last())!).toMatchObject({ action: '结束清点', summary: '应在 2 件；缺失 1，损坏 0，未清点 0，范围外 1' });
    expect((await getInventorySession(db, baomi, session.id))!.session).toEqual(ended);

    const count = await db.auditLog.count();
    await expect(tickInventoryCarrier(db, baomi, session.id, c1.id, '损坏', T3)).rejects.toSatisfy((e) => e instanceof RuleError && e.message === '本次清点已结束，不能再清点');
    await expect(tickInventoryByCode(db, baomi, session.id, code, T3)).rejects.toThrow('本次清点已结束');
    await expect(endInventorySession(db, baomi, session.id, T3)).rejects.toThrow('本次清点已结束');
    expect(await db.auditLog.count()).toBe(count);
    expect((await db.carriers.get(c1.id))!.lastInventoryResult).toBe('在位');
    expect((await db.inventorySessions.get(session.id))!.ticks).toHaveLength(3);
    expect(JSON.stringify(await auditOf(db))).not.toContain('绝密事项');
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  test('by 保管人, a carrier never ticked is reported as not ticked', async () => {
    const { db, baomi, reader, carrierInput } = await carrierOffice();
    const kept = await registerCarrier(db, baomi, { ...carrierInput, custodian: ref(reader) }, T);
    await registerCarrier(db, baomi, { ...carrierInput, copyNumber: '2' }, T);
    const s = await startInventorySession(db, baomi, { kind: '保管人', custodian: ref(reader) }, T);
    expect(s.expectedIds).toEqual([kept.id]);
    expect((await endInventorySession(db, baomi, s.id, T2)).report).toEqual({ missing: [], damaged: [], notTicked: [kept.id], unexpected: [] });
  });

  // A smudged label ('ZT2026-0000') is refused beside the box (RuleError on 'code'), not thrown.
  test('refuses a scanned zero serial beside the box', async () => {
    const { db, baomi, carrierInput } = await carrierOffice();
    await registerCarrier(db, baomi, carrierInput, T);
    const s = await startInventorySession(db, baomi, { kind: '存放位置', location: '机要室 1 号保密柜' }, T);
    await expect(tickInventoryByCode(db, baomi, s.id, 'ZT2026-0000', T2)).rejects.toBeInstanceOf(RuleError);
  });
});

describe('printing is copying', () => {
  test('each print takes the next 打印份号; one carrier\'s print is a 复制 line in its history', async () => {
    const { db, baomi, carrierInput } = await carrierOffice();
    const c1 = await registerCarrier(db, baomi, carrierInput, T);
    const c2 = await registerCarrier(db, baomi, { ...carrierInput, copyNumber: '2', classification: '秘密' }, T);

    const first = (await recordOutput(db, baomi, { kind: '载体打印', document: '涉密载体登记表', carrierIds: [c1.id], watermark: 'baomi 2026-11-23 10:05 文枢' }, T2)).copyNumber;
    expect(first).toBe('2026-000001');
    const printed = (await db.carriers.get(c1.id))!;
    expect(printed.history).toHaveLength(2);
    expect(printed.history[1]).toEqual({ action: '复制', at: T2.toISOString(), byId: baomi.id, byName: 'baomi', note: '打印涉密载体登记表，打印份号 2026-000001' });
    expect(printed.updatedAt).toBe(T2.toISOString());
    expect((await db.auditLog.orderBy('seq').last())!).toMatchObject({
      action: '打印涉密载体登记表',
      entityType: '涉密载体',
      entityId: c1.id,
      summary: '打印份号 2026-000001；共 1 件：载〔2026〕0001【机密】份号000001；水印“baomi 2026-11-23 10:05 文枢”',
    });

    const second = (await recordOutput(db, baomi, { kind: '载体打印', document: '借阅登记表', carrierIds: [c1.id, c2.id], watermark: null }, T3)).copyNumber;
    expect(second).toBe('2026-000002');
    expect((await db.carriers.get(c1.id))!.history).toHaveLength(2); // a list is not one carrier's copy
    expect((await db.auditLog.orderBy('seq').last())!).toMatchObject({
      action: '打印借阅登记表',
      entityId: '',
      summary: '打印份号 2026-000002；共 2 件：载〔2026〕0001【机密】份号000001、载〔2026〕0002【秘密】份号000002',
    });

    // A label is not a copy of the record.
    expect((await recordOutput(db, baomi, { kind: '载体打印', document: '二维码标签', carrierIds: [c2.id], watermark: null }, T3)).copyNumber).toBe('2026-000003');
    expect((await db.carriers.get(c2.id))!.history.map((h) => h.action)).toEqual(['登记']);

    await recordOutput(db, baomi, { kind: '载体打印作废', document: '借阅登记表', copyNumber: second! }, T3);
    expect((await db.auditLog.orderBy('seq').last())!).toMatchObject({ action: '取消打印借阅登记表', entityType: '涉密载体', summary: '打印份号 2026-000002 作废（打印已取消）' });

    // A new year starts its own numbers.
    expect((await recordOutput(db, baomi, { kind: '载体打印', document: '清点报告', carrierIds: [c1.id, c2.id], watermark: null }, new Date(2027, 0, 4, 9, 0))).copyNumber).toBe('2027-000001');

    expect(JSON.stringify(await auditOf(db))).not.toContain('绝密事项');
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  test('a 秘书 cannot print carrier records, and no number is taken', async () => {
    const { db, baomi, clerk, carrierInput } = await carrierOffice();
    const c = await registerCarrier(db, baomi, carrierInput, T);
    await expect(recordOutput(db, clerk, { kind: '载体打印', document: '涉密载体登记表', carrierIds: [c.id], watermark: null }, T2)).rejects.toThrow('没有权限执行此操作（需要：涉密载体管理）');
    await expect(recordOutput(db, clerk, { kind: '载体打印作废', document: '涉密载体登记表', copyNumber: '2026-000001' }, T2)).rejects.toThrow('没有权限');
    expect((await recordOutput(db, baomi, { kind: '载体打印', document: '涉密载体登记表', carrierIds: [c.id], watermark: null }, T2)).copyNumber).toBe('2026-000001');
  });
});

describe('工作台 reminders', () => {
  test('counts overdue loans, the review queue and carriers not inventoried this year, for a fixed today', async () => {
    const { db, baomi, reader, leader, clerk, carrierInput } = await carrierOffice();
    const a = await registerCarrier(db, baomi, carrierInput, T);
    const b = await registerCarrier(db, baomi, { ...carrierInput, copyNumber: '2' }, T);
    const soon = await registerCarrier(db, baomi, { ...carrierInput, copyNumber: '3', secrecyTerm: { kind: 'date', date: '2027-02-25' } }, T);
    const ended = await registerCarrier(db, baomi, { ...carrierInput, copyNumber: '4', secrecyTerm: { kind: 'years', years: 1 }, secrecyStart: '2025-11-01' }, T);
    const d = await registerCarrier(db, baomi, { ...carrierInput, copyNumber: '5' }, T);
    await actOnCarrier(db, baomi, b.id, { type: '借出', borrower: ref(reader), purpose: '查阅', approver: ref(leader), dueDate: '2026-11-30' }, T);
    await actOnCarrier(db, baomi, a.id, { type: '借出', borrower: ref(reader), purpose: '查阅', approver: ref(leader), dueDate: '2026-11-25' }, T);
    await actOnCarrier(db, baomi, d.id, { type: '清点', result: '在位', sessionId: 's-manual' }, T);

    const onTime = await carrierReminders(db, baomi, '2026-11-25');
    expect(onTime.overdueLoans.total).toBe(0);
    expect(onTime.review.rows.map((v) => v.record.id)).toEqual([ended.id]); // 2027-02-25 is 92 days away
    expect(onTime.notInventoried).toBe(4);

    const r = await carrierReminders(db, baomi, '2026-12-01');
    expect(r.overdueLoans.total).toBe(2);
    expect(r.overdueLoans.rows.map((v) => v.record.id)).toEqual([a.id, b.id]); // earliest due first
    expect(r.review.total).toBe(2);
    expect(r.review.rows.map((v) => v.record.id)).toEqual([ended.id, soon.id]); // ended first; 2027-02-25 now 86 days away
    expect(r.notInventoried).toBe(4);

    // Next year nothing has been inventoried yet.
    expect((await carrierReminders(db, baomi, '2027-01-02')).notInventoried).toBe(5);
    // The limit cuts the rows, not the totals.
    const cut = await carrierReminders(db, baomi, '2026-12-01', 1);
    expect([cut.overdueLoans.total, cut.overdueLoans.rows.length, cut.review.total, cut.review.rows.length]).toEqual([2, 1, 2, 1]);

    await expect(carrierReminders(db, clerk, '2026-12-01')).rejects.toThrow('没有权限');
  });
});

describe('suggestCopyNumber', () => {
  test('gives the first 份号 not used by the original or its copies', async () => {
    const { db, baomi, clerk, carrierInput } = await carrierOffice();
    const original = await registerCarrier(db, baomi, carrierInput, T);
    expect(await suggestCopyNumber(db, baomi, original.id)).toBe('000002');
    const approval = { kind: 'unit' as const, approver: ref(baomi) };
    const { copy } = await copyCarrierWithApproval(db, baomi, original.id, { type: '复制', approval, copyNumber: '2' }, T);
    expect(await suggestCopyNumber(db, baomi, original.id)).toBe('000003');
    expect(await suggestCopyNumber(db, baomi, copy.id)).toBe('000003');
    await copyCarrierWithApproval(db, baomi, original.id, { type: '复制', approval, copyNumber: '5' }, T);
    expect(await suggestCopyNumber(db, baomi, original.id)).toBe('000003');
    await copyCarrierWithApproval(db, baomi, original.id, { type: '复制', approval, copyNumber: '3' }, T);
    await copyCarrierWithApproval(db, baomi, original.id, { type: '复制', approval, copyNumber: '4' }, T);
    expect(await suggestCopyNumber(db, baomi, original.id)).toBe('000006');

    const fromTwo = await registerCarrier(db, baomi, { ...carrierInput, copyNumber: '2' }, T);
    expect(await suggestCopyNumber(db, baomi, fromTwo.id)).toBe('000001');
    expect(await suggestCopyNumber(db, baomi, 'nope')).toBe('');
    await expect(suggestCopyNumber(db, clerk, original.id)).rejects.toThrow('没有权限');
  });

  // A copy of a copy points (copyOf) at its direct original only; the 份号 family is still the
  // whole tree, so the root's 000001 is neither suggested nor accepted again.
  test('knows the whole family for a copy of a copy', async () => {
    const { db, baomi, carrierInput } = await carrierOffice();
    const root = await registerCarrier(db, baomi, carrierInput, T);
    const approval = { kind: 'unit' as const, approver: ref(baomi) };
    const { copy } = await copyCarrierWithApproval(db, baomi, root.id, { type: '复制', approval, copyNumber: '2' }, T);
    const { copy: grandchild } = await copyCarrierWithApproval(db, baomi, copy.id, { type: '复制', approval, copyNumber: '3' }, T);
    expect(await suggestCopyNumber(db, baomi, grandchild.id)).toBe('000004');
  });

  // The carriers one 收文 brings in (份号 000001, 000002 of one document) are one family: copying
  // the first is not offered 000002, which the second already has.
  test('does not offer a 份号 another copy of the same 收文 already has', async () => {
    const { db, clerk, baomi } = await carrierOffice();
    const r = await registerIncoming(db, clerk, { ...secretIncoming, copyNumber: '1', copies: 2 }, {}, T);
    expect(await suggestCopyNumber(db, baomi, r.carrierIds![0]!)).toBe('000003');
  });
});
