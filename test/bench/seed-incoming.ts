import { z } from 'zod';
import { CARRIER_PROJECTION } from '../../renderer/db/carriers/carrier-index';
import { defineCommand } from '../../renderer/db/commands/define';
import { runCommand } from '../../renderer/db/commands/execute';
import { compactProjection } from '../../renderer/db/projection';
import { createIncomingInBulk } from '../../renderer/db/repositories/incoming';
import type { WenshuDB } from '../../renderer/db/database';
import { INCOMING_PROJECTION, INCOMING_PROJECTION_VERSION } from '../../renderer/db/incoming/incoming-index';
import type { Actor } from '../../renderer/db/types';
import type { Classification, Urgency } from '../../shared/domain/enums';
import { addDays } from '../../shared/domain/dates';
import type { DepartmentRef, IncomingRecord, IncomingState, IncomingStep, Registration } from '../../shared/domain/incoming-types';
import { formatSerial } from '../../shared/domain/numbering';
import { prng } from '../fixtures/prng';

export { prng };

// Seeded, repeatable 收文 data at scale, written through the import's bulk path (the per-record path is measured apart).

const UNITS = ['县财政局', '县发展和改革局', '市人民政府办公室', '县教育局', '县卫生健康局', '县自然资源局', '市委办公室', '县应急管理局', '县审计局', '县住房和城乡建设局', '县交通运输局', '县农业农村局', '县民政局', '县人力资源和社会保障局', '县生态环境局', '县市场监督管理局'];
const CODES = ['县财发', '县发改', '市政办发', '县教发', '县卫健发', '县自然资发', '市委办发', '县应急发', '县审发', '县住建发', '县交发', '县农发', '县民发', '县人社发', '县环发', '县市监发'];
const VERBS = ['关于做好', '关于开展', '关于印发', '关于进一步加强', '关于切实做好', '关于组织开展', '关于报送', '关于转发'];
const TOPICS = ['机关作风建设', '公文处理工作', '安全生产大检查', '冬季森林防火', '财政预算执行情况', '重点项目建设', '政务信息报送', '机关规范化建设', '保密工作检查', '效能建设年活动', '信访维稳工作', '防汛抗旱准备', '基层减负', '督查督办', '会议纪要管理', '档案规范化整理', '疫情防控常态化', '营商环境优化', '乡村振兴重点任务', '民生实事项目'];
const TAILS = ['工作的通知', '的实施方案', '情况的报告', '的意见', '有关事项的函', '工作方案的通知', '的紧急通知'];
const STATES: IncomingState[] = ['已登记', '已初审', '已拟办', '已批示', '承办中', '传阅中', '已办结', '已办结', '已办结', '已办结'];
const LEVELS: Classification[] = ['非密', '非密', '非密', '非密', '非密', '非密', '内部', '秘密', '机密'];
const URGENCY: Urgency[] = ['普通', '普通', '普通', '普通', '加急', '特急'];

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)]!;
}

/** The 承办单位 of the seeded office (the 运转时效 figures group by them). */
export const SEED_DEPARTMENTS: readonly DepartmentRef[] = ['办公室', '综合科', '财政科', '经济科', '农业科', '教育科', '卫生科', '城建科', '交通科', '民政科', '政法科', '督查室'].map(
  (name, i) => ({ id: `seed-dept-${String(i + 1).padStart(2, '0')}`, name }),
);

/** The steps a record in `state` went through, on plausible days after its 收文日期 (运转时效 counts them). */
function historyOf(r: () => number, received: string, state: IncomingState): Pick<IncomingRecord, 'history' | 'assignment' | 'hostDeptId' | 'dueDate' | 'result'> {
  const order: IncomingState[] = ['已登记', '已初审', '已拟办', '已批示', '承办中'];
  const reached = state === '传阅中' || state === '已办结' ? order.length : order.indexOf(state) + 1;
  const step = (action: IncomingStep['action'], day: string): IncomingStep => ({ action, at: `${day}T01:00:00.000Z`, byId: 'seed', byName: '张秘书' });
  let day = received;
  const history = [step('登记', day)];
  const later = (max: number) => (day = addDays(day, Math.floor(r() * (max + 1))));
  if (reached >= 2) history.push(step('初审', day));
  if (reached >= 3) history.push(step('拟办', later(2)));
  if (reached >= 4) history.push(step('批示', later(4)));
  if (reached < 5) return { history };
  const assignedOn = later(3);
  history.push(step('承办', assignedOn));
  const host = pick(r, SEED_DEPARTMENTS);
  // Most 承办 have a 时限 of 5–20 days; one in ten has none.
  const dueDate = r() < 0.9 ? addDays(assignedOn, 5 + Math.floor(r() * 16)) : undefined;
  const out = { history, assignment: { host, cooperating: [], at: history[history.length - 1]!.at }, hostDeptId: host.id, ...(dueDate ? { dueDate } : {}) };
  if (state === '传阅中') history.push(step('传阅', later(2)));
  if (state !== '已办结') return out;
  // 办结 mostly within the 时限, a tail of slow ones.
  const doneOn = later(r() < 0.8 ? 15 : 45);
  history.push(step('办结', doneOn));
  return { ...out, result: { text: '已办理', at: `${doneOn}T01:00:00.000Z`, byName: '张秘书' } };
}

export function makeIncoming(n: number, seed = 2026): IncomingRecord[] {
  const r = prng(seed);
  // The procedure's days from a stream of their own: the other fields stay what they were.
  const steps = prng(seed + 1);
  const out: IncomingRecord[] = [];
  const perYear = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const year = 2022 + Math.floor((i / n) * 5);
    const seq = (perYear.get(year) ?? 0) + 1;
    perYear.set(year, seq);
    const u = Math.floor(r() * UNITS.length);
    const month = 1 + Math.floor(r() * 12);
    const day = 1 + Math.floor(r() * 28);
    const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    const level = pick(r, LEVELS);
    const state = pick(r, STATES);
    const docNumber = `${CODES[u]}〔${year}〕${1 + Math.floor(r() * 300)}号`;
    const at = `${date}T01:00:00.000Z`;
    const flow = historyOf(steps, date, state);
    out.push({
      id: `seed-${seed}-${i}`,
      year,
      seq,
      serial: formatSerial('收〔YYYY〕NNNN', year, seq),
      receivedDate: date,
      fromUnit: UNITS[u]!,
      docNumber,
      title: `${pick(r, VERBS)}${pick(r, TOPICS)}${pick(r, TAILS)}`,
      docType: '通知',
      classification: level,
      ...(level === '秘密' || level === '机密' ? { copyNumber: String(1 + Math.floor(r() * 50)).padStart(6, '0') } : {}),
      copies: 1,
      pages: 1 + Math.floor(r() * 20),
      urgency: pick(r, URGENCY),
      signedBy: '张秘书',
      handling: '办件',
      state,
      duplicateKey: `${UNITS[u]}|${docNumber}`,
      ...flow,
      circulation: [],
      reminders: [],
      namedUserIds: [],
      createdAt: at,
      updatedAt: flow.history[flow.history.length - 1]!.at,
    });
  }
  return out;
}

/**
 * The bench's seed command: the seeded 收文 written through the import's bulk path
 * (createIncomingInBulk: numbers reserved per year, carriers for the classified, audit entries
 * chained per batch, search entries, change-log rows), each record then given the procedure the
 * seed made for it (state, history, 承办, 办结).
 */
const seedIncomingCommand = defineCommand({
  name: 'bench.seedIncoming',
  input: z.object({ records: z.custom<IncomingRecord[]>((v) => Array.isArray(v)) }),
  permission: 'incoming.process',
  tables: ['incoming', 'counters', 'projectionDeltas', 'carriers'],
  run: (ctx, { records }) =>
    createIncomingInBulk(
      ctx,
      records.map((r) => ({ registration: registrationOf(r) })),
      '收〔YYYY〕NNNN',
      {
        shape: (made, i) => {
          const r = records[i]!;
          return {
            ...made,
            state: r.state,
            history: r.history,
            ...(r.assignment ? { assignment: r.assignment, hostDeptId: r.hostDeptId } : {}),
            ...(r.dueDate ? { dueDate: r.dueDate } : {}),
            ...(r.result ? { result: r.result } : {}),
            createdAt: r.createdAt,
            updatedAt: r.updatedAt,
          };
        },
      },
    ),
});

function registrationOf(r: IncomingRecord): Registration {
  return {
    receivedDate: r.receivedDate,
    fromUnit: r.fromUnit,
    docNumber: r.docNumber,
    title: r.title,
    docType: r.docType,
    classification: r.classification,
    ...(r.copyNumber ? { copyNumber: r.copyNumber } : {}),
    copies: r.copies,
    pages: r.pages,
    urgency: r.urgency,
    signedBy: r.signedBy,
    handling: r.handling,
  };
}

/**
 * Writes `records` (oldest first, numbered afresh per year) through the import's bulk path in one
 * command, then folds the search projections' deltas into their bases with the app's own
 * compaction (as the app does in the background after an import). Returns the records as
 * written and how long the fold took (not part of the write).
 */
export async function seedIncoming(db: WenshuDB, actor: Actor, records: IncomingRecord[]): Promise<{ written: IncomingRecord[]; foldMs: number }> {
  const ordered = [...records].sort((a, b) => a.receivedDate.localeCompare(b.receivedDate));
  // Empty bases from before the seed, so the compaction below has something to fold into.
  const lastDeltaId = (await db.projectionDeltas.orderBy('id').last())?.id ?? 0;
  for (const [key, version] of [
    [INCOMING_PROJECTION, INCOMING_PROJECTION_VERSION],
    [CARRIER_PROJECTION, undefined],
  ] as const) {
    if (await db.projections.get(key)) continue;
    const v = version !== undefined ? { version } : {};
    await db.projections.bulkPut([
      { key, entries: [], lastDeltaId, ...v },
      { key: `${key}:meta`, entries: [], lastDeltaId, size: 0, ...v },
    ]);
  }
  const written = await runCommand(db, actor, seedIncomingCommand, { records: ordered });
  const t0 = performance.now();
  await compactProjection(db, INCOMING_PROJECTION);
  await compactProjection(db, CARRIER_PROJECTION);
  return { written, foldMs: performance.now() - t0 };
}
