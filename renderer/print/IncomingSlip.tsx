import { formatClassificationMark } from '@shared/domain/enums';
import type { IncomingRecord } from '@shared/domain/incoming-types';
import { DEFAULT_SLIP_LAYOUT, rowLabel, SLIP_LINE_MM, slipTitle, type SlipLayout, type SlipRow } from '@shared/domain/slip-layout';
import type { CSSProperties, ReactNode } from 'react';
import { PrintDocument } from './PrintDocument';
import { paperDate, paperDateTime, paperDayOf } from './print-format';

// 收文处理笺 (DOMAIN.md §3): the A4 slip that travels with the paper. The recorded 拟办意见, 领导批示,
// 办理结果 and 传阅 are filled into their boxes; a box with nothing recorded stays empty and tall, so
// the printed slip can still be written on by hand. The title and the boxes (order, heights, the
// office's own boxes such as 核稿) follow the layout set in 设置 → 打印 (shared/domain/slip-layout.ts).

export interface IncomingSlipProps {
  record: IncomingRecord;
  /** The office's name, put into the title's {单位名称}. */
  unitName: string;
  /** The office's layout (设置 → 打印); the default one when absent. */
  layout?: SlipLayout;
  /** Printed diagonally on every page (watermarkText); give it for classified records. */
  watermark?: string;
}

/** 全角空格: the separator a Chinese form uses between items on one line. */
const SP = '\u3000';

/** The 156 mm text block: label | value | label | value | label | value (mm). */
const LABEL_MM = 23;
const SLIP_COLUMNS_MM = [LABEL_MM, 44, LABEL_MM, 28, LABEL_MM, 15] as const;
const TEXT_BLOCK_MM = 156;
/** Percentages, so the boxes below (divs) put their label line exactly under the table's. */
const pct = (mm: number) => `${((mm / TEXT_BLOCK_MM) * 100).toFixed(3)}%`;

/** One line of 办理时限: the date, and "N 个工作日" when it was given that way. */
function deadlineText(record: IncomingRecord): string {
  const spec = record.assignment?.deadline;
  const due = paperDate(record.dueDate ?? (spec?.kind === 'date' ? spec.date : undefined));
  if (spec?.kind === 'workdays') return due ? `${due}（${spec.days}个工作日）` : `${spec.days}个工作日`;
  return due;
}

/**
 * A tall box of `lines` lines: that height holds it open when empty, and the boxes share out the
 * page height left over in proportion to it (flex-grow).
 */
function Box({ label, lines, children, sign, kind }: { label: string; lines: number; children?: ReactNode; sign?: string | undefined; kind: SlipRow['kind'] }) {
  return (
    // Basis and minimum the box's own height: what is left of the page is shared in proportion to it.
    <div className="ws-slip-box" data-box={kind} style={{ minHeight: `${lines * SLIP_LINE_MM}mm`, flex: `${lines} 0 ${lines * SLIP_LINE_MM}mm` }}>
      <div className="ws-slip-box-label">{label}</div>
      <div className="ws-slip-box-body">
        <div className="ws-slip-box-text">{children}</div>
        {sign && <div className="ws-slip-sign">{sign}</div>}
      </div>
    </div>
  );
}

function Circulation({ record }: { record: IncomingRecord }) {
  if (record.circulation.length === 0) return null;
  // The paper is with the first reader who has not marked 已阅 (incoming-types.ts).
  const holder = record.circulation.findIndex((r) => !r.readAt);
  return (
    <ul className="ws-slip-readers">
      {record.circulation.map((r, i) => (
        <li key={`${r.userId}-${i}`}>
          {r.name}
          {SP}
          {r.readAt ? `已阅 ${paperDateTime(r.readAt)}` : i === holder ? '传阅中（文件在此）' : '待阅'}
        </li>
      ))}
    </ul>
  );
}

function Handling({ record }: { record: IncomingRecord }) {
  const a = record.assignment;
  const deadline = deadlineText(record);
  const lines: string[] = [];
  if (a) {
    const host = `主办：${a.host.name}`;
    const coop = a.cooperating.length ? `${SP}协办：${a.cooperating.map((d) => d.name).join('、')}` : '';
    lines.push(host + coop);
    const person = a.person ? `承办人：${a.person.name}` : '';
    const limit = deadline ? `办理时限：${deadline}` : '';
    if (person || limit) lines.push([person, limit].filter(Boolean).join(SP));
  } else if (deadline) {
    lines.push(`办理时限：${deadline}`);
  }
  return (
    <>
      {lines.map((l) => (
        <div key={l} className="ws-slip-box-meta">
          {l}
        </div>
      ))}
      {record.returned && <div>退回：{record.returned.reason}</div>}
      {record.result && <div>{record.result.text}</div>}
    </>
  );
}

/** 收文处理笺 for one record: A4 portrait, title in 小标宋, a ruled form in 仿宋 with 黑体 labels. */
export function IncomingSlip({ record, unitName, layout = DEFAULT_SLIP_LAYOUT, watermark }: IncomingSlipProps) {
  const mark = formatClassificationMark({ level: record.classification, term: record.secrecyTerm ?? null });
  const instruction = record.instruction;
  const resultSign = record.result
    ? `${record.result.byName}${SP}${paperDayOf(record.result.at)}`
    : record.returned
      ? `${record.returned.byName}${SP}${paperDayOf(record.returned.at)}`
      : undefined;

  const box = (row: SlipRow, i: number) => {
    const key = `${row.kind}-${i}`;
    const common = { label: rowLabel(row), lines: row.lines, kind: row.kind };
    switch (row.kind) {
      case 'proposal':
        return <Box key={key} {...common} sign={record.proposal && `${record.proposal.byName}${SP}${paperDayOf(record.proposal.at)}`}>{record.proposal?.text}</Box>;
      case 'instruction':
        return (
          <Box key={key} {...common} sign={instruction && `${instruction.leader}${SP}${paperDayOf(instruction.at)}${instruction.oral ? '（口头）' : ''}`}>
            {instruction?.text}
          </Box>
        );
      case 'handling':
        return <Box key={key} {...common} sign={resultSign}><Handling record={record} /></Box>;
      case 'circulation':
        return <Box key={key} {...common}><Circulation record={record} /></Box>;
      case 'extra':
        // The office's own box (核稿, 领导圈阅 …): nothing recorded, written on by hand.
        return <Box key={key} {...common} />;
    }
  };

  return (
    <PrintDocument orientation="portrait" watermark={watermark} title={`收文处理笺 ${record.serial}`}>
      <div className="ws-slip" style={{ '--ws-slip-label-width': pct(LABEL_MM) } as CSSProperties}>
        {/* The slip carries the title of a classified document, so it is itself marked (GB/T 9704 版头). */}
        {mark && <div className="ws-slip-marks">{mark}</div>}
        <h1 className="ws-slip-title">{slipTitle(layout, unitName)}</h1>
        <table className="ws-slip-table">
          <colgroup>
            {SLIP_COLUMNS_MM.map((w, i) => (
              <col key={i} style={{ width: pct(w) }} />
            ))}
          </colgroup>
          <tbody>
            <tr>
              <th scope="row">收文编号</th>
              <td>{record.serial}</td>
              <th scope="row">收文日期</th>
              <td colSpan={3}>{paperDate(record.receivedDate)}</td>
            </tr>
            <tr>
              <th scope="row">来文单位</th>
              <td>{record.fromUnit}</td>
              <th scope="row">来文字号</th>
              <td colSpan={3}>{record.docNumber}</td>
            </tr>
            <tr>
              <th scope="row">标题</th>
              <td colSpan={5} className="ws-slip-title-cell">
                {record.title}
              </td>
            </tr>
            <tr>
              <th scope="row">密级</th>
              <td>{mark || record.classification}</td>
              <th scope="row">份数</th>
              <td>
                {record.copies}份
                {record.copyNumber && <span className="ws-slip-small">份号{record.copyNumber}</span>}
              </td>
              <th scope="row">紧急程度</th>
              <td>{record.urgency}</td>
            </tr>
          </tbody>
        </table>
        {/* Divs, not table rows: the boxes share the rest of the page by weight, so the form fills
            the A4 page whatever the upper rows needed (table rows cannot be told how to share). */}
        <section className="ws-slip-boxes" aria-label="办理情况">
          {layout.rows.map(box)}
        </section>
      </div>
    </PrintDocument>
  );
}
