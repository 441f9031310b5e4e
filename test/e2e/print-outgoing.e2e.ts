import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { PAGE_MARGINS } from '../../renderer/print/page-geometry';
import { OUTGOING_REGISTER_COLUMNS } from '../../renderer/print/outgoing-register-columns';
import { receiptRows } from '../../renderer/print/DistributionReceipt';
import { COPY_TO, COPY_TO_FIT, MAIN_TO, MAIN_TO_FIT, OUTGOING_UNIT, distributedOutgoing, fullOutgoing, longestOutgoing } from '../print-proofs/outgoing';
import { longText } from '../print-proofs/longest';
import { finishApp, openApp, type AppSession } from './browser';
import { centre, RECEIPT_EDGES, slipLabels, SLIP_LABELS, squash } from './outgoing-pdf';
import { lineText, pageNumberOf, pdfInk, pdfPages, printToPdf, textLines, verticalRules, type PdfPage } from './pdf-geometry';

// 发文 prints (issue #16) from their print proofs (test/print-proofs/outgoing.tsx: the longest
// values), printed by Chromium and measured with pdftotext -bbox: the 发文稿纸 on one page with every
// row in the order of DOMAIN.md §10, the 发文登记簿's header with every column on every page, the
// 分发签收单 with one row per recipient and its 份号.

let app: AppSession;

beforeAll(async () => {
  app = await openApp({ url: inject('proofsUrl') });
});
afterAll(() => finishApp(app, { task: { name: 'print-outgoing' } }));

async function printProof(name: string): Promise<string> {
  // From a blank page, so the previous proof's document can never be the one printed.
  await app.page.goto('about:blank');
  await app.page.goto(`${inject('proofsUrl')}#${encodeURIComponent(name)}`);
  await app.page.locator('.ws-print-root').waitFor();
  return printToPdf(app.page, `proof-${name}`);
}

const pageText = (p: PdfPage, minX = 0) => squash(textLines(p.words.filter((w) => w.x0 >= minX)).map(lineText).join(''));
/** The slip's text right of its label column (x 28–51 mm): a label centred beside a tall cell would otherwise fall amid its lines. */
const slipText = (p: PdfPage) => pageText(p, PAGE_MARGINS.portrait[3] + 23 - 0.5);


describe('发文稿纸 (A4 portrait, one page)', () => {
  for (const name of ['outgoing-slip', 'outgoing-slip-blank']) {
    test(`${name}: one page, every row label in order, the form inside the text block`, async () => {
      const pdf = await printProof(name);
      const pages = pdfPages(pdf);
      expect(pages.map((p) => p.number), `${name} pages`).toEqual([1]);
      const p = pages[0]!;
      const labels = slipLabels(p);
      expect(labels.map((l) => l.text)).toEqual(SLIP_LABELS);
      expect(pageText(p)).toContain(squash(`${OUTGOING_UNIT}发文稿纸`));
      const text = slipText(p);
      // The whole 标题 and every 主送 and 抄送 unit are printed.
      expect(text).toContain(longText(200, 0));
      for (const u of [...MAIN_TO_FIT, ...COPY_TO_FIT]) expect(text).toContain(u);
      expect(text).toContain('机密★20年');
      // The form's ink: inside the 156 × 225 mm text block at x 28–184, y 37–262.
      const [top, right, bottom, left] = PAGE_MARGINS.portrait;
      const num = pageNumberOf(p);
      const ink = pdfInk(pdf, 150)[0]!.boxIn({ x0: 0, y0: 0, x1: p.widthMm, y1: num ? num.box.y0 - 0.5 : p.heightMm })!;
      console.log(`${name}: ink x ${ink.x0.toFixed(1)}–${ink.x1.toFixed(1)} mm, y ${ink.y0.toFixed(1)}–${ink.y1.toFixed(1)} mm; labels at y ${labels.map((l) => `${l.text} ${l.y.toFixed(1)}`).join(', ')}`);
      expect(ink.x0).toBeGreaterThan(left - 0.6);
      expect(ink.x1).toBeLessThan(p.widthMm - right + 0.6);
      expect(ink.y0).toBeGreaterThan(top - 0.6);
      expect(ink.y1).toBeLessThan(p.heightMm - bottom + 0.6);
      // It fills the block: the last rule within 6 mm of its bottom.
      expect(ink.y1).toBeGreaterThan(p.heightMm - bottom - 6);
      if (name === 'outgoing-slip') {
        // Recorded opinions filled in, with their signers; 份号 of the 999 copies.
        const r = fullOutgoing();
        expect(text).toContain(squash(r.signoff!.text));
        for (const c of r.countersigns) expect(text).toContain(squash(c.text));
        expect(text).toContain(squash(r.review!.text));
        expect(text).toContain('县政办发〔2026〕9999号');
        expect(text).toContain('000001—000999');
      } else {
        // Nothing recorded: the lines to sign and date by hand, no 文号.
        expect(text).toContain('签发人：年月日');
        expect(text).not.toContain('县政办发〔2026〕');
      }
    });
  }
});

describe('发文稿纸 with every field at its longest (more than one page holds)', () => {
  test('runs onto a second page: every row label once, in order, each row whole on one page, every text printed', async () => {
    const pdf = await printProof('outgoing-slip-longest');
    const pages = pdfPages(pdf);
    expect(pages.map((p) => p.number)).toEqual([1, 2]);
    const labels = pages.flatMap((p) => slipLabels(p).map((l) => ({ ...l, page: p.number })));
    expect(labels.map((l) => l.text)).toEqual(SLIP_LABELS);
    console.log(`outgoing-slip-longest: ${labels.map((l) => `${l.text} p${l.page} ${l.y.toFixed(1)}`).join(', ')}`);
    // A row is never split: every 主送 unit on the 主送 label's page, every 抄送 unit on the 抄送 label's.
    const pageOf = (label: string) => pages[labels.find((l) => l.text === label)!.page - 1]!;
    for (const u of MAIN_TO) expect(slipText(pageOf('主送')), `主送 ${u}`).toContain(u);
    for (const u of COPY_TO) expect(slipText(pageOf('抄送')), `抄送 ${u}`).toContain(u);
    const text = pages.map(slipText).join('');
    expect(text).toContain(longText(200, 0));
    for (const c of longestOutgoing().countersigns) expect(text).toContain(squash(c.text));
    for (const p of pages) expect(pageNumberOf(p)?.n, `page ${p.number} number`).toBe(p.number);
  });
});

describe('发文登记簿 (A4 landscape)', () => {
  test('the header with every column on every page, the table between the side margins, no word across a column rule, "— N —" centred, every 文号 once', async () => {
    const pdf = await printProof('outgoing-register');
    const pages = pdfPages(pdf);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    // A light threshold finds a 1 px rule rendered as two mid-grey pixels (the proofs carry no watermark).
    const ink = pdfInk(pdf, 200, 215);
    const [, right, , left] = PAGE_MARGINS.landscape;
    const numbers = new Set<string>();
    const figures: string[] = [];
    for (const p of pages) {
      const num = pageNumberOf(p);
      expect(num?.n, `p${p.number} number`).toBe(p.number);
      expect(Math.abs((num!.box.x0 + num!.box.x1) / 2 - p.widthMm / 2), `p${p.number} number centred`).toBeLessThan(1);
      // The header row: the line holding 序号 and 文号; each column's label between the header's rules
      // (read in the header's band, a two-line label joined).
      const head = p.words.find((w) => w.text === '序号');
      expect(head, `p${p.number} header`).toBeDefined();
      const band = p.words.filter((w) => w.y0 >= head!.y0 - 4 && w.y1 <= head!.y1 + 4);
      const headerText = squash(textLines(band, 2.5).map(lineText).join(''));
      const ordered = band.sort((a, b) => a.x0 - b.x0 || a.y0 - b.y0).map((w) => w.text).join('');
      for (const c of OUTGOING_REGISTER_COLUMNS) expect(squash(ordered).includes(c.label) || headerText.includes(c.label), `p${p.number} column ${c.label} in ${ordered}`).toBe(true);
      // The labels left to right in the register's order.
      const xs = OUTGOING_REGISTER_COLUMNS.map((c) => band.find((w) => c.label.startsWith(w.text))!.x0);
      expect(xs, `p${p.number} column order`).toEqual([...xs].sort((a, b) => a - b));
      // Fifteen rules across the header row, the outer ones on the margins; every word of the body between two of them.
      const rules = verticalRules(ink[p.number - 1]!, left - 2, p.widthMm - right + 2, head!.y0 + 0.5, head!.y1 - 0.5);
      expect(rules, `p${p.number} rules ${rules.map((r) => r.toFixed(1)).join(' ')}`).toHaveLength(OUTGOING_REGISTER_COLUMNS.length + 1);
      const headerBottom = Math.max(...band.map((w) => w.y1));
      const body = p.words.filter((w) => w.y0 > headerBottom && w.y1 < num!.box.y0 - 0.1);
      const across = body.filter((w) => !rules.slice(0, -1).some((l, c) => w.x0 >= l - 0.1 && w.x1 <= rules[c + 1]! + 0.1));
      expect(across.map((w) => `${w.text}@${w.x0.toFixed(1)}–${w.x1.toFixed(1)}`), `p${p.number} words across a rule`).toEqual([]);
      const box = ink[p.number - 1]!.boxIn({ x0: 0, y0: 0, x1: p.widthMm, y1: num!.box.y0 - 0.5 })!;
      expect(box.x0, `p${p.number} left`).toBeGreaterThan(left - 0.6);
      expect(box.x0, `p${p.number} left`).toBeLessThan(left + 0.6);
      expect(p.widthMm - box.x1, `p${p.number} right margin`).toBeGreaterThan(right - 0.6);
      expect(p.widthMm - box.x1, `p${p.number} right margin`).toBeLessThan(right + 0.6);
      // 〔2026〕N号 on one line (the 机关代字 before it may take the line above).
      for (const line of textLines(p.words)) {
        for (const m of lineText(line).matchAll(/〔2026〕(\d+)号/g)) numbers.add(m[1]!);
      }
      figures.push(`p${p.number}: table x ${box.x0.toFixed(2)}–${box.x1.toFixed(2)} mm, y ${box.y0.toFixed(1)}–${box.y1.toFixed(1)}; rules ${rules.map((r) => r.toFixed(1)).join(' ')}; number "— ${num!.n} —" at x ${num!.box.x0.toFixed(1)}–${num!.box.x1.toFixed(1)}`);
    }
    console.log(`outgoing-register\n${figures.join('\n')}`);
    // Every 文号 whole on one line (its 〔2026〕N号 never split), each once.
    expect([...numbers].sort((a, b) => Number(a) - Number(b))).toEqual([...Array.from({ length: 29 }, (_, i) => String(i + 1)), '9999']);
    const all = pages.map(pageText).join('');
    expect(all).toContain('已作废');
    expect(all).toContain('【涉密】');
    expect(all).toContain('个单位');
  });
});

describe('分发签收单 (A4 portrait)', () => {
  test('one row per recipient (主送, then 抄送) with its 份数 and 份号, the signature column empty', async () => {
    const pdf = await printProof('outgoing-receipt');
    const pages = pdfPages(pdf);
    const record = distributedOutgoing();
    const expected = receiptRows(record);
    expect(expected).toHaveLength(MAIN_TO.length + COPY_TO.length);
    const edges = RECEIPT_EDGES;
    const column = (p: PdfPage, c: number, below: number, above: number) =>
      textLines(p.words.filter((w) => centre(w).x > edges[c]! && centre(w).x < edges[c + 1]! && centre(w).y > below && centre(w).y < above), 0.8).map(lineText);
    const seq: string[] = [];
    const units: string[] = [];
    const copyNos: string[] = [];
    const figures: string[] = [];
    for (const p of pages) {
      const head = p.words.find((w) => w.text === '签收人');
      expect(head, `p${p.number} header`).toBeDefined();
      const num = pageNumberOf(p);
      const foot = p.words.find((w) => w.text.startsWith('共') && w.y0 > head!.y1);
      const bottom = Math.min(num ? num.box.y0 : p.heightMm, foot ? foot.y0 : p.heightMm);
      seq.push(...column(p, 0, head!.y1, bottom));
      units.push(squash(column(p, 1, head!.y1, bottom).join('')));
      copyNos.push(...column(p, 3, head!.y1, bottom));
      // The signature column holds no word: it is signed by hand.
      expect(column(p, 4, head!.y1, bottom), `p${p.number} 签收人 column`).toEqual([]);
      figures.push(`p${p.number}: ${column(p, 0, head!.y1, bottom).length} rows`);
    }
    console.log(`outgoing-receipt: ${pages.length} page(s); ${figures.join(', ')}; 份号 ${copyNos.join(' ')}`);
    expect(seq).toEqual(expected.map((_, i) => String(i + 1)));
    // Every recipient's name, in order: 主送 then 抄送.
    expect(units.join('')).toBe(expected.map((e) => e.unit).join(''));
    expect(expected.map((e) => e.role)).toEqual([...MAIN_TO.map(() => '主送'), ...COPY_TO.map(() => '抄送')]);
    // 份号: recorded units print theirs (000002—000004 for the third 主送), the others the next free numbers in order.
    expect(squash(copyNos.join(' '))).toBe(
      squash(
        expected
          .map((e) => (e.copyNumbers.length > 1 ? `${e.copyNumbers[0]}—${e.copyNumbers[e.copyNumbers.length - 1]}` : e.copyNumbers[0]))
          .join(''),
      ),
    );
    expect(expected.map((e) => e.copyNumbers.join(','))).toEqual([
      '000001', '000006', '000002,000003,000004', ...Array.from({ length: 9 }, (_, i) => String(7 + i).padStart(6, '0')),
      '000016', '000005', '000017', '000018', '000019', '000020',
    ]);
    const text = pages.map(pageText).join('');
    expect(text).toContain(squash(`${OUTGOING_UNIT}发文分发签收单`));
    expect(text).toContain('县政办发〔2026〕9999号');
    expect(text).toContain('印制份数：999份');
  });
});
