import { PRINT_FONT_BODY, PRINT_FONT_LABEL, PRINT_FONT_PAGE_NUMBER, PRINT_FONT_TITLE } from './print-fonts';

// The CSS of every print layout. It goes into a <style> inside the print root, so it exists only
// while a print document is mounted: the rules that hide the app when printing and the @page rules
// can then never affect Ctrl+P on an ordinary page.

export type PageOrientation = 'portrait' | 'landscape';

/** Page margins in mm: top, right, bottom, left. */
export type PageMargins = readonly [number, number, number, number];

/**
 * Portrait follows GB/T 9704 (DOMAIN.md §8): top 37, left 28, text block 156×225 mm, so right 26
 * and bottom 35. Landscape is for registers, where width matters more than the 版心 convention.
 */
export const PAGE_MARGINS: Record<PageOrientation, PageMargins> = {
  portrait: [37, 26, 35, 28],
  landscape: [15, 12, 18, 18],
};

/** Label sheets fill the page edge to edge: a page of their own, margins 0, no page number. */
export const LABELS_PAGE = 'ws-a4-labels';
export const LABELS_PAGE_MARGINS: PageMargins = [0, 0, 0, 0];

const PAGE_SIZE_MM: Record<PageOrientation, readonly [number, number]> = {
  portrait: [210, 297],
  landscape: [297, 210],
};

/** Named pages, so a portrait and a landscape document can never fight over one @page rule. */
export function pageName(orientation: PageOrientation): string {
  return `ws-a4-${orientation}`;
}

function mm(margins: PageMargins): string {
  return margins.map((m) => `${m}mm`).join(' ');
}

function pageRule(orientation: PageOrientation): string {
  const margins = PAGE_MARGINS[orientation];
  return `
@page ${pageName(orientation)} {
  size: A4 ${orientation};
  margin: ${mm(margins)};
  /* Page number "— 1 —", 4号 宋体, centred below the text block (Chromium ≥ 131 draws margin boxes). */
  @bottom-center {
    content: "— " counter(page) " —";
    font-family: ${PRINT_FONT_PAGE_NUMBER};
    font-size: 14pt;
    color: #000;
    vertical-align: top;
    padding-top: ${orientation === 'portrait' ? 7 : 4}mm;
  }
}`;
}

function sheetRule(orientation: PageOrientation): string {
  const [w, h] = PAGE_SIZE_MM[orientation];
  return `
  .ws-print-sheet--${orientation} { width: ${w}mm; min-height: ${h}mm; padding: ${mm(PAGE_MARGINS[orientation])}; }`;
}

export const PRINT_CSS = `
${pageRule('portrait')}
${pageRule('landscape')}

.ws-print-root {
  --ws-font-body: ${PRINT_FONT_BODY};
  --ws-font-title: ${PRINT_FONT_TITLE};
  --ws-font-label: ${PRINT_FONT_LABEL};
  color: #000;
  font-family: var(--ws-font-body);
  font-size: 14pt;
  line-height: 1.5;
  text-align: left;
  -webkit-print-color-adjust: exact;
  print-color-adjust: exact;
}
.ws-print-root *, .ws-print-root *::before, .ws-print-root *::after { box-sizing: border-box; }
.ws-print-sheet { position: relative; background: #fff; }

/* Watermark: a fixed layer, which Chromium repeats on every printed page. Semi-transparent black,
   drawn over the content: light grey on white paper, and black text under it stays black. */
.ws-print-watermark {
  position: fixed;
  inset: 0;
  overflow: hidden;
  pointer-events: none;
  z-index: 10;
  user-select: none;
}
.ws-print-watermark-grid {
  position: absolute;
  left: -50%;
  top: -50%;
  width: 200%;
  height: 200%;
  display: flex;
  flex-wrap: wrap;
  align-content: flex-start;
  justify-content: space-around;
  row-gap: 26mm;
  column-gap: 16mm;
  padding-top: 10mm;
  transform: rotate(-30deg);
}
.ws-print-watermark-grid span {
  font-family: var(--ws-font-body);
  font-size: 13pt;
  line-height: 1;
  white-space: nowrap;
  color: rgba(0, 0, 0, 0.15);
}

@media screen {
  /* A print job (printLayout): laid out at paper width so its fonts load, but never seen. */
  .ws-print-root--job {
    position: fixed;
    inset: 0;
    overflow: hidden;
    visibility: hidden;
    pointer-events: none;
    z-index: -1;
  }
  /* Preview: the A4 sheet over the app, with a tool bar. */
  .ws-print-root--preview {
    position: fixed;
    inset: 0;
    z-index: 1000;
    overflow: auto;
    background: #d9d9d9;
  }
  .ws-print-sheet { margin: 16px auto 32px; box-shadow: 0 2px 10px rgba(0, 0, 0, 0.25); }
  ${sheetRule('portrait')}
  ${sheetRule('landscape')}
  .ws-print-toolbar {
    position: sticky;
    top: 0;
    z-index: 20;
    display: flex;
    gap: 8px;
    align-items: center;
    padding: 8px 16px;
    background: #fff;
    border-bottom: 1px solid #d9d9d9;
    font-family: 'Microsoft YaHei', 'PingFang SC', 'Noto Sans CJK SC', sans-serif;
    font-size: 14px;
  }
  .ws-print-toolbar-title { flex: 1; font-weight: 600; }
}

@media print {
  html:has(> body > .ws-print-root), body:has(> .ws-print-root) {
    height: auto !important;
    overflow: visible !important;
    background: #fff !important;
    margin: 0 !important;
    padding: 0 !important;
  }
  /* Only the print document goes on paper: the app, antd's pop-ups, other roots stay off it. */
  body:has(> .ws-print-root) > *:not(.ws-print-root) { display: none !important; }
  /* A print job started while a preview is open prints the job alone. */
  body:has(> .ws-print-root--job) > .ws-print-root:not(.ws-print-root--job) { display: none !important; }
  .ws-print-root { position: static; display: block; background: none; }
  .ws-print-root--portrait { page: ${pageName('portrait')}; }
  .ws-print-root--landscape { page: ${pageName('landscape')}; }
  .ws-print-toolbar { display: none !important; }
  .ws-print-sheet { width: auto; min-height: 0; padding: 0; margin: 0; box-shadow: none; }
}

/* ——— 收文处理笺 ——— */
/* A column that fills the page's text block (225 mm, less a little so rounding never spills a
   blank second page); the boxes share whatever height the upper rows leave. */
.ws-slip { display: flex; flex-direction: column; min-height: 223mm; }
.ws-slip-marks { font-family: var(--ws-font-label); font-size: 14pt; line-height: 1.4; }
.ws-slip-title {
  font-family: var(--ws-font-title);
  font-size: 22pt;
  font-weight: 700;
  line-height: 1.3;
  text-align: center;
  margin: 1mm 0 5mm;
  letter-spacing: 0.05em;
  text-wrap: balance;
}
.ws-slip-table { width: 100%; border-collapse: collapse; table-layout: fixed; }
.ws-slip-table th, .ws-slip-table td {
  border: 1px solid #000;
  padding: 1.6mm 1.5mm;
  vertical-align: middle;
  font-size: 14pt;
  line-height: 1.4;
  overflow-wrap: anywhere;
}
.ws-slip-table th, .ws-slip-box-label {
  font-family: var(--ws-font-label);
  font-weight: normal;
  font-size: 14pt;
  text-align: center;
  padding-left: 0.5mm;
  padding-right: 0.5mm;
}
.ws-slip-table td.ws-slip-title-cell { font-size: 16pt; }
.ws-slip-small { font-size: 12pt; display: block; line-height: 1.3; }
.ws-slip-boxes { flex: 1 1 auto; display: flex; flex-direction: column; }
/* Each box is a closed rectangle overlapping the line above, so a box that has to split across
   pages (very long content) is still closed on both pages (clone); a box that fits moves whole. */
.ws-slip-box {
  display: flex;
  border: 1px solid #000;
  margin-top: -1px;
  break-inside: avoid;
  -webkit-box-decoration-break: clone;
  box-decoration-break: clone;
}
.ws-slip-table tr { break-inside: avoid; }
.ws-slip-box-label {
  flex: none;
  width: var(--ws-slip-label-width);
  border-right: 1px solid #000;
  display: flex;
  align-items: center;
  justify-content: center;
}
.ws-slip-box-body { flex: 1; display: flex; flex-direction: column; padding: 2mm 3mm; min-width: 0; }
.ws-slip-box-text { flex: 1; font-size: 16pt; line-height: 1.5; white-space: pre-wrap; overflow-wrap: anywhere; }
.ws-slip-box-meta { font-size: 14pt; line-height: 1.5; }
.ws-slip-sign { text-align: right; font-size: 14pt; margin-top: 1mm; }
.ws-slip-readers { margin: 0; padding: 0; list-style: none; font-size: 14pt; line-height: 1.5; }

/* ——— 收文登记簿 ——— */
.ws-register-title {
  font-family: var(--ws-font-title);
  font-size: 18pt;
  font-weight: 700;
  text-align: center;
  margin: 0 0 2mm;
  line-height: 1.3;
}
.ws-register-filter { font-size: 10.5pt; margin: 0 0 1.5mm; display: flex; justify-content: space-between; gap: 8mm; }
.ws-register-table { width: 100%; border-collapse: collapse; table-layout: fixed; font-size: 10.5pt; line-height: 1.35; }
.ws-register-table th, .ws-register-table td {
  border: 1px solid #000;
  padding: 1mm 0.8mm;
  vertical-align: middle;
  overflow-wrap: anywhere;
}
/* Chromium repeats a table-header-group at the top of every printed page. */
.ws-register-table thead { display: table-header-group; }
.ws-register-table th { font-family: var(--ws-font-label); font-weight: normal; text-align: center; background: #eee; }
.ws-register-table tr { break-inside: avoid; page-break-inside: avoid; }
.ws-register-table td.ws-c { text-align: center; }
.ws-register-empty { text-align: center; padding: 8mm 0; }

/* ——— 涉密载体 prints (登记表, 借阅登记表, 销毁清单, 清点报告, 移交单, 标签) ——— */
/* Their tables are .ws-register-table; these rules only add what the carrier prints need. */
.ws-carrier-copyno { text-align: right; font-size: 10.5pt; line-height: 1.3; margin: 0 0 1mm; }
/* An unnumbered carrier print (no 打印份号 taken yet: the preview) never reaches paper: printed
   any other way than by the tool bar (Ctrl+P), the page carries only the notice saying so. */
.ws-carrier-unnumbered { font-size: 16pt; line-height: 1.6; margin: 20mm 0 0; text-align: center; }
@media screen { .ws-carrier-unnumbered { display: none; } }
@media print {
  .ws-print-sheet:has(> .ws-carrier-unnumbered) > :not(.ws-carrier-unnumbered) { display: none !important; }
}
.ws-carrier-table s.ws-carrier-struck { text-decoration-thickness: 1px; }
.ws-carrier-nowrap { white-space: nowrap; }
/* Ten columns on a portrait page (销毁清单) need a smaller face; a form's table a larger one. */
.ws-register-table.ws-carrier-table--dense { font-size: 9pt; }
.ws-register-table.ws-carrier-table--form { font-size: 12pt; }
.ws-register-table.ws-carrier-table--form th, .ws-register-table.ws-carrier-table--form td { padding: 1.5mm 1mm; }
/* Blank cells signed by hand: tall enough for a signature. */
.ws-carrier-table td.ws-carrier-sign-cell { height: 10mm; }
.ws-carrier-lines { font-size: 12pt; line-height: 1.6; margin: 0 0 2mm; }
.ws-carrier-summary { font-family: var(--ws-font-body); font-weight: 700; }
.ws-carrier-section {
  font-family: var(--ws-font-label);
  font-size: 12pt;
  font-weight: normal;
  margin: 4mm 0 1.5mm;
  break-after: avoid;
}
.ws-carrier-ok { font-size: 12pt; margin: 0 0 2mm; }
/* Names and lines to sign on; a block moves to the next page whole rather than split. */
.ws-carrier-signs { margin-top: 8mm; font-size: 12pt; line-height: 2.4; break-inside: avoid; page-break-inside: avoid; }
.ws-carrier-signs + .ws-carrier-signs { margin-top: 4mm; }
.ws-carrier-signs--form { margin-top: 12mm; font-size: 14pt; line-height: 2.6; }
.ws-carrier-sign-line { white-space: nowrap; }
.ws-carrier-signs-scope { font-family: var(--ws-font-label); line-height: 1.6; }
.ws-carrier-form-title {
  font-family: var(--ws-font-title);
  font-size: 22pt;
  font-weight: 700;
  line-height: 1.3;
  text-align: center;
  margin: 1mm 0 6mm;
  letter-spacing: 0.05em;
}
.ws-carrier-form { width: 100%; border-collapse: collapse; table-layout: fixed; margin-top: -1px; font-size: 14pt; line-height: 1.4; }
.ws-carrier-form th, .ws-carrier-form td { border: 1px solid #000; padding: 2.5mm 2mm; vertical-align: middle; overflow-wrap: anywhere; }
.ws-carrier-form th { width: 30mm; font-family: var(--ws-font-label); font-weight: normal; text-align: center; }
/* Labels: one A4 page per sheet with margins 0 (@page ${LABELS_PAGE}), each label absolutely at its
   cell (sizes in CarrierLabels, from shared/domain/carrier-label.ts LABEL_SHEETS). */
.ws-carrier-labels-page {
  position: relative;
  width: 210mm;
  height: 297mm;
  overflow: hidden;
  break-after: page;
}
.ws-carrier-labels-page:last-child { break-after: auto; }
.ws-carrier-label {
  position: absolute;
  display: flex;
  align-items: center;
  gap: 1.5mm;
  overflow: hidden;
}
@page ${LABELS_PAGE} { size: A4 portrait; margin: 0; }
@media screen { .ws-print-sheet.ws-print-sheet--labels { padding: 0; } }
@media print { .ws-print-root.ws-print-root--labels { page: ${LABELS_PAGE}; } }
/* Plain paper: dashed cutting lines centred on the cell edges, so neighbours share one line. */
.ws-carrier-label--cut { outline: 0.3mm dashed #000; outline-offset: -0.15mm; }
.ws-carrier-qr { flex: none; display: block; }
.ws-carrier-qr-missing { flex: none; font-size: 9pt; line-height: 1.3; text-align: center; }
.ws-carrier-label-text { flex: 1; min-width: 0; line-height: 1.35; }
.ws-carrier-label-line { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.ws-carrier-label-mark { font-family: var(--ws-font-label); }
.ws-carrier-label-code {
  font-family: Consolas, 'DejaVu Sans Mono', 'Liberation Mono', 'Courier New', monospace;
  letter-spacing: 0.05em;
  margin-top: 0.5mm;
}

/* ——— 会议纪要 (GB/T 9704 §10.3) ——— */
/* 正文 3号 (16pt) 仿宋, 22 lines of 28 characters in the 156×225 mm text block: a line is exactly
   225/22 mm (28.95pt), and 28 characters of 16pt need 0.02em less than their width to fit 156 mm. */
.ws-minutes { --ws-minutes-red: #f00; --ws-minutes-line: 28.95pt; font-size: 16pt; line-height: var(--ws-minutes-line); }
.ws-minutes-head { break-inside: avoid; page-break-inside: avoid; }
/* 密级 (and 草稿) on the first line; the 纪要标志's top edge 35 mm below the text block's. */
.ws-minutes-marks {
  display: flex;
  justify-content: space-between;
  align-items: flex-start;
  height: 34mm;
  font-family: var(--ws-font-label);
  font-size: 16pt;
  line-height: var(--ws-minutes-line);
}
.ws-minutes-draft { border: 1px solid #000; padding: 0 2mm; line-height: 1.5; letter-spacing: 0.5em; padding-right: calc(2mm - 0.5em); }
.ws-minutes-title {
  font-family: var(--ws-font-title);
  font-size: 22pt;
  font-weight: 700;
  line-height: 1.3;
  color: var(--ws-minutes-red);
  text-align: center;
  letter-spacing: 0.08em;
  margin: 0;
  text-wrap: balance;
}
.ws-minutes-number { text-align: center; margin-top: 3mm; }
/* The issuing office one character in from the left, 成文日期 one in from the right; the red rule
   the width of the text block 4 mm under them. */
.ws-minutes-issuer {
  display: flex;
  justify-content: space-between;
  gap: 1em;
  padding: 0 1em 2mm;
  border-bottom: 1.5pt solid var(--ws-minutes-red);
}
.ws-minutes-body, .ws-minutes-attendance { letter-spacing: -0.02em; }
.ws-minutes-body { margin-top: var(--ws-minutes-line); }
.ws-minutes-body p {
  margin: 0;
  text-indent: 2em;
  text-align: justify;
  overflow-wrap: anywhere;
  white-space: pre-wrap;
}
/* 出席/请假/列席: one blank line under the 正文, two characters in, a wrapped line aligned after the colon. */
.ws-minutes-attendance { margin-top: var(--ws-minutes-line); }
.ws-minutes-attend { display: flex; margin: 0; padding-left: 2em; break-inside: avoid; page-break-inside: avoid; }
.ws-minutes-attend-label { flex: none; font-family: var(--ws-font-label); }
.ws-minutes-attend-names { flex: 1; min-width: 0; text-align: justify; overflow-wrap: anywhere; }

/* ——— 会议签到表 ——— */
.ws-minutes-form-title, .ws-supervision-title {
  font-family: var(--ws-font-title);
  font-size: 22pt;
  font-weight: 700;
  line-height: 1.3;
  text-align: center;
  margin: 1mm 0 5mm;
  letter-spacing: 0.05em;
  text-wrap: balance;
}
.ws-minutes-signin-info { margin: 0 0 3mm; font-size: 14pt; line-height: 1.6; }
.ws-minutes-signin-info div { overflow-wrap: anywhere; }
.ws-minutes-signin-info .ws-minutes-signin-label { font-family: var(--ws-font-label); }
/* Rows tall enough to sign in by hand. */
.ws-register-table.ws-minutes-signin-table td { height: 13mm; }

/* ——— 督办催办单, 督办通报 ——— */
.ws-supervision-meta { display: flex; justify-content: space-between; gap: 6mm; font-size: 14pt; line-height: 1.6; margin: 0 0 2mm; }
.ws-supervision-form td { font-size: 14pt; }
.ws-supervision-form td.ws-supervision-overdue { font-family: var(--ws-font-label); }
.ws-supervision-form td.ws-supervision-reply { height: 40mm; vertical-align: top; }
.ws-supervision-note { font-size: 16pt; line-height: 1.6; text-indent: 2em; margin: 5mm 0 0; }
.ws-supervision-section {
  font-family: var(--ws-font-label);
  font-size: 16pt;
  font-weight: normal;
  line-height: 1.5;
  margin: 5mm 0 2mm;
  break-after: avoid;
}
.ws-supervision-period { text-align: center; font-size: 14pt; line-height: 1.6; margin: 0 0 3mm; }
.ws-register-table.ws-supervision-table { font-size: 12pt; }
.ws-register-table.ws-supervision-table td, .ws-register-table.ws-supervision-table th { padding: 1.4mm 1mm; }
.ws-register-table.ws-supervision-table tr.ws-supervision-total td { font-family: var(--ws-font-label); }
.ws-register-table.ws-supervision-table--dense { font-size: 10.5pt; }
`;
