import { REGISTERS } from './registers';
import { EXTERNAL_MARK, NON_ACCOUNT_PREFIX, isAccountId, withoutExternalMark, type AnyRegister, type PersonMap } from './registers/descriptor';
import type { RegisterRow } from './registers/descriptor';

// People mapping of a 迁移包 (issue #20): every person on the package's records is the SENDER's
// account (an id of the sender's PC, the name as it was then), unknown here. Before the import each
// is matched to an account of this PC or a 人员名录 entry — suggested by name, confirmed or changed
// by the person importing — or kept as a name marked 外单位人员. Only an account can read, so the
// need to know (知悉范围, namedUserIds, invitees' accounts) here holds mapped accounts only: a
// 名录 entry or an 外单位人员 keeps their name on the record and gains no access.
// The registers say where their records name people (descriptor hooks `people` / `mapPeople`,
// ./registers/people.ts); this module is register-blind.

/** One person of a package, as the sender named them, and where they appear. */
export interface PackagePerson {
  /** The key of PeopleMapping: the sender's account id, or `名:`+name for a name without an account (督办 责任人). */
  key: string;
  /** The sender's account id; '' for a name only. */
  userId: string;
  /** The name as on the records (the first one seen, without 外单位人员). */
  name: string;
  /** Per role (知悉人, 保管人, 承办人 …), on how many records, in the order first seen. */
  roles: { role: string; count: number }[];
}

/** An account of this PC a person may be mapped to (active accounts only). */
export interface AccountCandidate {
  userId: string;
  /** 姓名 (displayName) */
  name: string;
  /** 用户名: tells two accounts of one name apart. */
  username: string;
  /** 单位 and 职务 of the 人员名录 entry linked to the account, '' when none. */
  note: string;
}

/** A 人员名录 entry of this PC (enabled ones only). */
export interface DirectoryCandidate {
  personId: string;
  name: string;
  unit: string;
  title: string;
  /** The account the entry is linked to, if any. */
  userId?: string;
}

export interface PeopleCandidates {
  accounts: readonly AccountCandidate[];
  directory: readonly DirectoryCandidate[];
}

/** What one sender's person becomes here. */
export type PersonTarget = { kind: 'account'; userId: string; name: string } | { kind: 'directory'; personId: string; name: string } | { kind: 'external'; name: string };

/** Per PackagePerson.key (the sender's account id), what the person becomes here; absent: 需确认. */
export type PeopleMapping = Record<string, PersonTarget>;

export type MappingStatus = '已匹配' | '需确认' | '外单位人员';

/** The key a person has in PeopleMapping. */
export function personKey(p: { userId: string; name: string }): string {
  return p.userId || `名:${comparableName(p.name)}`;
}

/** Names compare without spaces, width differences or a 外单位人员 mark a previous import added. */
function comparableName(name: string): string {
  return withoutExternalMark(name.trim()).normalize('NFKC').replace(/\s+/g, '');
}

/**
 * The distinct persons of a package's records (`items`: per register kind, as in TransferItems),
 * by sender account (a name without one: by name), sorted by name. A register without a `people`
 * hook names nobody.
 */
export function peopleOf(items: Readonly<Record<string, readonly RegisterRow[] | undefined>>, registers: readonly AnyRegister[] = REGISTERS): PackagePerson[] {
  const byKey = new Map<string, { person: PackagePerson; counts: Map<string, number> }>();
  for (const d of registers) {
    const people = d.transfer.people;
    if (!people) continue;
    for (const row of items[d.kind] ?? []) {
      // A person in one role counts once per record (a borrower of three loans of one carrier).
      const seen = new Set<string>();
      for (const p of people(row)) {
        const key = personKey(p);
        const name = withoutExternalMark(p.name.trim());
        let entry = byKey.get(key);
        if (!entry) {
          entry = { person: { key, userId: p.userId, name, roles: [] }, counts: new Map() };
          byKey.set(key, entry);
        } else if (!entry.person.name && name) entry.person.name = name;
        if (seen.has(`${key}|${p.role}`)) continue;
        seen.add(`${key}|${p.role}`);
        entry.counts.set(p.role, (entry.counts.get(p.role) ?? 0) + 1);
      }
    }
  }
  return [...byKey.values()]
    .map(({ person, counts }) => ({ ...person, roles: [...counts].map(([role, count]) => ({ role, count })) }))
    .sort((a, b) => a.name.localeCompare(b.name, 'zh') || a.key.localeCompare(b.key));
}

/** The candidates by comparable name (built once for a whole package). */
interface CandidateIndex {
  candidates: PeopleCandidates;
  accounts: Map<string, AccountCandidate[]>;
  directory: Map<string, DirectoryCandidate[]>;
}

function indexCandidates(candidates: PeopleCandidates): CandidateIndex {
  const group = <T extends { name: string }>(list: readonly T[]) => {
    const m = new Map<string, T[]>();
    for (const x of list) {
      const k = comparableName(x.name);
      m.set(k, [...(m.get(k) ?? []), x]);
    }
    return m;
  };
  return { candidates, accounts: group(candidates.accounts), directory: group(candidates.directory) };
}

function suggest(person: Pick<PackagePerson, 'name'>, ix: CandidateIndex): PersonTarget | null {
  const name = comparableName(person.name);
  if (!name) return { kind: 'external', name: person.name };
  const accounts = ix.accounts.get(name) ?? [];
  if (accounts.length > 1) return null;
  if (accounts.length === 1) return { kind: 'account', userId: accounts[0]!.userId, name: accounts[0]!.name };
  const entries = ix.directory.get(name) ?? [];
  if (entries.length > 1) return null;
  const entry = entries[0];
  if (!entry) return { kind: 'external', name: person.name };
  const account = entry.userId ? ix.candidates.accounts.find((a) => a.userId === entry.userId) : undefined;
  return account ? { kind: 'account', userId: account.userId, name: account.name } : { kind: 'directory', personId: entry.personId, name: entry.name };
}

/**
 * What `person` is suggested to become: the one active account of the same name; else the one
 * 人员名录 entry of the same name (its account, when it is linked to an active one); else 外单位人员.
 * Two accounts (or, without an account, two 名录 entries) of the name: null — 需确认, never guessed.
 */
export function suggestionFor(person: Pick<PackagePerson, 'name'>, candidates: PeopleCandidates): PersonTarget | null {
  return suggest(person, indexCandidates(candidates));
}

/** The suggested mapping of every person (those 需确认 are left out: the importer chooses). */
export function suggestMapping(persons: readonly PackagePerson[], candidates: PeopleCandidates): PeopleMapping {
  const ix = indexCandidates(candidates);
  const out: PeopleMapping = {};
  for (const p of persons) {
    const t = suggest(p, ix);
    if (t) out[p.key] = t;
  }
  return out;
}

export function personStatus(person: Pick<PackagePerson, 'key'>, mapping: PeopleMapping): MappingStatus {
  const t = mapping[person.key];
  if (!t) return '需确认';
  return t.kind === 'external' ? '外单位人员' : '已匹配';
}

/** The persons still 需确认 (the import waits for them). */
export function unconfirmedPeople(persons: readonly PackagePerson[], mapping: PeopleMapping): PackagePerson[] {
  return persons.filter((p) => !mapping[p.key]);
}

/**
 * Why `mapping` cannot be imported with, naming the person; null when it can: every person has a
 * target, each account is an active account here, each 名录 entry an enabled one (re-checked at
 * import: an account may have been disabled since the preview).
 */
export function mappingProblem(persons: readonly PackagePerson[], mapping: PeopleMapping, candidates: PeopleCandidates): string | null {
  for (const p of persons) {
    const t = mapping[p.key];
    if (!t) return `请确认“${p.name}”对应本机的哪一位人员（或标为外单位人员）`;
    if (t.kind === 'account' && !candidates.accounts.some((a) => a.userId === t.userId)) return `“${p.name}”对应的账户“${t.name}”已不存在或已停用，请重新选择`;
    if (t.kind === 'directory' && !candidates.directory.some((e) => e.personId === t.personId)) return `“${p.name}”对应的人员名录条目“${t.name}”已不存在或已停用，请重新选择`;
  }
  return null;
}

/** The id a person without an account here has on records (never an account's: isAccountId is false). */
function nonAccountId(p: { userId: string }, t: PersonTarget | undefined): string {
  if (t?.kind === 'directory') return `${NON_ACCOUNT_PREFIX}dir:${t.personId}`;
  if (!p.userId) return '';
  return isAccountId(p.userId) ? `${NON_ACCOUNT_PREFIX}${p.userId}` : p.userId;
}

/**
 * The PersonMap of `mapping` (for the descriptors' mapPeople): an account → its id and name; a
 * 名录 entry → its name, with an id no account has; 外单位人员 — and anyone the mapping does not
 * name — → the name marked 外单位人员, with an id no account has. The same mapping always gives the
 * same records (a package imported twice is recognised as the same).
 */
export function personMap(mapping: PeopleMapping): PersonMap {
  return (p) => {
    const t = mapping[personKey(p)];
    if (t?.kind === 'account') return { userId: t.userId, name: t.name };
    if (t?.kind === 'directory') return { userId: nonAccountId(p, t), name: t.name };
    const name = withoutExternalMark((t?.name ?? p.name).trim());
    return { userId: nonAccountId(p, t), name: name ? `${name}${EXTERNAL_MARK}` : '' };
  };
}

/** The package's records with every person mapped by `mapping` (per register kind, as given). */
export function applyMapping<I extends Readonly<Record<string, readonly RegisterRow[] | undefined>>>(items: I, mapping: PeopleMapping, registers: readonly AnyRegister[] = REGISTERS): I {
  const map = personMap(mapping);
  const out: Record<string, readonly RegisterRow[] | undefined> = { ...items };
  for (const d of registers) {
    const rows = items[d.kind];
    const mapPeople = d.transfer.mapPeople;
    if (rows && mapPeople) out[d.kind] = rows.map((r) => mapPeople(r, map));
  }
  return out as I;
}

/** The record `row` of register `d` with its people mapped (one record: a preview line, a test). */
export function mapRecordPeople<Row extends RegisterRow>(d: AnyRegister, row: Row, mapping: PeopleMapping): Row {
  return d.transfer.mapPeople ? (d.transfer.mapPeople(row, personMap(mapping)) as Row) : row;
}
