import type { CarrierLoan, CarrierRecord } from '../carrier-types';
import type { IncomingRecord, PersonRef } from '../incoming-types';
import type { MeetingRecord } from '../meeting-types';
import type { OutgoingRecord } from '../outgoing-types';
import type { TaskRecord } from '../supervision-types';
import { isAccountId, withoutExternalMark, type NamedPerson, type PersonMap } from './descriptor';

// The people on each register's records, for the 迁移包's people mapping (issue #20): the
// `people` and `mapPeople` hooks of the descriptors. Every place of a record that names a person
// is listed here once per register, so `people` and `mapPeople` cannot drift apart. A record's
// history (who did what, by their account there) is the sender's part and stays as it was.

const ref = (p: PersonRef, role: string): NamedPerson => ({ userId: p.userId, name: p.name, role });

/** The person `map` gives for `p`, as a PersonRef (nothing else of `map`'s answer is kept). */
function mapped(p: PersonRef, map: PersonMap): PersonRef {
  const t = map({ userId: p.userId, name: p.name });
  return { userId: t.userId, name: t.name };
}

/**
 * Need-to-know ids not named elsewhere on the record (the 发文's creator, an earlier 核稿人): named
 * by the history line they acted in. Ids no line names cannot be shown to the importer: they are
 * left out here, and `mapPeople` drops them (an unmapped person never gains the need to know).
 */
function historyNamed(ids: readonly string[], named: readonly NamedPerson[], history: readonly { byId: string; byName: string }[], role: string): NamedPerson[] {
  const known = new Set(named.map((p) => p.userId));
  const out: NamedPerson[] = [];
  for (const id of ids) {
    if (!id || known.has(id)) continue;
    const line = history.find((h) => h.byId === id && h.byName);
    if (!line) continue;
    known.add(id);
    out.push({ userId: id, name: line.byName, role });
  }
  return out;
}

/** A need-to-know list after mapping: accounts of this PC only, each once, in the order named. */
function needToKnow(ids: readonly string[], named: readonly NamedPerson[], map: PersonMap): string[] {
  const names = new Map(named.filter((p) => p.userId).map((p) => [p.userId, p.name]));
  const out = ids.map((id) => map({ userId: id, name: names.get(id) ?? '' }).userId).filter(isAccountId);
  return [...new Set(out)];
}

// --- 收文 ----------------------------------------------------------------------------------------

export function incomingPeople(r: IncomingRecord): NamedPerson[] {
  const on: NamedPerson[] = [];
  if (r.assignment?.person) on.push(ref(r.assignment.person, '承办人'));
  for (const c of r.circulation) on.push(ref(c, '传阅人'));
  return [...on, ...historyNamed(r.namedUserIds, on, r.history, '知悉人')];
}

export function mapIncomingPeople(r: IncomingRecord, map: PersonMap): IncomingRecord {
  const person = r.assignment?.person;
  return {
    ...r,
    ...(r.assignment ? { assignment: { ...r.assignment, ...(person ? { person: mapped(person, map) } : {}) } } : {}),
    circulation: r.circulation.map((c) => ({ ...c, ...mapped(c, map) })),
    namedUserIds: needToKnow(r.namedUserIds, incomingPeople(r), map),
  };
}

// --- 发文 ----------------------------------------------------------------------------------------

export function outgoingPeople(r: OutgoingRecord): NamedPerson[] {
  const on: NamedPerson[] = [ref(r.drafter, '拟稿人')];
  if (r.review) on.push(ref(r.review.reviewer, '核稿人'));
  const byHistory = historyNamed(r.namedUserIds, on, r.history, '知悉人');
  // The 签发人 is named from the 人员名录 (signerId is a 名录 id): their account is in the need to
  // know without a name beside it. The one id nothing else names is theirs.
  const known = new Set([...on, ...byHistory].map((p) => p.userId));
  const unnamed = r.namedUserIds.filter((id) => id && !known.has(id));
  const signer = r.signoff && unnamed.length === 1 ? [{ userId: unnamed[0]!, name: r.signoff.signer, role: '签发人' }] : [];
  return [...on, ...byHistory, ...signer];
}

export function mapOutgoingPeople(r: OutgoingRecord, map: PersonMap): OutgoingRecord {
  return {
    ...r,
    drafter: mapped(r.drafter, map),
    ...(r.review ? { review: { ...r.review, reviewer: mapped(r.review.reviewer, map) } } : {}),
    namedUserIds: needToKnow(r.namedUserIds, outgoingPeople(r), map),
  };
}

// --- 涉密载体 ------------------------------------------------------------------------------------

function loanPeople(l: CarrierLoan): NamedPerson[] {
  return [ref(l.borrower, '借阅人'), ref(l.approver, '批准人'), ...(l.outsideScopeApprovalBy ? [ref(l.outsideScopeApprovalBy, '批准人')] : [])];
}

function mapLoan(l: CarrierLoan, map: PersonMap): CarrierLoan {
  const outside = l.outsideScopeApprovalBy;
  return { ...l, borrower: mapped(l.borrower, map), approver: mapped(l.approver, map), ...(outside ? { outsideScopeApprovalBy: mapped(outside, map) } : {}) };
}

export function carrierPeople(c: CarrierRecord): NamedPerson[] {
  const d = c.destruction;
  return [
    ...c.knowers.map((k) => ref(k, '知悉人')),
    ref(c.custodian, '保管人'),
    ...(c.loan ? loanPeople(c.loan) : []),
    ...c.loans.flatMap(loanPeople),
    ...c.markingHistory.map((m) => ref(m.approver, '批准人')),
    ...(d ? [ref(d.approver, '批准人'), ref(d.destroyer, '销毁人'), ref(d.supervisor, '监销人')] : []),
  ];
}

export function mapCarrierPeople(c: CarrierRecord, map: PersonMap): CarrierRecord {
  // 知悉范围 names each person once (two sender accounts may map to one account here).
  const seen = new Set<string>();
  const knowers = c.knowers
    .map((k) => mapped(k, map))
    .filter((k) => {
      const key = k.userId || `名:${k.name}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  const d = c.destruction;
  return {
    ...c,
    knowers,
    custodian: mapped(c.custodian, map),
    ...(c.loan ? { loan: mapLoan(c.loan, map) } : {}),
    loans: c.loans.map((l) => mapLoan(l, map)),
    markingHistory: c.markingHistory.map((m) => ({ ...m, approver: mapped(m.approver, map) })),
    ...(d ? { destruction: { ...d, approver: mapped(d.approver, map), destroyer: mapped(d.destroyer, map), supervisor: mapped(d.supervisor, map) } } : {}),
  };
}

// --- 会议 -----------------------------------------------------------------------------------------

/** Invitees with an account (the need to know of a classified meeting); the others are names already. */
export function meetingPeople(m: MeetingRecord): NamedPerson[] {
  return m.invitees.filter((i) => i.userId).map((i) => ({ userId: i.userId!, name: i.name, role: '参会人' }));
}

export function mapMeetingPeople(m: MeetingRecord, map: PersonMap): MeetingRecord {
  return {
    ...m,
    invitees: m.invitees.map((i) => {
      if (!i.userId) return i;
      const t = map({ userId: i.userId, name: i.name });
      const { userId: _sender, ...rest } = i;
      // An invitee without an account here is an invitee like any other from outside: the name
      // as on the 签到表 (with 单位 and 职务 beside it), no account, so no need to know.
      return isAccountId(t.userId) ? { ...rest, userId: t.userId, name: t.name } : { ...rest, name: withoutExternalMark(t.name) };
    }),
  };
}

// --- 督办 -----------------------------------------------------------------------------------------

/** 责任人 is text (no account): mapped by name only. */
export function taskPeople(t: TaskRecord): NamedPerson[] {
  return t.person ? [{ userId: '', name: t.person, role: '责任人' }] : [];
}

export function mapTaskPeople(t: TaskRecord, map: PersonMap): TaskRecord {
  if (!t.person) return t;
  // A 督办通报 prints the 责任人 as written: one without an account here keeps the text it had.
  return { ...t, person: withoutExternalMark(map({ userId: '', name: t.person }).name) };
}
