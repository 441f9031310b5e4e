import { lazy } from 'react';
import { useParams, useSearchParams } from 'react-router';
import type { CarrierRecord } from '@shared/domain/carrier-types';
import { todayIso } from '@shared/domain/dates';
import type { WenshuDB } from '../../db/database';
import { allCarriers, getCarrier, getInventorySession, type CarrierPrintKind } from '../../db/repositories/carriers';
import { getUnitInfo } from '../../db/repositories/settings';
import type { Actor } from '../../db/types';
import { nothingToPrint, PrintPage } from '../../print/PrintPage';
import type { CarrierPrintDocProps } from './CarrierPrintDoc';
import { LabelPrinterControls, useLabelPrinter } from './LabelPrinterControls';
import { useActor } from '../../ui/session';
import { can } from '@shared/domain/permissions';
import { describeCarrierFilters, parseCarrierFilters, toCarrierQuery } from './CarrierList';

const CarrierPrintDoc = lazy(() => import('./CarrierPrintDoc'));

type Source = { doc: CarrierPrintDocProps; back: string; name: string } | { empty: string; back: string };

const LIST_KINDS: Record<string, CarrierPrintKind> = { register: '涉密载体登记表', loans: '借阅登记表', destruction: '销毁清单', labels: '二维码标签' };
const ONE_KINDS: Record<string, CarrierPrintKind> = { label: '二维码标签', loans: '借阅登记表', handover: '移交单', destruction: '销毁清单' };

function hasLoans(c: CarrierRecord): boolean {
  return c.loans.length > 0 || !!c.loan;
}

/** The carriers destroyed together with `c`: the same day, approver and both witnesses (one 销毁清单). */
function sameBatch(c: CarrierRecord, all: readonly CarrierRecord[]): CarrierRecord[] {
  const key = (x: CarrierRecord) => {
    const y = x.destruction!;
    return [y.at.slice(0, 10), y.approver.userId, y.destroyer.userId, y.supervisor.userId, y.method, y.place].join('|');
  };
  const mine = key(c);
  return all.filter((x) => x.destruction && key(x) === mine);
}

async function loadList(db: WenshuDB, actor: Actor, what: string, rawFilters: string | null): Promise<Source> {
  const kind = LIST_KINDS[what];
  if (!kind) return { empty: '没有这种打印', back: '/classified' };
  const filters = parseCarrierFilters(rawFilters, { search: '', sort: { field: 'serial', direction: 'ascend' } });
  const { offset: _o, limit: _l, ...q } = toCarrierQuery(filters, 0, 0);
  let carriers = await allCarriers(db, actor, q, todayIso());
  if (kind === '借阅登记表') carriers = carriers.filter(hasLoans);
  if (kind === '销毁清单') carriers = carriers.filter((c) => c.state === '已销毁' && c.destruction);
  if (kind === '二维码标签') carriers = carriers.filter((c) => c.state === '在库' || c.state === '借出');
  const back = `/classified${rawFilters ? `?f=${encodeURIComponent(rawFilters)}` : ''}`;
  if (carriers.length === 0) return { empty: `当前筛选下没有可打印的载体（${kind}）`, back };
  const custodianName = filters.custodianId ? carriers.find((c) => c.custodian.userId === filters.custodianId)?.custodian.name : undefined;
  const doc: CarrierPrintDocProps =
    kind === '涉密载体登记表' ? { kind, carriers, filterText: describeCarrierFilters(filters, custodianName) } : { kind: kind as Exclude<CarrierPrintKind, '涉密载体登记表' | '清点报告' | '移交单'>, carriers };
  return { doc, back, name: `${kind}-${todayIso()}` };
}

async function loadOne(db: WenshuDB, actor: Actor, id: string, what: string): Promise<Source> {
  const back = `/classified/${id}`;
  const kind = ONE_KINDS[what];
  const view = await getCarrier(db, actor, id);
  if (!kind || !view || !view.canSeeContent) return { empty: '无法打印：没有这个载体，或您无权打印', back };
  const c = view.record;
  switch (kind) {
    case '借阅登记表':
      return hasLoans(c) ? { doc: { kind, carriers: [c] }, back, name: `借阅登记表-${c.serial}` } : { empty: '该载体没有借阅记录', back };
    case '移交单':
      return c.handover ? { doc: { kind, carriers: [c] }, back, name: `${c.handover.kind}单-${c.serial}` } : { empty: '该载体没有移交记录', back };
    case '销毁清单': {
      if (!c.destruction) return { empty: '该载体尚未销毁', back };
      const destroyed = await allCarriers(db, actor, { state: '已销毁', sort: { field: 'serial', direction: 'ascend' } }, todayIso());
      return { doc: { kind, carriers: sameBatch(c, destroyed) }, back, name: `销毁清单-${c.destruction.at.slice(0, 10)}` };
    }
    default:
      return { doc: { kind: '二维码标签', carriers: [c] }, back, name: `标签-${c.serial}` };
  }
}

async function loadInventory(db: WenshuDB, actor: Actor, sessionId: string): Promise<Source> {
  const back = `/classified/inventory/${sessionId}`;
  const data = await getInventorySession(db, actor, sessionId);
  if (!data) return { empty: '没有这次清点', back };
  return { doc: { kind: '清点报告', session: data.session, carriers: [...data.carriers.values()] }, back, name: `清点报告-${data.session.startedAt.slice(0, 10)}` };
}

/**
 * Every carrier print: preview first; 打印/导出PDF takes the 打印份号 (printing is copying, issue
 * 4), logs it with the carriers it holds, stamps the watermark with the time of printing, then
 * prints. A cancelled print voids its number in the log (PrintPage does both).
 */
export function CarrierPrintPage({ scope }: { scope: 'list' | 'one' | 'inventory' }) {
  const { id = '', what = '', sessionId = '' } = useParams();
  const actor = useActor();
  const printer = useLabelPrinter();
  const [params] = useSearchParams();
  const raw = params.get('f');
  return (
    <PrintPage
      deps={[scope, id, what, sessionId, raw]}
      load={async (db, actor) => {
        const source = scope === 'list' ? await loadList(db, actor, what, raw) : scope === 'one' ? await loadOne(db, actor, id, what) : await loadInventory(db, actor, sessionId);
        if ('empty' in source) return nothingToPrint(source.empty, source.back);
        return { ...source, unitName: (await getUnitInfo(db))?.name ?? '' };
      }}
      name={(s) => s.name}
      back={(s) => s.back}
      // Every carrier print is classified data: all carry the watermark (the labels show none).
      classified={() => true}
      output={({ doc }, how) => ({ kind: '载体打印', document: doc.kind, carrierIds: doc.carriers.map((c) => c.id), watermark: doc.kind === '二维码标签' ? null : how.watermark })}
      extra={({ doc }) => (doc.kind === '二维码标签' ? <LabelPrinterControls printer={printer} canEdit={can(actor, 'classified.manage')} /> : null)}
    >
      {({ doc, unitName }, stamp) => (
        <CarrierPrintDoc {...doc} unitName={unitName} printCopyNumber={stamp.copyNumber} watermark={stamp.watermark ?? ''} labelSheet={printer.layout.sheet} labelOffset={printer.layout.offset} />
      )}
    </PrintPage>
  );
}
