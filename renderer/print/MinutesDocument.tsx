import { useLayoutEffect, useRef, type RefObject } from 'react';
import type { MeetingRecord } from '@shared/domain/meeting-types';
import { PrintDocument } from './PrintDocument';
import { flowBlocks, imprintSpacer } from './imprint-placement';
import { minutesTextLines, type MinutesPrintContent } from './minutes-text';
import { PAGE_MARGINS } from './print-styles';

// 会议纪要 in the GB/T 9704 §10.3 纪要 layout (DOMAIN.md §5, §8), A4 portrait:
//   版头 — 密级★期限 top left (and 草稿 top right on a draft), the red 纪要标志 in 小标宋 with its
//          top edge 35 mm below the text block's, 第N期 centred, then the issuing office (left) and
//          成文日期 (right) over a red rule the width of the text block;
//   正文 — 3号仿宋, 28 characters × 22 lines a page, first lines indented two characters: the
//          opening paragraph, 会议主要情况, then 会议议定事项 numbered 一、二、三、;
//   名单 — one blank line, then 出席：/请假：/缺席：/列席： (3号黑体 label, 3号仿宋 names, a
//          wrapped line aligned after the colon);
//   版记 — at the bottom of the last page's text block (imprint-placement.ts): a 0.35 mm rule, the
//          抄送 line, a 0.25 mm rule, 印发机关 (left) and 印发日期 (right) one character in, a 0.35 mm rule.
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
  /** 印发机关 of the 版记 when the minutes name none; default unitName. */
  printedBy?: string;
}

const PX_PER_MM = 96 / 25.4;
/** The portrait text block's height (225 mm) in CSS px. */
const PAGE_TEXT_HEIGHT_PX = (297 - PAGE_MARGINS.portrait[0] - PAGE_MARGINS.portrait[2]) * PX_PER_MM;

/** Sizes the spacer before the 版记 so it sits at the bottom of the last page; again whenever the text reflows (fonts arriving). */
function useImprintAtPageBottom(flow: RefObject<HTMLDivElement | null>, spacer: RefObject<HTMLDivElement | null>, imprint: RefObject<HTMLElement | null>) {
  useLayoutEffect(() => {
    const f = flow.current;
    const s = spacer.current;
    const i = imprint.current;
    if (!f || !s || !i) return;
    const place = () => {
      const line = f.querySelector('[data-flow="lines"] > *');
      const lineHeight = line ? parseFloat(getComputedStyle(line).lineHeight) || 0 : 0;
      // Set on the element, not through state: done in the same frame as the reflow, before anything prints.
      s.style.setProperty('height', `${Math.max(0, imprintSpacer(flowBlocks(f), PAGE_TEXT_HEIGHT_PX, lineHeight, i.getBoundingClientRect().height))}px`);
    };
    place();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(place);
    observer.observe(f);
    observer.observe(i);
    return () => observer.disconnect();
  });
}

/** The box of a 版记 rule: a whole number of CSS px (4 px ≈ 1.06 mm), which Chromium does not round. */
const RULE_BOX_MM = 4 / PX_PER_MM;

/**
 * A 版记 rule of `thickness` mm across the text block. Drawn in SVG: Chromium rounds a border or a
 * background box to whole CSS pixels (0.26 mm), which would print 0.35 and 0.25 mm alike.
 */
function ImprintRule({ thickness, at }: { thickness: number; at: 'top' | 'middle' | 'bottom' }) {
  const y = at === 'top' ? 0 : at === 'bottom' ? RULE_BOX_MM - thickness : (RULE_BOX_MM - thickness) / 2;
  return (
    <svg className="ws-minutes-imprint-rule" viewBox={`0 0 156 ${RULE_BOX_MM}`} preserveAspectRatio="none" aria-hidden="true">
      <rect x="0" y={y} width="156" height={thickness} fill="#000" />
    </svg>
  );
}

/** 会议纪要 for one meeting (A4 portrait). */
export function MinutesDocument({ meeting, minutes, unitName, watermark, draft, printedBy }: MinutesDocumentProps) {
  const text = minutesTextLines(meeting, minutes, printedBy || unitName);
  const flowRef = useRef<HTMLDivElement>(null);
  const spacerRef = useRef<HTMLDivElement>(null);
  const imprintRef = useRef<HTMLElement>(null);
  useImprintAtPageBottom(flowRef, spacerRef, imprintRef);
  const title = [text.title, minutes.number, draft ? '草稿' : ''].filter(Boolean).join(' ');
  return (
    <PrintDocument orientation="portrait" watermark={watermark} title={title}>
      <article className="ws-minutes">
        <div className="ws-minutes-flow" ref={flowRef}>
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
          <section className="ws-minutes-body" aria-label="正文" data-flow="lines">
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
            <section className="ws-minutes-attendance" aria-label="出席人员" data-flow="blocks">
              {text.attendance.map((line) => (
                <p key={line.label} className="ws-minutes-attend">
                  <span className="ws-minutes-attend-label">{line.label}：</span>
                  <span className="ws-minutes-attend-names">{line.text}</span>
                </p>
              ))}
            </section>
          )}
        </div>
        <div className="ws-minutes-imprint-spacer" ref={spacerRef} aria-hidden="true" />
        <footer className="ws-minutes-imprint" ref={imprintRef} aria-label="版记">
          <ImprintRule thickness={0.35} at="top" />
          {text.imprint.copyTo && (
            <>
              <div className="ws-minutes-imprint-copy">
                <span className="ws-minutes-imprint-label">抄送：</span>
                <span className="ws-minutes-imprint-units">{text.imprint.copyTo}</span>
              </div>
              <ImprintRule thickness={0.25} at="middle" />
            </>
          )}
          <div className="ws-minutes-imprint-issue">
            <span className="ws-minutes-imprint-by">{text.imprint.printedBy}</span>
            <span className="ws-minutes-imprint-on">{text.imprint.printedOn}</span>
          </div>
          <ImprintRule thickness={0.35} at="bottom" />
        </footer>
      </article>
    </PrintDocument>
  );
}
