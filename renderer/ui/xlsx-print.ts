// Type-only: erased at build time, so the library still loads only where a writer needs it.
import type { Feature } from 'write-excel-file/universal';

// Print setup of every exported sheet (issue #15): opened in Excel or LibreOffice Calc and printed,
// a sheet comes out on A4, one page wide, with its column header row on every page, its title in
// the page header and "第 n 页 共 m 页" in the footer. write-excel-file writes only
// <pageSetup orientation="landscape"/> with fixed margins; the rest is added here, as a feature of
// that library (it hands us each sheet's and the workbook's XML before zipping), in the order the
// OOXML schema fixes: both programs ignore or reject an element out of sequence.

export interface SheetPrint {
  /** Centred in the page header of every page, bold. */
  title: string;
  /** A smaller line under it, e.g. 全宗号 and 年度, the period, the 涉密 marking of a classified export. */
  headerNote?: string;
  /** Rows repeated at the top of every printed page (1-based, inclusive): the column header row. */
  repeatRows: readonly [first: number, last: number];
  /** A4 landscape for wide tables, portrait for narrow ones; always fitted to one page wide. */
  orientation: 'landscape' | 'portrait';
}

/** Page margins in inches (the unit of <pageMargins>): 12.7 mm at the sides; 25.4 mm at the top holds a two-line header. */
export const PRINT_MARGINS_IN = { left: 0.5, right: 0.5, top: 1.0, bottom: 0.8, header: 0.4, footer: 0.4 } as const;

/** The footer of every page. &P is the page, &N the number of pages. */
export const PAGE_FOOTER = '&C第 &P 页 共 &N 页';

/** Excel refuses a header or footer over 255 characters (codes included). */
const HEADER_MAX = 255;

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Text inside a header: '&' is a code there, written '&&'; line breaks would end the section. */
const headerText = (s: string) => s.replace(/[\r\n]+/g, ' ').replace(/&/g, '&&');

/**
 * The odd-page header: the title centred in bold 12 pt, the note on a second line in 9 pt (one
 * centred section: Excel and Calc both overlap long left/centre/right sections). A size code runs
 * on into digits ("&9" then "2026年" is size 92026), so the note follows "&B&B" (bold on, off).
 */
export function pageHeader(print: Pick<SheetPrint, 'title' | 'headerNote'>): string {
  const clip = (s: string, n: number) => Array.from(s).slice(0, n).join('');
  for (const budget of [120, 80, 40, 0]) {
    const title = `&C&12&B${headerText(clip(print.title, Math.max(budget, 60)))}&B`;
    const header = print.headerNote && budget > 0 ? `${title}\n&9&B&B${headerText(clip(print.headerNote, budget))}` : title;
    if (header.length <= HEADER_MAX) return header;
  }
  return `&C&12&B${headerText(clip(print.title, 60))}`;
}

/** The elements of CT_Worksheet that come after headerFooter (the insertion point is before the first of them). */
const AFTER_HEADER_FOOTER = [
  'rowBreaks',
  'colBreaks',
  'customProperties',
  'cellWatches',
  'ignoredErrors',
  'smartTags',
  'drawing',
  'legacyDrawing',
  'legacyDrawingHF',
  'drawingHF',
  'picture',
  'oleObjects',
  'controls',
  'webPublishItems',
  'tableParts',
  'extLst',
];

/** Removes every <name …/> or <name …>…</name> element. */
function removeElement(xml: string, name: string): string {
  return xml.replace(new RegExp(`<${name}(?:\\s[^>]*)?(?:/>|>[\\s\\S]*?</${name}>)`, 'g'), '');
}

/**
 * A worksheet's XML with its print setup: <sheetPr><pageSetUpPr fitToPage/> first, then
 * printOptions, pageMargins, pageSetup (A4, orientation, one page wide, as many pages tall as
 * needed) and headerFooter where CT_Worksheet puts them (after sheetData, mergeCells, …;
 * before drawing, extLst, …). What the library wrote there before is replaced.
 */
export function withSheetPrintSetup(xml: string, print: SheetPrint): string {
  const open = /<worksheet(?:\s[^>]*)?>/.exec(xml);
  if (!open) throw new Error('Not a worksheet: <worksheet> is missing');
  let out = xml;
  for (const name of ['printOptions', 'pageMargins', 'pageSetup', 'headerFooter']) out = removeElement(out, name);

  const fitToPage = '<pageSetUpPr fitToPage="1"/>';
  const sheetPr = /<sheetPr(\s[^>]*)?(\/>|>([\s\S]*?)<\/sheetPr>)/.exec(out);
  if (sheetPr) {
    // CT_SheetPr: tabColor, outlinePr, pageSetUpPr — so ours goes last.
    const inner = (sheetPr[3] ?? '').replace(/<pageSetUpPr(?:\s[^>]*)?\/>/g, '');
    out = out.replace(sheetPr[0], `<sheetPr${sheetPr[1] ?? ''}>${inner}${fitToPage}</sheetPr>`);
  } else {
    const at = open.index + open[0].length;
    out = `${out.slice(0, at)}<sheetPr>${fitToPage}</sheetPr>${out.slice(at)}`;
  }

  const m = PRINT_MARGINS_IN;
  const tail =
    '<printOptions horizontalCentered="1"/>' +
    `<pageMargins left="${m.left}" right="${m.right}" top="${m.top}" bottom="${m.bottom}" header="${m.header}" footer="${m.footer}"/>` +
    `<pageSetup paperSize="9" orientation="${print.orientation}" fitToWidth="1" fitToHeight="0"/>` +
    `<headerFooter><oddHeader>${xmlEscape(pageHeader(print))}</oddHeader><oddFooter>${xmlEscape(PAGE_FOOTER)}</oddFooter></headerFooter>`;
  const after = new RegExp(`<(?:${AFTER_HEADER_FOOTER.join('|')})[\\s/>]`).exec(out);
  const at = after ? after.index : out.lastIndexOf('</worksheet>');
  if (at < 0) throw new Error('Not a worksheet: </worksheet> is missing');
  return out.slice(0, at) + tail + out.slice(at);
}

/** A sheet name in a formula: always quoted, a quote in it doubled. */
const quotedSheet = (name: string) => `'${name.replace(/'/g, "''")}'`;

/**
 * The workbook's XML with a _xlnm.Print_Titles name per sheet (the rows repeated on every page),
 * in <definedNames>, which CT_Workbook puts after <sheets>.
 */
export function withPrintTitles(xml: string, sheets: readonly { name: string; print: Pick<SheetPrint, 'repeatRows'> }[]): string {
  const names = sheets
    .map(({ name, print: { repeatRows: [first, last] } }, i) => `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${xmlEscape(`${quotedSheet(name)}!$${first}:$${last}`)}</definedName>`)
    .join('');
  if (!names) return xml;
  if (/<definedNames\s*\/>/.test(xml)) return xml.replace(/<definedNames\s*\/>/, `<definedNames>${names}</definedNames>`);
  if (xml.includes('</definedNames>')) return xml.replace('</definedNames>', `${names}</definedNames>`);
  const at = xml.indexOf('</sheets>');
  if (at < 0) throw new Error('Not a workbook: <sheets> is missing');
  return `${xml.slice(0, at + '</sheets>'.length)}<definedNames>${names}</definedNames>${xml.slice(at + '</sheets>'.length)}`;
}

/** The write-excel-file feature that gives sheet i the print setup `sheets[i].print`. */
export function printSetupFeature(sheets: readonly { name: string; print: SheetPrint }[]): Feature<Blob> {
  return {
    files: {
      transform: {
        'xl/worksheets/sheet{id}.xml': {
          transform: (xml, _options, { sheetIndex }) => {
            const sheet = sheets[sheetIndex];
            if (!sheet) throw new Error(`No print setup for sheet ${sheetIndex + 1}`);
            return withSheetPrintSetup(xml, sheet.print);
          },
        },
        'xl/workbook.xml': { transform: (xml) => withPrintTitles(xml, sheets) },
      },
    },
  };
}
