import { LABELS_PAGE, PAGE_MARGINS, PAGE_SIZE_MM, type PageMargins, type PageOrientation } from './page-geometry';
import { PRINT_FONT_BODY, PRINT_FONT_LABEL, PRINT_FONT_PAGE_NUMBER, PRINT_FONT_TITLE } from './print-fonts';

// The CSS of every print layout. It goes into a <style> inside the print root, so it exists only
// while a print document is mounted: the rules that hide the app when printing and the @page rules
// can then never affect Ctrl+P on an ordinary page.

// The page's geometry (margins, text block) is in page-geometry.ts, which imports no font: the
// column chooser of a feature computes widths from it without loading the print font's CSS.
export { PAGE_MARGINS, PAGE_SIZE_MM, TEXT_BLOCK_MM, LABELS_PAGE, LABELS_PAGE_MARGINS, type PageMargins, type PageOrientation } from './page-geometry';

/** Named pages, so a portrait and a landscape document can never fight over one @page rule. */
export function pageName(orientation: PageOrientation): string {
  return `ws-a4-${orientation}`;
}

function mm(margins: PageMargins): string {
  return margins.map((m) => `${m}mm`).join(' ');
}

/** The page number "— 1 —": 4号 (14pt) 宋体, its top 7 mm below the text block (GB/T 9704 §7.5). */
function pageNumberBox(orientation: PageOrientation, side: 'left' | 'right' | 'center'): string {
  return `
  @bottom-${side} {
    content: "— " counter(page) " —";
    font-family: ${PRINT_FONT_PAGE_NUMBER};
    font-size: 14pt;
    color: #000;
    vertical-align: top;
    text-align: ${side};
    padding-top: ${orientation === 'portrait' ? 7 : 4}mm;${side === 'center' ? '' : `\n    padding-${side}: 14pt;`}
  }`;
}

/**
 * Portrait prints are office documents: GB/T 9704 §7.5 puts the page number at the outer edge,
 * one character (14pt) in from the text block's edge — odd pages (:right, the first page is one)
 * right, even pages (:left) left. Landscape registers keep it centred.
 */
function pageRule(orientation: PageOrientation): string {
  const margins = PAGE_MARGINS[orientation];
  const name = pageName(orientation);
  const head = `
@page ${name} {
  size: A4 ${orientation};
  margin: ${mm(margins)};`;
  if (orientation === 'landscape') return `${head}${pageNumberBox(orientation, 'center')}
}`;
  return `${head}
}
@page ${name}:right {${pageNumberBox(orientation, 'right')}
}
@page ${name}:left {${pageNumberBox(orientation, 'left')}
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
  /* A live preview inside a page (设置 → 打印): the sheet where it stands, scaled by zoom. */
  .ws-print-root--inline { position: relative; display: inline-block; }
  .ws-print-root--inline .ws-print-sheet { margin: 0; }
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
  .ws-print-toolbar, .ws-print-root--inline { display: none !important; }
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

/* ——— 发文稿纸 (OutgoingSlip; type size from outgoing-slip-layout.ts) ——— */
.ws-outgoing-slip .ws-slip-table th, .ws-outgoing-slip .ws-slip-table td,
.ws-outgoing-slip .ws-slip-box-label, .ws-outgoing-slip .ws-slip-box-text, .ws-outgoing-slip .ws-slip-sign {
  font-size: var(--ws-os-pt);
  line-height: var(--ws-os-line);
}
.ws-outgoing-slip .ws-slip-table th, .ws-outgoing-slip .ws-slip-table td { padding-top: var(--ws-os-cell-pad); padding-bottom: var(--ws-os-cell-pad); }
/* The table closes the last box: its top rule lies on the box's bottom one. */
.ws-outgoing-slip .ws-slip-table { margin-top: -1px; }
.ws-outgoing-slip .ws-slip-box-body { padding-top: var(--ws-os-box-pad); padding-bottom: var(--ws-os-box-pad); }
.ws-outgoing-slip .ws-slip-box { break-inside: avoid; }
.ws-outgoing-countersign + .ws-outgoing-countersign { margin-top: 1mm; }
/* A unit that has not signed: room to sign by hand above its line. */
.ws-outgoing-countersign--blank { min-height: 12mm; display: flex; flex-direction: column; justify-content: space-between; }
.ws-outgoing-slip td.ws-outgoing-pre { white-space: pre-wrap; }
.ws-outgoing-small { display: block; font-size: 0.8em; line-height: 1.2; }

/* ——— 发文登记簿 (OutgoingRegisterSheet) and 分发签收单 (DistributionReceipt) ——— */
.ws-register-table.ws-outgoing-register { font-size: 9pt; }
.ws-register-table.ws-outgoing-register th, .ws-register-table.ws-outgoing-register td { padding: 0.8mm 0.6mm; }
.ws-outgoing-register .ws-nowrap { white-space: nowrap; overflow-wrap: normal; }
.ws-outgoing-receipt-info { margin: 0 0 3mm; font-size: 12pt; line-height: 1.6; }
.ws-outgoing-receipt-info div { overflow-wrap: anywhere; }
.ws-outgoing-receipt-label { font-family: var(--ws-font-label); }
/* Rows tall enough to sign by hand. */
.ws-register-table.ws-outgoing-receipt td { height: 12mm; }
.ws-outgoing-receipt-foot { display: flex; justify-content: space-between; gap: 6mm; margin-top: 4mm; font-size: 12pt; line-height: 2; break-inside: avoid; page-break-inside: avoid; }

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
/* Every table exactly as wide as the text block, every rule inside it. With collapsed borders
   Chromium puts the outer right rule half past the table's edge, and print clips it at the margin
   (the "missing right border" of issue #15); separate borders drawn on each cell's right and bottom,
   plus the table's left and the first row's top (the header's, repeated on every page), all lie
   within the width. */
.ws-register-table {
  width: calc(100% - 1px);
  border-collapse: separate;
  border-spacing: 0;
  border-left: 1px solid #000;
  table-layout: fixed;
  font-size: 10.5pt;
  line-height: 1.35;
}
.ws-register-table th, .ws-register-table td {
  border: 0;
  border-right: 1px solid #000;
  border-bottom: 1px solid #000;
  padding: 1mm 0.8mm;
  vertical-align: middle;
  overflow-wrap: anywhere;
}
.ws-register-table > thead > tr:first-child > *,
.ws-register-table:not(:has(> thead)) > tbody:first-of-type > tr:first-child > * { border-top: 1px solid #000; }
/* Chromium repeats a table-header-group at the top of every printed page. */
.ws-register-table thead { display: table-header-group; }
.ws-register-table th { font-family: var(--ws-font-label); font-weight: normal; text-align: center; background: #eee; }
.ws-register-table tr { break-inside: avoid; page-break-inside: avoid; }
/* Rows move to the next page whole, except the first: one too tall for what the title leaves of
   page 1 would otherwise leave that page with the title alone, without the table's header. */
.ws-register-table > tbody > tr:first-child { break-inside: auto; page-break-inside: auto; }
.ws-register-table td.ws-c { text-align: center; }
.ws-register-empty { text-align: center; padding: 8mm 0; }
/* 收文登记簿: font size and widths from register-layout.ts (inline); numbers and dates on one line. */
.ws-incoming-register th, .ws-incoming-register td { padding-left: var(--ws-register-pad); padding-right: var(--ws-register-pad); }
.ws-incoming-register td.ws-nowrap { white-space: nowrap; overflow-wrap: normal; }
.ws-register-unfit { font-size: 14pt; border: 1px solid #000; padding: 6mm; text-align: center; }

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
  /* The text fills every line of the grid: a paragraph splits at any line (imprint-placement.ts counts on it). */
  orphans: 1;
  widows: 1;
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

/* 版记 (GB/T 9704 §7.4.2): 4号仿宋 between rules the width of the text block — the first and last
   0.35 mm, the one between 抄送 and 印发 0.25 mm; 抄送 and 印发机关 one character in from the left,
   印发日期 one in from the right. The spacer before it (sized by MinutesDocument) puts it at the
   bottom of the last page. */
.ws-minutes-imprint-spacer { height: 0; }
.ws-minutes-imprint {
  break-inside: avoid;
  page-break-inside: avoid;
  font-size: 14pt;
  line-height: var(--ws-minutes-line);
}
/* Each rule is an SVG 4 px tall drawing its line at the exact thickness (MinutesDocument ImprintRule). */
.ws-minutes-imprint-rule { display: block; width: 100%; height: 4px; }
.ws-minutes-imprint-copy { display: flex; padding: 0 1em; }
.ws-minutes-imprint-label { flex: none; }
.ws-minutes-imprint-units { flex: 1; min-width: 0; overflow-wrap: anywhere; }
.ws-minutes-imprint-issue { display: flex; justify-content: space-between; gap: 1em; padding: 0 1em; }
.ws-minutes-imprint-by { min-width: 0; overflow-wrap: anywhere; }
.ws-minutes-imprint-on { flex: none; white-space: nowrap; }

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
/* 备注: one phrase a line (请假 / its reason; 王五代会 / （副县长）). */
.ws-minutes-signin-remark { display: block; }

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
