import type { CarrierRecord, InventoryResult, InventorySession, InventoryTick } from '@shared/domain/carrier';
import { PrintDocument } from './PrintDocument';
import { CarrierTableHead, PrintCopyNumber, SP, SignLine, currentMarkingText, localDateTime, type CarrierColumn } from './carrier-print-parts';

// 涉密载体清点报告 (DOMAIN.md §4 清点): what should have been found, what was, and the differences
// first, since those are what the 保密员 must act on. An ended session prints its frozen report;
// one still running prints what the ticks say so far.

export interface InventoryReportProps {
  session: InventorySession;
  /** The records behind every id in session.expectedIds and session.ticks. */
  carriers: ReadonlyMap<string, CarrierRecord>;
  /** The heading reads "<unitName>涉密载体清点报告". */
  unitName: string;
  printCopyNumber: string;
  watermark?: string;
}

/** A carrier's line in the report: a tick's result, or 未清点 when nobody ticked it. */
export type InventoryLineResult = InventoryResult | '未清点';

/** The report in ids, from the session when it ended, else worked out from the ticks so far. */
export interface InventoryReportData {
  expected: string[];
  present: string[];
  missing: string[];
  damaged: string[];
  notTicked: string[];
  unexpected: string[];
}

/** The latest tick per carrier (a second tick corrects the first). */
function lastTicks(ticks: readonly InventoryTick[]): Map<string, InventoryTick> {
  return new Map(ticks.map((t) => [t.carrierId, t]));
}

export function inventoryReportData(session: InventorySession): InventoryReportData {
  const expected = [...session.expectedIds];
  const ticks = lastTicks(session.ticks);
  let report = session.report;
  if (!session.endedAt || !report) {
    const expectedSet = new Set(expected);
    const of = (result: InventoryResult) => expected.filter((id) => ticks.get(id)?.result === result);
    report = {
      missing: of('缺失'),
      damaged: of('损坏'),
      notTicked: expected.filter((id) => !ticks.has(id)),
      unexpected: [...ticks.keys()].filter((id) => !expectedSet.has(id)),
    };
  }
  const off = new Set([...report.missing, ...report.damaged, ...report.notTicked]);
  return { expected, present: expected.filter((id) => !off.has(id)), ...report };
}

/** Widths in mm of the 156 mm portrait text block at 10.5pt (printed as shares of it); 编号 breaks after its 〕, 名称 wraps. */
const DIFF_COLUMNS: readonly CarrierColumn[] = [
  { label: '序号', mm: 10 },
  { label: '编号', mm: 22 },
  { label: '名称', mm: 46 },
  { label: '密级', mm: 22 },
  { label: '份号', mm: 16 },
  { label: '情况', mm: 40 },
];

const LIST_COLUMNS: readonly CarrierColumn[] = [
  { label: '序号', mm: 10 },
  { label: '编号', mm: 22 },
  { label: '名称', mm: 57 },
  { label: '密级', mm: 22 },
  { label: '份号', mm: 16 },
  { label: '清点结果', mm: 16 },
  { label: '方式', mm: 13 },
];

/** The first cells every table of the report shares: 编号 … 份号 (or the bare id of a record not passed in). */
function CarrierCells({ id, carrier }: { id: string; carrier: CarrierRecord | undefined }) {
  return (
    <>
      <td>{carrier?.serial ?? id}</td>
      <td>{carrier?.name ?? ''}</td>
      <td className="ws-c">{carrier ? currentMarkingText(carrier) : ''}</td>
      <td className="ws-c">{carrier?.copyNumber ?? ''}</td>
    </>
  );
}

/** 涉密载体清点报告 (A4 portrait). */
export function InventoryReport({ session, carriers, unitName, printCopyNumber, watermark }: InventoryReportProps) {
  const heading = `${unitName}涉密载体清点报告`;
  const data = inventoryReportData(session);
  const ticks = lastTicks(session.ticks);
  const scope = session.scope.kind === '保管人' ? `保管人：${session.scope.custodian.name}` : `存放位置：${session.scope.location}`;

  const diffs: { id: string; text: string }[] = [
    ...data.missing.map((id) => ({ id, text: '缺失' })),
    ...data.damaged.map((id) => ({ id, text: '损坏' })),
    ...data.notTicked.map((id) => ({ id, text: '未清点' })),
    ...data.unexpected.map((id) => {
      // Found here but registered elsewhere: say where it belongs, so it can be put back.
      const c = carriers.get(id);
      return { id, text: c ? `范围外（保管人：${c.custodian.name}，存放位置：${c.location}）` : '范围外' };
    }),
  ];
  const summary = [
    `应在 ${data.expected.length} 件`,
    `在位 ${data.present.length}`,
    `缺失 ${data.missing.length}`,
    `损坏 ${data.damaged.length}`,
    `未清点 ${data.notTicked.length}`,
    `范围外 ${data.unexpected.length}`,
  ].join('；');
  const lineResult = (id: string): InventoryLineResult => {
    if (data.missing.includes(id)) return '缺失';
    if (data.damaged.includes(id)) return '损坏';
    if (data.notTicked.includes(id)) return '未清点';
    return ticks.get(id)?.result ?? '在位';
  };

  return (
    <PrintDocument orientation="portrait" watermark={watermark} title={heading}>
      <PrintCopyNumber value={printCopyNumber} />
      <h1 className="ws-register-title">{heading}</h1>
      <div className="ws-carrier-lines">
        <div>清点范围：{scope}</div>
        <div>
          开始时间：{localDateTime(session.startedAt)}
          {SP}结束时间：{session.endedAt ? localDateTime(session.endedAt) : '未结束'}
        </div>
        <div>清点人：{session.startedByName}</div>
        <div className="ws-carrier-summary">{summary}</div>
      </div>

      <h2 className="ws-carrier-section">差异情况</h2>
      {diffs.length === 0 ? (
        <p className="ws-carrier-ok">账物相符，无差异。</p>
      ) : (
        <table className="ws-register-table ws-carrier-table" aria-label="差异情况">
          <CarrierTableHead columns={DIFF_COLUMNS} proportional />
          <tbody>
            {diffs.map((d, i) => (
              <tr key={`${d.id}-${d.text}`}>
                <td className="ws-c">{i + 1}</td>
                <CarrierCells id={d.id} carrier={carriers.get(d.id)} />
                <td>{d.text}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2 className="ws-carrier-section">清点明细</h2>
      <table className="ws-register-table ws-carrier-table" aria-label="清点明细">
        <CarrierTableHead columns={LIST_COLUMNS} proportional />
        <tbody>
          {data.expected.map((id, i) => (
            <tr key={id}>
              <td className="ws-c">{i + 1}</td>
              <CarrierCells id={id} carrier={carriers.get(id)} />
              <td className="ws-c">{lineResult(id)}</td>
              <td className="ws-c">{ticks.get(id)?.via ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <section className="ws-carrier-signs" aria-label="清点签字">
        <SignLine role="清点人" name={session.startedByName} />
        {session.scope.kind === '保管人' ? <SignLine role="保管人" name={session.scope.custodian.name} /> : <SignLine role="保管人" />}
        <SignLine role="保密员" />
      </section>
    </PrintDocument>
  );
}
