import { Button, Checkbox, Popover, Space, Typography } from 'antd';
import { lazy, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { todayIso } from '@shared/domain/dates';
import { isClassified } from '@shared/domain/enums';
import {
  REGISTER_COLUMN_KEYS,
  REGISTER_COLUMNS,
  REQUIRED_REGISTER_COLUMNS,
  orderedRegisterColumns,
  type RegisterColumnKey,
  type RegisterLine,
} from '@shared/domain/incoming-register';
import { can } from '@shared/domain/permissions';
import { incomingRegisterEntries } from '../../db/repositories/incoming';
import { getSetting, getUnitInfo } from '../../db/repositories/settings';
import { useSend } from '../../db/commands/use-send';
import { PrintPage } from '../../print/PrintPage';
import { registerFitProblem, registerLayout } from '../../print/register-layout';
import { useActor } from '../../ui/session';
import { toQuery, type RegisterFilters } from './RegisterList';

const IncomingRegisterSheet = lazy(() => import('../../print/IncomingRegisterSheet').then((m) => ({ default: m.IncomingRegisterSheet })));

function describe(f: RegisterFilters): string {
  const parts = [
    f.year ? `${f.year}年` : '',
    f.state ? `状态：${f.state}` : '',
    f.classification ? `密级：${f.classification}` : '',
    f.urgency ? `紧急程度：${f.urgency}` : '',
    f.overdueOnly ? '仅超期' : '',
    f.search.trim() ? `搜索：${f.search.trim()}` : '',
  ].filter(Boolean);
  return parts.length ? `筛选条件：${parts.join('；')}` : '全部收文';
}

const ALL: RegisterFilters = { overdueOnly: false, search: '', sort: { field: 'serial', direction: 'ascend' } };

/** The filters from the URL; anything unreadable prints the whole register, in number order. */
function parseFilters(raw: string | null): RegisterFilters {
  if (!raw) return ALL;
  try {
    const f = JSON.parse(raw) as Partial<RegisterFilters>;
    return { ...ALL, ...f, search: typeof f.search === 'string' ? f.search : '', overdueOnly: f.overdueOnly === true };
  } catch {
    return ALL;
  }
}

const sameSet = (a: readonly RegisterColumnKey[], b: readonly RegisterColumnKey[]) => a.length === b.length && a.every((k, i) => k === b[i]);

/**
 * 打印列: the columns of this print, in the register's order, starting from the office's own set;
 * 保存为本单位默认 (for whoever keeps the register: incoming.process) makes them the office's set.
 */
function ColumnChooser({
  columns,
  saved,
  lines,
  onChange,
}: {
  columns: readonly RegisterColumnKey[];
  saved: readonly RegisterColumnKey[];
  lines: readonly RegisterLine[];
  onChange: (next: RegisterColumnKey[]) => void;
}) {
  const actor = useActor();
  const send = useSend();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const problem = registerFitProblem(registerLayout(columns, lines));
  const mayKeep = can(actor, 'incoming.process');
  const isSaved = sameSet(columns, saved);

  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      await send('settings.save', { key: 'incomingRegister', value: { columns: [...columns] } });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Space size="small">
      {problem && (
        <Typography.Text type="danger" role="alert" style={{ maxWidth: 420, display: 'inline-block', lineHeight: 1.3 }}>
          {problem}
        </Typography.Text>
      )}
      <Popover
        trigger="click"
        placement="bottomRight"
        title="打印的列"
        content={
          <Space orientation="vertical" size={4} style={{ maxHeight: '70vh', overflow: 'auto' }}>
            <div role="group" aria-label="打印的列" style={{ display: 'grid', gridTemplateColumns: 'repeat(2, auto)', columnGap: 16, rowGap: 4 }}>
              {REGISTER_COLUMN_KEYS.map((k) => (
                <Checkbox
                  key={k}
                  checked={columns.includes(k)}
                  disabled={REQUIRED_REGISTER_COLUMNS.includes(k)}
                  onChange={(e) => onChange(orderedRegisterColumns(e.target.checked ? [...columns, k] : columns.filter((c) => c !== k)))}
                >
                  {REGISTER_COLUMNS[k].label}
                </Checkbox>
              ))}
            </div>
            {problem && (
              <Typography.Text type="danger" style={{ maxWidth: 320, display: 'block' }}>
                {problem}
              </Typography.Text>
            )}
            <Space wrap>
              {mayKeep ? (
                <Button size="small" type="primary" onClick={() => void save()} loading={saving} disabled={isSaved || !!problem}>
                  保存为本单位默认
                </Button>
              ) : (
                <Typography.Text type="secondary">本单位默认的列由秘书设定</Typography.Text>
              )}
              <Button size="small" onClick={() => onChange([...saved])} disabled={isSaved}>
                恢复本单位默认
              </Button>
            </Space>
            {isSaved && <Typography.Text type="secondary">当前为本单位默认的列</Typography.Text>}
            {error && (
              <Typography.Text type="danger" role="alert">
                {error}
              </Typography.Text>
            )}
          </Space>
        }
      >
        <Button autoInsertSpace={false}>打印列</Button>
      </Popover>
    </Space>
  );
}

/** 收文登记簿 (A4 landscape) for the list as filtered on screen, in the columns chosen. */
export function RegisterPrintPage() {
  const [params] = useSearchParams();
  const filters = useMemo(() => parseFilters(params.get('f')), [params]);
  const today = todayIso();
  // This print's columns; until the user picks, the office's own set (which a save updates live).
  const [picked, setPicked] = useState<RegisterColumnKey[] | null>(null);
  return (
    <PrintPage
      deps={[filters]}
      load={async (db, actor) => {
        // The office's set is read first: a live query keeps watching only what it read before its
        // first wait on something other than Dexie (the 收文 projection decrypts), and a save of
        // the set must show at once.
        const saved = (await getSetting(db, 'incomingRegister')).columns;
        const unit = await getUnitInfo(db);
        const { offset: _o, limit: _l, ...q } = toQuery(filters, 0, 0);
        const entries = await incomingRegisterEntries(db, actor, q, today);
        return { entries, lines: entries.map((e) => e.line), unit, saved };
      }}
      name={() => `收文登记簿-${today}`}
      back={() => '/incoming'}
      classified={({ entries }) => entries.some((e) => isClassified(e.ref.classification))}
      output={({ entries }, how) => ({ ...how, document: '收文登记簿', records: entries.map((e) => e.ref) })}
      extra={({ lines, saved }) => <ColumnChooser columns={picked ?? saved} saved={saved} lines={lines} onChange={setPicked} />}
      blocked={({ lines, saved }) => registerFitProblem(registerLayout(picked ?? saved, lines))}
    >
      {({ lines, unit, saved }, { watermark }) => (
        <IncomingRegisterSheet
          rows={lines}
          columns={picked ?? saved}
          title={`${unit?.name ?? ''}收文登记簿`}
          filterText={describe(filters)}
          {...(watermark ? { watermark } : {})}
        />
      )}
    </PrintPage>
  );
}
