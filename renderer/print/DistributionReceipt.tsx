import { formatClassificationMark, isClassified } from '@shared/domain/enums';
import type { OutgoingRecord } from '@shared/domain/outgoing-types';
import { PrintDocument } from './PrintDocument';
import { CarrierTableHead, SP, type CarrierColumn } from './carrier-print-parts';
import { slipTitleType } from './outgoing-slip-layout';
import { paperDate } from './print-format';

// 分发签收单 (条例 §25 核发): one sheet per 发文, one row per recipient — the 主送 units, then the
// 抄送 units — with the copies and 份号 it takes, and an empty column where the recipient signs.
// A unit already handed its copies (a recorded 核发) prints what was recorded: its 份数, 份号 and
// 签收日期; the others take one copy each, their 份号 from the printed copies in order, skipping the
// numbers already handed over. A4 portrait; a long list runs over pages with its header repeated.

export interface DistributionReceiptProps {
  record: Pick<
    OutgoingRecord,
    'docNumber' | 'title' | 'classification' | 'secrecyTerm' | 'urgency' | 'printCopies' | 'printing' | 'mainTo' | 'copyTo' | 'distributions'
  >;
  /** The office's name: the heading reads "<unitName>发文分发签收单". */
  unitName: string;
  /** Printed diagonally on every page (watermarkText); give it for a classified 发文. */
  watermark?: string;
}

export interface ReceiptRow {
  unit: string;
  role: '主送' | '抄送';
  /** 份数 */
  copies: number;
  /** 份号 (秘密 and above). */
  copyNumbers: string[];
  /** 签收日期 of a recorded 核发; '' to be written by hand. */
  date: string;
}

/**
 * The rows of the sheet: each 主送, then each 抄送 unit once (a unit named in both signs once, as
 * 主送), then any unit handed copies that is in neither list. Unrecorded units take one copy; with
 * 份号 (classified) they take the next printed number not yet handed over, none when they run out.
 */
export function receiptRows(record: DistributionReceiptProps['record']): ReceiptRow[] {
  const classified = isClassified(record.classification);
  const recorded = new Map<string, { copies: number; copyNumbers: string[]; date: string }>();
  for (const d of record.distributions) {
    const r = recorded.get(d.unit) ?? { copies: 0, copyNumbers: [], date: '' };
    recorded.set(d.unit, { copies: r.copies + d.copies, copyNumbers: [...r.copyNumbers, ...d.copyNumbers], date: d.date > r.date ? d.date : r.date });
  }
  const handedOver = new Set(record.distributions.flatMap((d) => d.copyNumbers));
  const pool = (record.printing?.copyNumbers ?? []).filter((n) => !handedOver.has(n));
  const units: { unit: string; role: ReceiptRow['role'] }[] = [];
  const seen = new Set<string>();
  const add = (unit: string, role: ReceiptRow['role']) => {
    if (seen.has(unit)) return;
    seen.add(unit);
    units.push({ unit, role });
  };
  record.mainTo.forEach((u) => add(u, '主送'));
  record.copyTo.forEach((u) => add(u, '抄送'));
  record.distributions.forEach((d) => add(d.unit, d.role));
  return units.map(({ unit, role }) => {
    const r = recorded.get(unit);
    if (r) return { unit, role, copies: r.copies, copyNumbers: classified ? r.copyNumbers : [], date: r.date };
    const next = classified ? pool.shift() : undefined;
    return { unit, role, copies: 1, copyNumbers: next ? [next] : [], date: '' };
  });
}

/** 份号 of a row: consecutive numbers as a range, 000001—000003、000007. */
export function copyNumbersText(numbers: readonly string[]): string {
  const parts: string[] = [];
  let start = 0;
  for (let i = 1; i <= numbers.length; i++) {
    const prev = numbers[i - 1]!;
    const consecutive = i < numbers.length && Number(numbers[i]) === Number(prev) + 1 && numbers[i]!.length === prev.length;
    if (consecutive) continue;
    parts.push(i - 1 === start ? numbers[start]! : `${numbers[start]}—${prev}`);
    start = i;
  }
  return parts.join('、');
}

/**
 * At 五号 (10.5 pt): 序号 10, 收文单位 (wraps) 47, 份数 10, 份号 18 (000001 on one line), 签收人 (signed
 * by hand) 26, 签收日期 31 (2026年11月23日 on one line), 备注 14: the 156 mm text block.
 */
const COLUMNS: readonly CarrierColumn[] = [
  { label: '序号', mm: 10 },
  { label: '收文单位', mm: 47 },
  { label: '份数', mm: 10 },
  { label: '份号', mm: 18 },
  { label: '签收人', mm: 26 },
  { label: '签收日期', mm: 31 },
  { label: '备注', mm: 14 },
];

/** 分发签收单 for one 发文 (A4 portrait). */
export function DistributionReceipt({ record, unitName, watermark }: DistributionReceiptProps) {
  const heading = `${unitName}发文分发签收单`;
  const mark = formatClassificationMark({ level: record.classification, term: record.secrecyTerm ?? null });
  const rows = receiptRows(record);
  const printed = record.printing?.copyNumbers ?? [];
  const total = rows.reduce((n, r) => n + r.copies, 0);
  return (
    <PrintDocument orientation="portrait" watermark={watermark} title={`分发签收单 ${record.docNumber ?? ''}`.trim()}>
      {mark && <div className="ws-slip-marks">{mark}</div>}
      {/* 2号 on up to two lines, else 小二 (a 40-character unit name), as the 发文稿纸's title. */}
      <h1 className="ws-carrier-form-title" style={{ fontSize: `${slipTitleType(heading).pt}pt` }}>
        {heading}
      </h1>
      <div className="ws-outgoing-receipt-info">
        <div>
          <span className="ws-outgoing-receipt-label">文号：</span>
          {record.docNumber ?? ''}
          {SP}
          <span className="ws-outgoing-receipt-label">密级：</span>
          {mark || record.classification}
          {record.urgency !== '普通' && (
            <>
              {SP}
              <span className="ws-outgoing-receipt-label">紧急程度：</span>
              {record.urgency}
            </>
          )}
        </div>
        <div>
          <span className="ws-outgoing-receipt-label">标题：</span>
          {record.title}
        </div>
        <div>
          <span className="ws-outgoing-receipt-label">印制份数：</span>
          {record.printing?.copies ?? record.printCopies}份
          {printed.length > 0 && (
            <>
              {SP}
              <span className="ws-outgoing-receipt-label">份号：</span>
              {copyNumbersText(printed)}
            </>
          )}
        </div>
      </div>
      <table className="ws-register-table ws-outgoing-receipt">
        <CarrierTableHead columns={COLUMNS} proportional />
        <tbody>
          {rows.map((r, i) => (
            <tr key={`${r.role}-${r.unit}`}>
              <td className="ws-c">{i + 1}</td>
              <td>{r.unit}</td>
              <td className="ws-c">{r.copies}</td>
              <td className="ws-c">{copyNumbersText(r.copyNumbers)}</td>
              <td className="ws-outgoing-sign-cell" />
              <td className="ws-c">{paperDate(r.date)}</td>
              <td className="ws-c">{r.role}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="ws-outgoing-receipt-foot">
        <div>
          共 {rows.length} 个单位，{total} 份
        </div>
        <div className="ws-carrier-sign-line">
          分发人：＿＿＿＿{SP}日期：＿＿＿＿
        </div>
      </div>
    </PrintDocument>
  );
}
