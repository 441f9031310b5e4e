import { Select, Table, Tag, Typography } from 'antd';
import {
  personStatus,
  unconfirmedPeople,
  type MappingStatus,
  type PackagePerson,
  type PeopleCandidates,
  type PeopleMapping,
  type PersonTarget,
} from '@shared/domain/transfer-people';
import { useMemo } from 'react';
import { useDb } from '../../db/DbContext';
import { useLiveQuery } from '../../db/live';
import { peopleCandidates } from '../../db/repositories/transfer-people';
import { useActor } from '../../ui/session';
import { ellipsisColumn } from '../../ui/list-columns';

// 人员对应 in the 迁移包 preview (issue #20): each person on the package's records (the sender's
// account) against whom they become here — an account (may read: need to know), a 人员名录 entry
// (the name only) or 外单位人员. Suggested by name (shared/domain/transfer-people.ts), confirmed or
// changed here; the import waits while anyone is 需确认 (two accounts of one name are never guessed).

export interface PeopleMappingTableProps {
  persons: readonly PackagePerson[];
  candidates: PeopleCandidates;
  /** The mapping as chosen so far (suggestMapping to start with); a person absent from it is 需确认. */
  value: PeopleMapping;
  onChange: (next: PeopleMapping) => void;
  disabled?: boolean;
}

/** How many persons are still 需确认: the import button stays disabled until it is 0. */
export function peopleStillToConfirm(persons: readonly PackagePerson[], value: PeopleMapping): number {
  return unconfirmedPeople(persons, value).length;
}

/** This PC's accounts and 人员名录 for the mapping (undefined while loading). */
export function usePeopleCandidates(): PeopleCandidates | undefined {
  const db = useDb();
  const actor = useActor();
  return useLiveQuery(() => peopleCandidates(db, actor), [db, actor.id]);
}

const STATUS_COLORS: Record<MappingStatus, string> = { 已匹配: 'green', 需确认: 'orange', 外单位人员: 'default' };

const EXTERNAL = 'x';
const valueOf = (t: PersonTarget | undefined): string | undefined =>
  t === undefined ? undefined : t.kind === 'account' ? `a:${t.userId}` : t.kind === 'directory' ? `d:${t.personId}` : EXTERNAL;

interface Option {
  value: string;
  label: string;
}

/** The choices for one person: accounts, then 名录 entries without an account, then 外单位人员; same name first. */
function optionsFor(person: PackagePerson, candidates: PeopleCandidates) {
  const same = (name: string) => (name === person.name ? 0 : 1);
  const activeIds = new Set(candidates.accounts.map((a) => a.userId));
  const accounts: Option[] = [...candidates.accounts]
    .sort((a, b) => same(a.name) - same(b.name))
    .map((a) => ({ value: `a:${a.userId}`, label: `${a.name}（${[a.username, a.note].filter(Boolean).join('，')}）` }));
  // A 名录 entry of an active account is that account (offered above, with its 单位 and 职务).
  const entries: Option[] = candidates.directory
    .filter((e) => !e.userId || !activeIds.has(e.userId))
    .sort((a, b) => same(a.name) - same(b.name))
    .map((e) => ({ value: `d:${e.personId}`, label: `${e.name}（人员名录${[e.unit, e.title].filter(Boolean).length ? `：${[e.unit, e.title].filter(Boolean).join(' ')}` : ''}）` }));
  return [
    ...(accounts.length ? [{ label: '本机账户', title: '本机账户', options: accounts }] : []),
    ...(entries.length ? [{ label: '人员名录（无账户，不能查阅涉密内容）', title: '人员名录', options: entries }] : []),
    { label: '其他', title: '其他', options: [{ value: EXTERNAL, label: `外单位人员（保留姓名“${person.name}”）` }] },
  ];
}

function targetOf(value: string, person: PackagePerson, candidates: PeopleCandidates): PersonTarget | undefined {
  if (value === EXTERNAL) return { kind: 'external', name: person.name };
  if (value.startsWith('a:')) {
    const a = candidates.accounts.find((x) => x.userId === value.slice(2));
    return a && { kind: 'account', userId: a.userId, name: a.name };
  }
  const e = candidates.directory.find((x) => x.personId === value.slice(2));
  return e && { kind: 'directory', personId: e.personId, name: e.name };
}

const rolesText = (p: PackagePerson) => p.roles.map((r) => `${r.role} ${r.count}`).join('、');

/** The persons of a package and whom each becomes here: a compact table for the import preview. */
export function PeopleMappingTable({ persons, candidates, value, onChange, disabled = false }: PeopleMappingTableProps) {
  const counts = useMemo(() => {
    const c: Record<MappingStatus, number> = { 已匹配: 0, 需确认: 0, 外单位人员: 0 };
    for (const p of persons) c[personStatus(p, value)] += 1;
    return c;
  }, [persons, value]);
  if (persons.length === 0) return null;
  return (
    <div>
      <Typography.Paragraph style={{ marginBottom: 8 }}>
        {`迁移包记录中涉及 ${persons.length} 人：已匹配 ${counts.已匹配} 人，外单位人员 ${counts.外单位人员} 人`}
        {counts.需确认 > 0 && <Typography.Text type="warning">{`，需确认 ${counts.需确认} 人（确认后才能导入）`}</Typography.Text>}
        <Typography.Text type="secondary">。知悉范围只包括对应到本机账户的人员；外单位人员和人员名录中的人员只保留姓名。</Typography.Text>
      </Typography.Paragraph>
      <Table<PackagePerson>
        rowKey="key"
        size="small"
        aria-label="人员对应"
        dataSource={[...persons]}
        tableLayout="fixed"
        pagination={{ pageSize: 8, showSizeChanger: false, showTotal: (t) => `共 ${t} 人`, hideOnSinglePage: true }}
        columns={[
          { ...ellipsisColumn<PackagePerson>({ width: 120, text: (p) => p.name }), title: '姓名（发送方）', key: 'name' },
          { ...ellipsisColumn<PackagePerson>({ text: rolesText }), title: '出现于', key: 'roles' },
          {
            title: '对应本机人员',
            key: 'target',
            width: 300,
            render: (_, p) => (
              <Select<string>
                aria-label={`${p.name}对应的本机人员`}
                size="small"
                style={{ width: '100%' }}
                placeholder="请选择"
                disabled={disabled}
                value={valueOf(value[p.key])}
                options={optionsFor(p, candidates)}
                showSearch={{ optionFilterProp: 'label' }}
                popupMatchSelectWidth={false}
                onChange={(v) => {
                  const t = targetOf(v, p, candidates);
                  if (t) onChange({ ...value, [p.key]: t });
                }}
              />
            ),
          },
          {
            title: '状态',
            key: 'status',
            width: 100,
            render: (_, p) => {
              const s = personStatus(p, value);
              return <Tag color={STATUS_COLORS[s]}>{s}</Tag>;
            },
          },
        ]}
      />
    </div>
  );
}
