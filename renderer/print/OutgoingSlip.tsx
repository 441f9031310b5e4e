import type { CSSProperties, ReactNode } from 'react';
import { PrintDocument } from './PrintDocument';
import { LABEL_MM, SLIP_COLUMNS_MM, slipContent, slipLayout, type SlipRecord } from './outgoing-slip-layout';

// 发文稿纸 (发文处理笺, DOMAIN.md §10; 条例 §19–22): the A4 form the 定稿 travels with. From the top:
// 签发, 会签, 核稿 (each with the recorded 意见 filled in and its signer's line, or room to sign by
// hand), then 主办单位, 拟稿, 标题, 主送, 抄送, 密级 / 紧急程度 / 印制份数, 附件, 文号 / 公开属性. One
// page whatever the record holds: the type steps down (outgoing-slip-layout.ts) and the opinion
// boxes share what the rows leave, so the form fills the text block.

export interface OutgoingSlipProps {
  record: SlipRecord;
  /** The office's name: the title reads "<unitName>发文稿纸". */
  unitName: string;
  /** Printed diagonally on every page (watermarkText); give it for a classified 发文. */
  watermark?: string;
}

const pct = (mm: number) => `${((mm / 156) * 100).toFixed(3)}%`;

/** An opinion box: label column, text, the signer's line at the bottom right. Grows by `weight` into the room left. */
function Box({ label, kind, minMm, weight, children, sign }: { label: string; kind: string; minMm: number; weight: number; children?: ReactNode; sign?: string }) {
  return (
    <div className="ws-slip-box ws-outgoing-box" data-box={kind} style={{ minHeight: `${minMm.toFixed(1)}mm`, flex: `${weight} 0 auto` }}>
      <div className="ws-slip-box-label">{label}</div>
      <div className="ws-slip-box-body">
        <div className="ws-slip-box-text">{children}</div>
        {sign && <div className="ws-slip-sign">{sign}</div>}
      </div>
    </div>
  );
}

/** 发文稿纸 for one 发文 (A4 portrait, one page). */
export function OutgoingSlip({ record, unitName, watermark }: OutgoingSlipProps) {
  const c = slipContent(record, unitName);
  const layout = slipLayout(c);
  const { step } = layout;
  const style = {
    '--ws-slip-label-width': pct(LABEL_MM),
    '--ws-os-pt': `${step.pt}pt`,
    '--ws-os-line': String(step.lineHeight),
    '--ws-os-cell-pad': `${step.cellPadMm}mm`,
    '--ws-os-box-pad': `${step.boxPadMm}mm`,
  } as CSSProperties;
  return (
    <PrintDocument orientation="portrait" watermark={watermark} title={`发文稿纸 ${record.docNumber ?? ''}`.trim()}>
      <div className="ws-slip ws-outgoing-slip" style={style} data-font-pt={step.pt} data-fits={layout.fits}>
        {/* The slip carries the title of a classified document, so it is itself marked (GB/T 9704 版头). */}
        {c.mark && <div className="ws-slip-marks">{c.mark}</div>}
        <h1 className="ws-slip-title" style={{ fontSize: `${layout.titlePt}pt` }}>
          {c.title}
        </h1>
        <section className="ws-slip-boxes" aria-label="签批">
          <Box label="签发" kind="signoff" minMm={layout.boxMinMm.signoff} weight={3} sign={c.signoff.sign}>
            {c.signoff.text}
          </Box>
          <Box label="会签" kind="countersign" minMm={layout.boxMinMm.countersign} weight={2}>
            {c.countersigns.map((u, i) => (
              <div key={`${u.unit}-${i}`} className={u.recorded ? 'ws-outgoing-countersign' : 'ws-outgoing-countersign ws-outgoing-countersign--blank'}>
                <div>
                  {u.unit}：{u.text}
                </div>
                <div className="ws-slip-sign">{u.sign}</div>
              </div>
            ))}
          </Box>
          <Box label="核稿" kind="review" minMm={layout.boxMinMm.review} weight={2} sign={c.review.sign}>
            {c.review.text}
          </Box>
        </section>
        <table className="ws-slip-table ws-outgoing-slip-table">
          <colgroup>
            {SLIP_COLUMNS_MM.map((w, i) => (
              <col key={i} style={{ width: pct(w) }} />
            ))}
          </colgroup>
          <tbody>
            <tr>
              <th scope="row">主办单位</th>
              <td colSpan={5}>{c.draftingUnit}</td>
            </tr>
            <tr>
              <th scope="row">拟稿</th>
              <td colSpan={5}>{c.drafter}</td>
            </tr>
            <tr>
              <th scope="row">标题</th>
              <td colSpan={5}>{c.docTitle}</td>
            </tr>
            <tr>
              <th scope="row">主送</th>
              <td colSpan={5}>{c.mainTo}</td>
            </tr>
            <tr>
              <th scope="row">抄送</th>
              <td colSpan={5}>{c.copyTo}</td>
            </tr>
            <tr>
              <th scope="row">密级</th>
              <td>{c.classification}</td>
              <th scope="row">紧急程度</th>
              <td>{c.urgency}</td>
              <th scope="row">印制份数</th>
              <td>
                {c.copies}
                {c.copyNumbers && <span className="ws-outgoing-small">{c.copyNumbers}</span>}
              </td>
            </tr>
            <tr>
              <th scope="row">附件</th>
              <td colSpan={5} className="ws-outgoing-pre">
                {c.attachments}
              </td>
            </tr>
            {/* 文号 takes two columns: 县政办发〔2026〕12号 on one line even in 四号. */}
            <tr>
              <th scope="row">文号</th>
              <td colSpan={2}>{c.docNumber}</td>
              <th scope="row">公开属性</th>
              <td colSpan={2}>{c.disclosure}</td>
            </tr>
          </tbody>
        </table>
      </div>
    </PrintDocument>
  );
}
