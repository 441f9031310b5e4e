import type { IsoDate } from './dates';
import { defaultSecrecyTerm, isClassified } from './enums';
import type { CarrierEvent, CarrierRecord, PersonRef } from './carrier-types';
import { CARRIER_DOC_NUMBER_MAX, createCarrierRecord, normalizeCarrierCopyNumber, type CarrierActor, type NewCarrierIds } from './carrier';
import { can, PERMISSION_LABELS } from './permissions';
import type { IncomingRecord } from './incoming-types';
import { cleanLine } from './text';
import { RuleError } from './rule-error';

// What changes on a carrier besides its lifecycle: 保管人 and 存放位置 move, the 知悉范围 grows
// and shrinks, a 名称 is corrected. Each change is a 变更 line in the history with before and
// after, so the register can show where a carrier was kept at any time. And the carriers a
// classified 收文 brings in, made at registration (issue 4: one per 份号, linked both ways).

export interface CarrierDetailsPatch {
  name?: string;
  knowers?: PersonRef[];
  custodian?: PersonRef;
  location?: string;
}

const LIVE: ReadonlySet<CarrierRecord['state']> = new Set(['在库', '借出']);

function samePeople(a: readonly PersonRef[], b: readonly PersonRef[]): boolean {
  return a.length === b.length && a.every((p, i) => p.userId === b[i]!.userId);
}

function cleanPerson(p: PersonRef | undefined, message: string, field: string): PersonRef {
  const userId = typeof p?.userId === 'string' ? p.userId.trim() : '';
  const name = cleanLine(p?.name);
  if (!userId || !name) throw new RuleError(message, field);
  return { userId, name };
}

/**
 * A new record with the patch applied and a 变更 history entry naming each change; the same
 * record back (===) when nothing changed. Only for carriers still kept here (在库, 借出).
 */
export function editCarrierDetails(record: CarrierRecord, patch: CarrierDetailsPatch, actor: CarrierActor, now: Date): CarrierRecord {
  if (!can(actor, 'classified.manage')) throw new RuleError(`没有权限修改涉密载体（需要：${PERMISSION_LABELS['classified.manage']}）`);
  if (!LIVE.has(record.state)) throw new RuleError(`该载体${record.state}，登记信息不能再修改`);
  const next: CarrierRecord = { ...record, history: [...record.history] };
  const notes: string[] = [];
  if (patch.name !== undefined) {
    const name = cleanLine(patch.name);
    if (!name) throw new RuleError('请填写名称', 'name');
    if (Array.from(name).length > 200) throw new RuleError('名称不能超过 200 个字', 'name');
    if (name !== record.name) {
      next.name = name;
      // The old title stays in the history: it is on the carrier itself, seen by those who may.
      notes.push(`名称：${record.name} → ${name}`);
    }
  }
  if (patch.location !== undefined) {
    const location = cleanLine(patch.location);
    if (!location) throw new RuleError('请填写存放位置', 'location');
    if (Array.from(location).length > 100) throw new RuleError('存放位置不能超过 100 个字', 'location');
    if (location !== record.location) {
      next.location = location;
      notes.push(`存放位置：${record.location} → ${location}`);
    }
  }
  if (patch.custodian !== undefined) {
    const custodian = cleanPerson(patch.custodian, '请选择保管人', 'custodian');
    if (custodian.userId !== record.custodian.userId) {
      next.custodian = custodian;
      notes.push(`保管人：${record.custodian.name} → ${custodian.name}`);
    }
  }
  if (patch.knowers !== undefined) {
    const knowers = patch.knowers.map((k) => cleanPerson(k, '请选择知悉范围人员', 'knowers'));
    if (knowers.length === 0) throw new RuleError('知悉范围至少要有一人', 'knowers');
    const ids = new Set<string>();
    for (const k of knowers) {
      if (ids.has(k.userId)) throw new RuleError(`知悉范围中有重复的人员：${k.name}`, 'knowers');
      ids.add(k.userId);
    }
    if (!samePeople(knowers, record.knowers)) {
      const before = new Set(record.knowers.map((k) => k.userId));
      const added = knowers.filter((k) => !before.has(k.userId)).map((k) => k.name);
      const removed = record.knowers.filter((k) => !ids.has(k.userId)).map((k) => k.name);
      next.knowers = knowers;
      if (added.length) notes.push(`知悉范围增加：${added.join('、')}`);
      if (removed.length) notes.push(`知悉范围减少：${removed.join('、')}`);
    }
  }
  if (notes.length === 0) return record;
  const at = now.toISOString();
  const event: CarrierEvent = { action: '变更', at, byId: actor.id, byName: actor.name, note: notes.join('；') };
  next.history.push(event);
  next.updatedAt = at;
  return next;
}

/**
 * The people a 收文 has named since (承办人, 传阅 readers) join the 知悉范围 of its carriers:
 * the office decided they should see it, so the register must let them borrow it. Returns the
 * carrier unchanged (===) when everyone is already in it.
 */
export function widenKnowersFromIncoming(record: CarrierRecord, people: readonly PersonRef[], incomingSerial: string, actor: Pick<CarrierActor, 'id' | 'name'>, now: Date): CarrierRecord {
  if (!LIVE.has(record.state)) return record;
  const have = new Set(record.knowers.map((k) => k.userId));
  const added: PersonRef[] = [];
  for (const p of people) {
    if (have.has(p.userId)) continue;
    have.add(p.userId);
    added.push({ userId: p.userId, name: p.name });
  }
  if (added.length === 0) return record;
  const at = now.toISOString();
  return {
    ...record,
    knowers: [...record.knowers, ...added],
    history: [
      ...record.history,
      { action: '变更', at, byId: actor.id, byName: actor.name, note: `知悉范围增加：${added.map((p) => p.name).join('、')}（收文 ${incomingSerial} 承办、传阅）` },
    ],
    updatedAt: at,
  };
}

/** The people a 收文 names for need-to-know, with their names (承办人, 传阅 readers). */
export function peopleNamedByIncoming(r: Pick<IncomingRecord, 'assignment' | 'circulation'>): PersonRef[] {
  const out: PersonRef[] = [];
  if (r.assignment?.person) out.push(r.assignment.person);
  for (const c of r.circulation) out.push({ userId: c.userId, name: c.name });
  return out;
}

/** Where carriers registered through 收文 are kept until the 保密员 moves them (变更). */
export const INCOMING_CARRIER_LOCATION = '机要室保密柜';

/** How many carriers one 收文 brings in: one per copy received, and not absurdly many. */
export const MAX_CARRIERS_PER_INCOMING = 50;

/**
 * The carriers a classified 收文 brings in: one per copy received, 份号 counting up from the
 * registered one (份数 3 from 份号 000005 → 000005, 000006, 000007), paper, kept by the person
 * who signed for it in the 机要室 until the 保密员 says otherwise. The 知悉范围 starts with that
 * person and grows as the 收文 names 承办人 and readers. Empty for a 收文 below 秘密.
 */
export function carriersFromIncoming(
  incoming: { docNumber?: string } & Pick<IncomingRecord, 'id' | 'serial' | 'title' | 'classification' | 'secrecyTerm' | 'copyNumber' | 'copies' | 'pages' | 'writtenDate' | 'receivedDate'>,
  ids: () => NewCarrierIds,
  actor: Pick<CarrierActor, 'id' | 'name'>,
  now: Date,
): CarrierRecord[] {
  if (!isClassified(incoming.classification)) return [];
  const term = incoming.secrecyTerm ?? defaultSecrecyTerm(incoming.classification);
  if (!term) return [];
  const first = Number(normalizeCarrierCopyNumber(incoming.copyNumber ?? '1') ?? '1');
  const count = Math.max(1, Math.min(incoming.copies || 1, MAX_CARRIERS_PER_INCOMING));
  const me: PersonRef = { userId: actor.id, name: actor.name };
  const start: IsoDate = incoming.writtenDate ?? incoming.receivedDate;
  const out: CarrierRecord[] = [];
  for (let i = 0; i < count; i++) {
    const n = first + i;
    if (n > 999_999) break;
    const record = createCarrierRecord(
      {
        name: incoming.title,
        carrierType: '纸质文件',
        classification: incoming.classification,
        secrecyTerm: term,
        secrecyStart: start,
        copyNumber: String(n).padStart(6, '0'),
        quantity: 1,
        ...(incoming.pages > 0 ? { pages: incoming.pages } : {}),
        // The 收文's 来文字号 goes with each copy, so the 登记表 can print it (cut to the carrier's limit).
        ...(incoming.docNumber ? { docNumber: Array.from(incoming.docNumber).slice(0, CARRIER_DOC_NUMBER_MAX).join('') } : {}),
        source: { kind: '收文', incomingId: incoming.id, incomingSerial: incoming.serial },
        knowers: [me],
        custodian: me,
        location: INCOMING_CARRIER_LOCATION,
      },
      ids(),
      actor,
      now,
    );
    record.history[0]!.note = `随收文 ${incoming.serial} 登记`;
    out.push(record);
  }
  return out;
}
