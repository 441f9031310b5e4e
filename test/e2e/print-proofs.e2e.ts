import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { PAGE_MARGINS, type PageOrientation } from '../../renderer/print/print-styles';
import { finishApp, openApp, type AppSession } from './browser';
import { pageNumberOf, pdfInk, pdfPages, printToPdf, type Box } from './pdf-geometry';

// Every print of the app, given the longest values its schema allows (test/print-proofs), printed
// to PDF by Chromium and measured: nothing may lie outside the printable area (the page less its
// margins; only the page number "— N —" sits below the text block, where its position is checked
// too). Each area's own geometry (cell sizes, margins the standards fix) is asserted in its own
// proof tests (print-*.e2e.ts).

let app: AppSession;
let names: string[];

beforeAll(async () => {
  app = await openApp({ url: inject('proofsUrl') });
  names = JSON.parse(await app.page.locator('#proof-names').innerText()) as string[];
});
afterAll(() => finishApp(app, { task: { name: 'print proofs' } }));

export async function openProof(page: Page, name: string): Promise<string> {
  // From a blank page, so the previous proof's document can never be the one printed.
  await page.goto('about:blank');
  await page.goto(`${inject('proofsUrl')}#${encodeURIComponent(name)}`);
  await page.locator('.ws-print-root').waitFor();
  return printToPdf(page, `proof-${name}`);
}

const TOLERANCE_MM = 0.6;

describe('every print fits its printable area with the longest values', () => {
  test('each proof, page by page', async () => {
    expect(names.length).toBeGreaterThan(0);
    const faults: string[] = [];
    for (const name of names) {
      const pdf = await openProof(app.page, name);
      // A document with a page of its own (label sheets: margins 0) says so on its root.
      const own = (await app.page.locator('.ws-print-root').getAttribute('data-page-margins'))?.split(' ').map(Number);
      const pages = pdfPages(pdf);
      const ink = pdfInk(pdf, 72);
      for (const [i, p] of pages.entries()) {
        const orientation: PageOrientation = p.widthMm > p.heightMm ? 'landscape' : 'portrait';
        const [top, right, bottom, left] = own?.length === 4 && own.every(Number.isFinite) ? own : PAGE_MARGINS[orientation];
        const area: Box = { x0: left, y0: top, x1: p.widthMm - right, y1: p.heightMm - bottom };
        const num = pageNumberOf(p);
        const inkBox = ink[i]!.boxIn({ x0: 0, y0: 0, x1: p.widthMm, y1: num ? num.box.y0 - 0.5 : p.heightMm });
        if (!inkBox) continue;
        const out = [
          inkBox.x0 < area.x0 - TOLERANCE_MM && `left ${inkBox.x0.toFixed(1)} < ${area.x0}`,
          inkBox.x1 > area.x1 + TOLERANCE_MM && `right ${inkBox.x1.toFixed(1)} > ${area.x1}`,
          inkBox.y0 < area.y0 - TOLERANCE_MM && `top ${inkBox.y0.toFixed(1)} < ${area.y0}`,
          inkBox.y1 > area.y1 + TOLERANCE_MM && `bottom ${inkBox.y1.toFixed(1)} > ${area.y1}`,
        ].filter(Boolean);
        if (out.length) faults.push(`${name} p${p.number}: ${out.join(', ')}`);
        // The page number (label sheets have none): "— N —" below the text block; GB/T 9704 puts it
        // at the outer edge one character (4号, 14pt) in on portrait pages, odd right and even left;
        // landscape registers centre it.
        if (own?.every((m) => m === 0)) continue;
        if (!num) {
          faults.push(`${name} p${p.number}: no page number`);
          continue;
        }
        const oneChar = 14 * (25.4 / 72);
        const placed =
          orientation === 'landscape'
            ? Math.abs((num.box.x0 + num.box.x1) / 2 - (left + (p.widthMm - right)) / 2) <= 1
            : p.number % 2 === 1
              ? Math.abs(num.box.x1 - (p.widthMm - right - oneChar)) <= 0.8
              : Math.abs(num.box.x0 - (left + oneChar)) <= 0.8;
        if (num.n !== p.number) faults.push(`${name} p${p.number}: numbered ${num.n}`);
        if (!placed) faults.push(`${name} p${p.number}: page number at ${num.box.x0.toFixed(1)}–${num.box.x1.toFixed(1)} mm`);
        if (num.box.y0 < area.y1 || num.box.y1 > p.heightMm - 3) faults.push(`${name} p${p.number}: page number at y ${num.box.y0.toFixed(1)} mm`);
      }
    }
    expect(faults).toEqual([]);
  });
});
