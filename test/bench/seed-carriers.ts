import { appendAudit, auditScope, type AuditDraft } from '../../renderer/db/audit';
import { CARRIER_PROJECTION, toCarrierIndexEntry } from '../../renderer/db/carriers/carrier-index';
import type { WenshuDB } from '../../renderer/db/database';
import { compactProjection, writeProjectionDelta } from '../../renderer/db/projection';
import { carrierAuditLabel, CARRIER_SERIES } from '../../renderer/db/repositories/carriers';
import type { Actor } from '../../renderer/db/types';
import {
  applyCarrierAction,
  createCarrierRecord,
  type CarrierActor,
  type CarrierRegistration,
  type UserLookup,
} from '../../shared/domain/carrier';
import { CARRIER_PATTERN } from '../../shared/domain/carrier-label';
import type { CarrierAction, CarrierRecord, CarrierSource, PersonRef } from '../../shared/domain/carrier-types';
import { addDays, compareDates, type IsoDate } from '../../shared/domain/dates';
import { defaultSecrecyTerm, type CarrierType, type Classification, type SecrecyTerm } from '../../shared/domain/enums';
import { formatCopyNumber, formatSerial } from '../../shared/domain/numbering';
import { prng } from '../fixtures/prng';

// Seeded, repeatable 涉密载体 at scale (DESIGN.md's data set: 20,000), written in bulk with their
// projection deltas and audit entries. Each record is made the way the repository makes it:
// createCarrierRecord for the 登记, then applyCarrierAction for every later event (借出, 归还,
// 清点, 降密, 销毁, 解密, 移交), so the history, loans and markings are what the app would hold.

const VERBS = ['关于做好', '关于开展', '关于印发', '关于进一步加强', '关于切实做好', '关于组织开展', '关于报送', '关于转发'];
const TOPICS = ['涉密人员管理', '国家秘密载体管理', '保密要害部门部位检查', '国防动员潜力调查', '兵役登记和征兵', '重要目标防护', '边境管控', '人防工程建设', '应急通信保障', '重大项目选址论证', '干部考察', '机要密码工作', '网络安全等级保护', '涉密测绘成果管理', '重大活动安全保卫', '突发事件处置预案', '信访稳定风险评估', '经济运行监测分析', '储备粮轮换', '水库大坝安全'];
const TAILS = ['工作的通知', '的实施方案', '情况的报告', '的意见', '有关事项的函', '工作方案的通知', '的紧急通知', '会议纪要'];
const MEDIA_TAILS = ['资料光盘', '数据备份', '汇报材料（电子版）', '会议录音', '测绘数据', '图件资料'];
const UNITS = ['办公室', '综合科', '政策研究室', '机要室', '督查室'];
const LEVELS: Classification[] = ['秘密', '秘密', '秘密', '秘密', '秘密', '秘密', '机密', '机密', '机密', '绝密'];
const TYPES: CarrierType[] = ['纸质文件', '纸质文件', '纸质文件', '纸质文件', '纸质文件', '纸质文件', '纸质文件', '光盘', 'U盘/移动硬盘', 'U盘/移动硬盘', '计算机硬盘', '磁带', '其他'];
/** 知悉范围 / 借阅人 / 销毁人 / 监销人: staff of the office (names only: no login needed here). */
const STAFF: PersonRef[] = ['李明', '王芳', '赵伟', '陈静', '刘洋', '杨帆', '黄磊', '周婷', '吴强', '孙丽', '马超', '朱敏'].map((name, i) => ({
  userId: `seed-staff-${i + 1}`,
  name,
}));
/** 批准人 of loans, 审批人 of 解密/降密 (the office's leaders). */
const LEADERS: PersonRef[] = [
  { userId: 'seed-leader-1', name: '郑主任' },
  { userId: 'seed-leader-2', name: '钱副主任' },
];
/** Other 保管人 beside the 保密员, each with the places they keep things. */
const KEEPERS: { who: PersonRef; places: string[] }[] = [
  { who: STAFF[0]!, places: ['档案室密集架3排', '档案室密集架4排'] },
  { who: STAFF[3]!, places: ['办公室302保密柜'] },
  { who: STAFF[6]!, places: ['网信办涉密计算机室', '保密室涉密介质柜'] },
];
const KEEPER_PLACES = ['机要室1号保密柜', '机要室2号保密柜', '机要室3号保密柜'];
const PURPOSES = ['起草材料参考', '会议学习', '工作部署', '迎检准备', '专项检查'];

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)]!;
}

/** An instant on `date` that is that same calendar day in any UTC−2…UTC+14 zone. */
function at(date: IsoDate): Date {
  return new Date(`${date}T02:00:00.000Z`);
}

function name(r: () => number, type: CarrierType, i: number): string {
  switch (type) {
    case '纸质文件':
    case '其他':
      return `${pick(r, VERBS)}${pick(r, TOPICS)}${pick(r, TAILS)}`;
    case '计算机硬盘':
      return `${pick(r, UNITS)}涉密计算机硬盘（资产编号 ${String(10_000 + (i % 9000))}）`;
    default:
      return `${pick(r, TOPICS)}${pick(r, MEDIA_TAILS)}`;
  }
}

function term(r: () => number, level: Classification, start: IsoDate): SecrecyTerm {
  const u = r();
  if (u < 0.75) return defaultSecrecyTerm(level)!; // unmarked: the statutory default, as the form stores it
  if (u < 0.87) return { kind: 'years', years: 1 + Math.floor(r() * 5) }; // short terms: the review queue
  if (u < 0.95) return { kind: 'date', date: addDays(start, 365 * (2 + Math.floor(r() * 6))) };
  if (u < 0.98) return { kind: 'long' };
  return { kind: 'condition', condition: '项目竣工验收后' };
}

/**
 * `n` carriers registered by `keeper` (the 保密员) over 2022–2026, as they stand on `today`:
 * mostly 在库 (many inventoried this year, some with finished loans, a few 降密), some 借出 (about a
 * third of them overdue), 已销毁, a few 已解密 and 已移交. 收文 sources are nominal references.
 */
/** The 载体 numbers already taken per year (the classified 收文 seeded before bring their carriers). */
export async function carrierNumbersTaken(db: WenshuDB): Promise<Map<number, number>> {
  return new Map((await db.counters.toArray()).filter((c) => c.series === CARRIER_SERIES).map((c) => [c.year, c.last]));
}

/** `after`: numbers already taken per year (carrierNumbersTaken); the made ones follow them. */
export function makeCarriers(n: number, keeper: PersonRef, today: IsoDate, seed = 4004, after: ReadonlyMap<number, number> = new Map()): CarrierRecord[] {
  const r = prng(seed);
  const actor: CarrierActor = { id: keeper.userId, name: keeper.name, roles: ['安全保密管理员'] };
  const lookup: UserLookup = (id) => (id === keeper.userId ? { roles: ['安全保密管理员'] } : { roles: ['工作人员'] });
  const lastDay = addDays(today, -1);
  const inventoryDay = `${today.slice(0, 4)}-06-15`;
  const out: CarrierRecord[] = [];
  const perYear = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const year = 2022 + Math.floor((i / n) * 5);
    const seq = (perYear.get(year) ?? after.get(year) ?? 0) + 1;
    perYear.set(year, seq);
    const months = String(year) === today.slice(0, 4) ? Number(today.slice(5, 7)) - 1 : 12;
    const date = `${year}-${String(1 + Math.floor(r() * Math.max(1, months))).padStart(2, '0')}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`;
    const level = pick(r, LEVELS);
    const carrierType = pick(r, TYPES);
    const fromIncoming = r() < 0.6;
    const secrecyStart = fromIncoming ? addDays(date, -Math.floor(r() * 20)) : date;
    const source: CarrierSource = fromIncoming
      ? { kind: '收文', incomingId: `seed-incoming-${year}-${seq}`, incomingSerial: formatSerial('收〔YYYY〕NNNN', year, 1 + Math.floor(r() * 9000)) }
      : { kind: '自制', unit: pick(r, UNITS) };
    const byKeeper = r() < 0.5;
    const other = pick(r, KEEPERS);
    const custodian = byKeeper ? keeper : other.who;
    const knowers = new Map<string, PersonRef>([[custodian.userId, custodian]]);
    for (let k = Math.floor(r() * 4); k >= 0; k--) {
      const p = pick(r, STAFF);
      knowers.set(p.userId, p);
    }
    const registration: CarrierRegistration = {
      name: name(r, carrierType, i),
      carrierType,
      classification: level,
      secrecyTerm: term(r, level, secrecyStart),
      secrecyStart,
      copyNumber: formatCopyNumber(1 + Math.floor(r() * 30)),
      quantity: carrierType === '纸质文件' ? 1 + Math.floor(r() * 2) : 1,
      ...(carrierType === '纸质文件' ? { pages: 1 + Math.floor(r() * 60) } : {}),
      source,
      knowers: [...knowers.values()],
      custodian,
      location: byKeeper ? pick(r, KEEPER_PLACES) : pick(r, other.places),
    };
    let rec = createCarrierRecord(registration, { id: `seed-carrier-${seed}-${i}`, serial: formatSerial(CARRIER_PATTERN, year, seq) }, actor, at(date));

    // Later events, in time order from the registration day; none on or after `today`.
    let cursor = date;
    const act = (day: IsoDate, action: Exclude<CarrierAction, { type: '复制' }>): boolean => {
      if (compareDates(day, cursor) <= 0 || compareDates(day, lastDay) > 0) return false;
      rec = applyCarrierAction(rec, action, actor, at(day), lookup);
      cursor = day;
      return true;
    };
    const staffOtherThan = (...ids: string[]) => {
      let p = pick(r, STAFF);
      while (ids.includes(p.userId)) p = pick(r, STAFF);
      return p;
    };
    const borrow = (day: IsoDate, due: IsoDate): boolean => {
      // Mostly someone in the 知悉范围 other than the 保管人; now and then an outsider, with the 保密员's approval.
      const inScope = rec.knowers.filter((k) => k.userId !== rec.custodian.userId);
      const outside = inScope.length === 0 || r() < 0.1;
      const borrower = outside ? staffOtherThan(...rec.knowers.map((k) => k.userId)) : pick(r, inScope);
      return act(day, {
        type: '借出',
        borrower,
        purpose: pick(r, PURPOSES),
        approver: pick(r, LEADERS),
        dueDate: due,
        ...(outside ? { outsideScopeApprovalBy: keeper } : {}),
      });
    };

    // Finished loans (归还 on time or a little late).
    for (let k = r() < 0.2 ? 1 + Math.floor(r() * 2) : 0; k > 0; k--) {
      const lent = addDays(cursor, 5 + Math.floor(r() * 120));
      const back = addDays(lent, 3 + Math.floor(r() * 30));
      if (compareDates(back, lastDay) > 0) break;
      if (borrow(lent, addDays(lent, 7 + Math.floor(r() * 20)))) act(back, { type: '归还' });
    }
    if (rec.state === '在库' && level !== '秘密' && r() < 0.03) {
      act(addDays(cursor, 30 + Math.floor(r() * 300)), { type: '降密', approver: pick(r, LEADERS), newLevel: level === '绝密' ? '机密' : '秘密', basis: '定密机关降密通知（县保密发〔2025〕7号）' });
    }

    const u = r();
    if (u < 0.06) {
      const destroyer = staffOtherThan();
      act(addDays(cursor, 30 + Math.floor(r() * 400)), {
        type: '销毁',
        approver: keeper,
        destroyer,
        supervisor: staffOtherThan(destroyer.userId),
        method: carrierType === '纸质文件' ? '碎纸机粉碎' : '消磁后物理粉碎',
        place: pick(r, ['县保密局销毁中心', '机要室']),
      });
    } else if (u < 0.075) {
      act(addDays(cursor, 60 + Math.floor(r() * 600)), { type: '解密', approver: pick(r, LEADERS), basis: '保密期限届满，经定密机关审核解密' });
    } else if (u < 0.085) {
      const handback = r() < 0.5;
      act(addDays(cursor, 30 + Math.floor(r() * 400)), {
        type: '移交',
        receiver: handback ? '市委保密办' : '县档案馆',
        receiverKind: '单位',
        kind: handback ? '清退' : '移交',
      });
    } else {
      // Still ours: most were ticked in this year's 清点; some are out on loan now.
      if (r() < 0.75) act(inventoryDay, { type: '清点', result: '在位', sessionId: `seed-inventory-${today.slice(0, 4)}` });
      if (u < 0.175) {
        const overdue = r() < 0.35;
        const lent = overdue ? addDays(today, -(40 + Math.floor(r() * 100))) : addDays(today, -(1 + Math.floor(r() * 13)));
        const due = overdue ? addDays(lent, 7 + Math.floor(r() * 24)) : addDays(today, 1 + Math.floor(r() * 30));
        borrow(lent, due);
      }
    }
    out.push(rec);
  }
  return out;
}

function auditOf(r: CarrierRecord): AuditDraft[] {
  const label = carrierAuditLabel(r);
  return r.history.map((h) => ({
    action: h.action === '登记' ? '涉密载体登记' : `涉密载体${h.action}`,
    entityType: '涉密载体',
    entityId: r.id,
    summary: h.action === '登记' ? label : `${label} ${h.action}`,
  }));
}

/**
 * Writes `records` in chunks, each chunk in one transaction with its projection deltas and audit
 * entries (as registerCarrier/actOnCarrier would, one event per history line), sets the 载体
 * counters, then folds the deltas into the persisted projection with the app's own compaction
 * (the state the app reaches after compacting off the hot path). Returns the fold time.
 */
export async function seedCarriers(db: WenshuDB, actor: Actor, records: CarrierRecord[]): Promise<{ foldMs: number }> {
  // A base to fold into: the app persists one (empty) the first time the 台账 is opened.
  if (!(await db.projections.get(CARRIER_PROJECTION))) {
    const lastDeltaId = (await db.projectionDeltas.orderBy('id').last())?.id ?? 0;
    await db.projections.bulkPut([
      { key: CARRIER_PROJECTION, entries: [], lastDeltaId },
      { key: `${CARRIER_PROJECTION}:meta`, entries: [], lastDeltaId },
    ]);
  }
  const CHUNK = 2000;
  for (let i = 0; i < records.length; i += CHUNK) {
    const chunk = records.slice(i, i + CHUNK);
    await db.transaction('rw', [db.carriers, db.projectionDeltas, ...auditScope(db)], async () => {
      await db.carriers.bulkAdd(chunk);
      for (const r of chunk) await writeProjectionDelta(db, CARRIER_PROJECTION, toCarrierIndexEntry(r), true);
      await appendAudit(db, actor, chunk.flatMap(auditOf), new Date());
    });
  }
  const last = new Map<number, number>();
  for (const r of records) {
    const m = /〔(\d{4})〕(\d+)$/.exec(r.serial)!;
    last.set(Number(m[1]), Math.max(last.get(Number(m[1])) ?? 0, Number(m[2])));
  }
  await db.counters.bulkPut([...last].map(([year, n]) => ({ key: `${CARRIER_SERIES}|${year}`, series: CARRIER_SERIES, year, last: n })));
  const t = performance.now();
  await compactProjection(db, CARRIER_PROJECTION);
  return { foldMs: performance.now() - t };
}
