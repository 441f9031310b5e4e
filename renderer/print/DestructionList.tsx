import type { CarrierDestruction, CarrierRecord } from '@shared/domain/carrier';
import { PrintDocument } from './PrintDocument';
import { CarrierTableHead, PrintCopyNumber, SignLine, currentMarkingText, localDate, quantityText, type CarrierColumn } from './carrier-print-parts';

// 涉密载体销毁清单 (DOMAIN.md §4 销毁): what was destroyed, how, where and when, then the people
// who approved, destroyed and witnessed it, named in print with a line each to sign on. At least
// two people sign for a destruction, so the names must be on the paper, not only in the database.

export interface DestructionListProps {
  /** Carriers that are 已销毁, each with its `destruction`. */
  carriers: readonly CarrierRecord[];
  /** The heading reads "<unitName>涉密载体销毁清单". */
  unitName: string;
  printCopyNumber: string;
  watermark?: string;
}

/**
 * Ten columns on the 156 mm portrait text block need the smaller 9pt table (.ws-carrier-table--dense):
 * 份号 and 销毁日期 fit on one line, 编号 breaks after its 〕; 名称, 销毁方式 and 销毁地点 wrap.
 * Designed in mm for the 156 mm text block, printed as shares of it (CarrierTableHead).
 */
const COLUMNS: readonly CarrierColumn[] = [
  { label: '序号', mm: 7 },
  { label: '编号', mm: 19 },
  { label: '名称', mm: 34 },
  { label: '载体类型', mm: 11 },
  { label: '密级', mm: 13 },
  { label: '份号', mm: 14 },
  { label: '数量/页数', mm: 12 },
  { label: '销毁方式', mm: 14 },
  { label: '销毁地点', mm: 14 },
  { label: '销毁日期', mm: 18 },
];

export interface DestructionSignGroup {
  approver: CarrierDestruction['approver'];
  destroyer: CarrierDestruction['destroyer'];
  supervisor: CarrierDestruction['supervisor'];
  /** 序号 (1-based, as in the table) of the carriers this group signs for. */
  rows: number[];
}

/** One signature block per distinct (审批人, 销毁人, 监销人), in the order they first appear. */
export function destructionSignGroups(carriers: readonly CarrierRecord[]): DestructionSignGroup[] {
  const groups = new Map<string, DestructionSignGroup>();
  carriers.forEach((c, i) => {
    const d = c.destruction;
    if (!d) return;
    const key = [d.approver.userId, d.destroyer.userId, d.supervisor.userId].join('\u0000');
    const group = groups.get(key);
    if (group) group.rows.push(i + 1);
    else groups.set(key, { approver: d.approver, destroyer: d.destroyer, supervisor: d.supervisor, rows: [i + 1] });
  });
  return [...groups.values()];
}

/** 涉密载体销毁清单 (A4 portrait). */
export function DestructionList({ carriers, unitName, printCopyNumber, watermark }: DestructionListProps) {
  const heading = `${unitName}涉密载体销毁清单`;
  const groups = destructionSignGroups(carriers);
  return (
    <PrintDocument orientation="portrait" watermark={watermark} title={heading}>
      <PrintCopyNumber value={printCopyNumber} />
      <h1 className="ws-register-title">{heading}</h1>
      <div className="ws-register-filter">
        <span />
        <span>共 {carriers.length} 件</span>
      </div>
      <table className="ws-register-table ws-carrier-table ws-carrier-table--dense">
        <CarrierTableHead columns={COLUMNS} proportional />
        <tbody>
          {carriers.length === 0 ? (
            <tr>
              <td colSpan={COLUMNS.length} className="ws-register-empty">
                无销毁记录
              </td>
            </tr>
          ) : (
            carriers.map((c, i) => (
              <tr key={c.id}>
                <td className="ws-c">{i + 1}</td>
                <td>{c.serial}</td>
                <td>{c.name}</td>
                <td className="ws-c">{c.carrierType}</td>
                <td className="ws-c">{currentMarkingText(c)}</td>
                <td className="ws-c">{c.copyNumber}</td>
                <td className="ws-c">{quantityText(c)}</td>
                <td>{c.destruction?.method ?? ''}</td>
                <td>{c.destruction?.place ?? ''}</td>
                <td className="ws-c">{localDate(c.destruction?.at)}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
      {groups.map((g) => (
        <section key={g.rows.join(',')} className="ws-carrier-signs" aria-label="销毁签字">
          {/* With more than one group, say which rows each set of signatures covers. */}
          {groups.length > 1 && <div className="ws-carrier-signs-scope">序号 {g.rows.join('、')}：</div>}
          <SignLine role="审批人" name={g.approver.name} />
          <SignLine role="销毁人" name={g.destroyer.name} />
          <SignLine role="监销人" name={g.supervisor.name} />
        </section>
      ))}
    </PrintDocument>
  );
}
