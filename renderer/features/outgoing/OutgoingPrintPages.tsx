import { lazy, useMemo } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { todayIso } from '@shared/domain/dates';
import { isClassified } from '@shared/domain/enums';
import { getOutgoing, getOutgoingSeries } from '../../db/repositories/outgoing';
import { getUnitInfo } from '../../db/repositories/settings';
import { nothingToPrint, PrintPage } from '../../print/PrintPage';
import { outgoingRegisterLines, outputRef as ref, type OutgoingFilters } from './register-lines';

// The 发文 prints (A4): 发文稿纸 and 分发签收单 of one 发文, and the 发文登记簿 (landscape) of the list
// as filtered. The print modules (with the bundled print font) load only when something is printed.
const OutgoingSlip = lazy(() => import('../../print/OutgoingSlip').then((m) => ({ default: m.OutgoingSlip })));
const DistributionReceipt = lazy(() => import('../../print/DistributionReceipt').then((m) => ({ default: m.DistributionReceipt })));
const OutgoingRegisterSheet = lazy(() => import('../../print/OutgoingRegisterSheet').then((m) => ({ default: m.OutgoingRegisterSheet })));

async function loadOne(db: Parameters<typeof getOutgoing>[0], actor: Parameters<typeof getOutgoing>[1], id: string) {
  const view = await getOutgoing(db, actor, id);
  if (!view || !view.canSeeContent) return nothingToPrint('无法打印：没有这件发文，或您不在其知悉范围内', '/outgoing');
  return { record: view.record, unitName: (await getUnitInfo(db))?.name ?? '' };
}

/** 发文稿纸 (发文处理笺) of one 发文, with the 意见 entered so far. */
export function OutgoingSlipPage() {
  const { id = '' } = useParams();
  return (
    <PrintPage
      deps={[id]}
      load={(db, actor) => loadOne(db, actor, id)}
      name={({ record }) => `发文稿纸-${record.docNumber ?? record.title}`}
      back={({ record }) => `/outgoing/${record.id}`}
      classified={({ record }) => isClassified(record.classification)}
      output={({ record }, how) => ({ ...how, document: '发文稿纸', records: [ref(record)] })}
    >
      {({ record, unitName }, { watermark }) => <OutgoingSlip record={record} unitName={unitName} {...(watermark ? { watermark } : {})} />}
    </PrintPage>
  );
}

/** 分发签收单 of one 发文: one row per 主送/抄送 unit, 份号 and a signature column. */
export function DistributionReceiptPage() {
  const { id = '' } = useParams();
  return (
    <PrintPage
      deps={[id]}
      load={(db, actor) => loadOne(db, actor, id)}
      name={({ record }) => `分发签收单-${record.docNumber ?? record.title}`}
      back={({ record }) => `/outgoing/${record.id}`}
      classified={({ record }) => isClassified(record.classification)}
      output={({ record }, how) => ({ ...how, document: '分发签收单', records: [ref(record)] })}
    >
      {({ record, unitName }, { watermark }) => <DistributionReceipt record={record} unitName={unitName} {...(watermark ? { watermark } : {})} />}
    </PrintPage>
  );
}

function describe(f: OutgoingFilters, seriesCode: string | undefined): string {
  const parts = [
    f.year ? `${f.year}年` : '',
    f.state ? `状态：${f.state}` : '',
    seriesCode ? `发文字号：${seriesCode}` : '',
    f.classification ? `密级：${f.classification}` : '',
    f.text.trim() ? `搜索：${f.text.trim()}` : '',
  ].filter(Boolean);
  return parts.length ? `筛选条件：${parts.join('；')}` : '全部发文';
}

/** The filters from the URL; anything unreadable prints the whole register. */
function parseFilters(raw: string | null): OutgoingFilters {
  if (!raw) return { text: '' };
  try {
    const f = JSON.parse(raw) as Partial<OutgoingFilters>;
    return { ...f, text: typeof f.text === 'string' ? f.text : '' };
  } catch {
    return { text: '' };
  }
}

/** 发文登记簿 (A4 landscape) for the list as filtered on screen. */
export function OutgoingRegisterPrintPage() {
  const [params] = useSearchParams();
  const filters = useMemo(() => parseFilters(params.get('f')), [params]);
  const today = todayIso();
  return (
    <PrintPage
      deps={[filters]}
      load={async (db, actor) => {
        const series = await getOutgoingSeries(db);
        const unit = await getUnitInfo(db);
        const lines = await outgoingRegisterLines(db, actor, filters, today);
        if (lines.length === 0) return nothingToPrint('没有要打印的发文', '/outgoing');
        return { lines, unitName: unit?.name ?? '', seriesCode: series.find((s) => s.id === filters.seriesId)?.code };
      }}
      name={() => `发文登记簿-${today}`}
      back={() => '/outgoing'}
      classified={({ lines }) => lines.some((r) => isClassified(r.classification))}
      output={({ lines }, how) => ({ ...how, document: '发文登记簿', records: lines.map(ref) })}
    >
      {({ lines, unitName, seriesCode }, { watermark }) => (
        <OutgoingRegisterSheet rows={lines} title={`${unitName}发文登记簿`} filterText={describe(filters, seriesCode)} {...(watermark ? { watermark } : {})} />
      )}
    </PrintPage>
  );
}
