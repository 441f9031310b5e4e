import { lazy, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { todayIso } from '@shared/domain/dates';
import { isClassified } from '@shared/domain/enums';
import { allIncomingRows } from '../../db/repositories/incoming';
import { getUnitInfo } from '../../db/repositories/settings';
import { PrintPage } from '../../print/PrintPage';
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

/** 收文登记簿 (A4 landscape) for the list as filtered on screen. */
export function RegisterPrintPage() {
  const [params] = useSearchParams();
  const filters = useMemo(() => parseFilters(params.get('f')), [params]);
  const today = todayIso();
  return (
    <PrintPage
      deps={[filters]}
      load={async (db, actor) => {
        const { offset: _o, limit: _l, ...q } = toQuery(filters, 0, 0);
        return { rows: await allIncomingRows(db, actor, q, today), unit: await getUnitInfo(db) };
      }}
      name={() => `收文登记簿-${today}`}
      back={() => '/incoming'}
      classified={({ rows }) => rows.some((r) => isClassified(r.classification))}
      output={({ rows }, how) => ({ ...how, document: '收文登记簿', records: rows })}
    >
      {({ rows, unit }, { watermark }) => (
        <IncomingRegisterSheet rows={rows} title={`${unit?.name ?? ''}收文登记簿`} filterText={describe(filters)} {...(watermark ? { watermark } : {})} />
      )}
    </PrintPage>
  );
}
