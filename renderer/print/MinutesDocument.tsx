import type { MeetingRecord } from '@shared/domain/meeting-types';
import { PrintDocument } from './PrintDocument';
import { minutesTextLines, type MinutesPrintContent } from './minutes-text';

// 会议纪要 in the GB/T 9704 §10.3 纪要 layout (DOMAIN.md §5, §8), A4 portrait:
//   版头 — 密级★期限 top left (and 草稿 top right on a draft), the red 纪要标志 in 小标宋 with its
//          top edge 35 mm below the text block's, 第N期 centred, then the issuing office (left) and
//          成文日期 (right) over a red rule the width of the text block;
//   正文 — 3号仿宋, 28 characters × 22 lines a page, first lines indented two characters: the
//          opening paragraph, 会议主要情况, then 会议议定事项 numbered 一、二、三、;
//   名单 — one blank line, then 出席：/请假：/缺席：/列席： (3号黑体 label, 3号仿宋 names, a
//          wrapped line aligned after the colon).
// No 发文机关署名 or 印章: a 纪要 carries neither. Page numbers "— N —" come from PrintDocument.
// The words come from minutesTextLines, which the Word export uses too.

export interface MinutesDocumentProps {
  meeting: MeetingRecord;
  /** The text to print: the draft, or the issued minutes with their 纪要编号 and 签发 time. */
  minutes: MinutesPrintContent;
  /** The issuing office, printed left above the red rule (e.g. 县政府办公室). */
  unitName: string;
  /** Printed diagonally on every page (watermarkText); give it for classified meetings. */
  watermark?: string;
  /** A draft not yet issued: prints 草稿 in the 版头. */
  draft?: boolean;
}

/** 会议纪要 for one meeting (A4 portrait). */
export function MinutesDocument({ meeting, minutes, unitName, watermark, draft }: MinutesDocumentProps) {
  const text = minutesTextLines(meeting, minutes);
  const title = [text.title, minutes.number, draft ? '草稿' : ''].filter(Boolean).join(' ');
  return (
    <PrintDocument orientation="portrait" watermark={watermark} title={title}>
      <article className="ws-minutes">
        <header className="ws-minutes-head">
          <div className="ws-minutes-marks">
            <span className="ws-minutes-mark">{text.mark}</span>
            {draft && <span className="ws-minutes-draft">草稿</span>}
          </div>
          <h1 className="ws-minutes-title">{text.title}</h1>
          <div className="ws-minutes-number">{text.number}</div>
          <div className="ws-minutes-issuer">
            <span className="ws-minutes-unit">{unitName}</span>
            <span className="ws-minutes-date">{text.date}</span>
          </div>
        </header>
        <section className="ws-minutes-body" aria-label="正文">
          <p>{text.opening}</p>
          {text.paragraphs.map((p, i) => (
            <p key={`p${i}`}>{p}</p>
          ))}
          {text.decisionsLead && <p>{text.decisionsLead}</p>}
          {text.decisions.map((d, i) => (
            <p key={`d${i}`} className="ws-minutes-decision">
              {d}
            </p>
          ))}
        </section>
        {text.attendance.length > 0 && (
          <section className="ws-minutes-attendance" aria-label="出席人员">
            {text.attendance.map((line) => (
              <p key={line.label} className="ws-minutes-attend">
                <span className="ws-minutes-attend-label">{line.label}：</span>
                <span className="ws-minutes-attend-names">{line.text}</span>
              </p>
            ))}
          </section>
        )}
      </article>
    </PrintDocument>
  );
}
