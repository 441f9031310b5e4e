import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

// Measuring a printed PDF the way an inspector's ruler would (issue #15): words with their boxes
// from `pdftotext -bbox` and the ink (every dark pixel: text, table rules, QR codes) from a
// `pdftoppm` rendering, all in millimetres from the page's top-left corner.

export const PT_TO_MM = 25.4 / 72;

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface Word extends Box {
  text: string;
}

export interface PdfPage {
  /** 1-based. */
  number: number;
  widthMm: number;
  heightMm: number;
  words: Word[];
}

/** Prints the page's mounted print document (waits for its fonts) to a PDF file; returns its path. */
export async function printToPdf(page: Page, name: string): Promise<string> {
  await page.locator('.ws-print-root[data-print-ready="true"]').waitFor();
  const bytes = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  const dir = mkdtempSync(join(tmpdir(), 'wenshu-pdf-'));
  const path = join(dir, `${name}.pdf`);
  writeFileSync(path, bytes);
  // Kept for a person to look at (CI artefact; pdftoppm -png makes pictures of it).
  writeFileSync(join(process.cwd(), 'test-results', `${name}.pdf`), bytes);
  return path;
}

const decodeEntities = (s: string) =>
  s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

/** Every page with its words (pdftotext -bbox), in mm. */
export function pdfPages(path: string): PdfPage[] {
  const html = execFileSync('pdftotext', ['-bbox', path, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const pages: PdfPage[] = [];
  const pageRe = /<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g;
  for (let m = pageRe.exec(html); m; m = pageRe.exec(html)) {
    const words: Word[] = [];
    const wordRe = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g;
    for (let w = wordRe.exec(m[3]!); w; w = wordRe.exec(m[3]!)) {
      words.push({
        x0: Number(w[1]) * PT_TO_MM,
        y0: Number(w[2]) * PT_TO_MM,
        x1: Number(w[3]) * PT_TO_MM,
        y1: Number(w[4]) * PT_TO_MM,
        text: decodeEntities(w[5]!),
      });
    }
    pages.push({ number: pages.length + 1, widthMm: Number(m[1]) * PT_TO_MM, heightMm: Number(m[2]) * PT_TO_MM, words });
  }
  return pages;
}

/** Lines of text: words whose vertical centres lie within `tolerance` mm, left to right. */
export function textLines(words: readonly Word[], tolerance = 1.2): Word[][] {
  const sorted = [...words].sort((a, b) => (a.y0 + a.y1) / 2 - (b.y0 + b.y1) / 2 || a.x0 - b.x0);
  const lines: Word[][] = [];
  for (const w of sorted) {
    const c = (w.y0 + w.y1) / 2;
    const last = lines[lines.length - 1];
    if (last && Math.abs((last[0]!.y0 + last[0]!.y1) / 2 - c) <= tolerance) last.push(w);
    else lines.push([w]);
  }
  return lines.map((l) => l.sort((a, b) => a.x0 - b.x0));
}

/** The text of a line, words joined without spaces (CJK) . */
export const lineText = (line: readonly Word[]) => line.map((w) => w.text).join('');

export interface InkPage {
  widthMm: number;
  heightMm: number;
  /** Bounding box of every pixel darker than the threshold; null on a blank page. */
  box: Box | null;
  /** mm per pixel. */
  mmPerPx: number;
  /** Darkness test at a point (mm). */
  dark(xMm: number, yMm: number): boolean;
  /** Dark pixels' bounding box inside a region (mm); null when none. */
  boxIn(region: Box): Box | null;
}

/**
 * The ink of every page: rendered in grey at `dpi` by pdftoppm; a pixel is ink when darker than
 * `threshold` (0–255). The watermark (15% black, about 217) stays below the default 160.
 */
export function pdfInk(path: string, dpi = 100, threshold = 160): InkPage[] {
  const dir = mkdtempSync(join(tmpdir(), 'wenshu-ink-'));
  execFileSync('pdftoppm', ['-gray', '-r', String(dpi), path, join(dir, 'p')]);
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.pgm'))
    .sort((a, b) => Number(/(\d+)\.pgm$/.exec(a)![1]) - Number(/(\d+)\.pgm$/.exec(b)![1]));
  const mmPerPx = 25.4 / dpi;
  return files.map((f) => {
    const buf = readFileSync(join(dir, f));
    // P5 header: "P5\n<w> <h>\n255\n" (pdftoppm writes no comments).
    const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(buf.subarray(0, 64).toString('latin1'));
    if (!header) throw new Error(`not a PGM: ${f}`);
    const w = Number(header[1]);
    const h = Number(header[2]);
    const data = buf.subarray(header[0].length);
    const isDark = (x: number, y: number) => data[y * w + x]! < threshold;
    const scan = (r: { x0: number; y0: number; x1: number; y1: number }): Box | null => {
      let x0 = Infinity;
      let y0 = Infinity;
      let x1 = -Infinity;
      let y1 = -Infinity;
      for (let y = Math.max(0, r.y0); y < Math.min(h, r.y1); y++) {
        for (let x = Math.max(0, r.x0); x < Math.min(w, r.x1); x++) {
          if (!isDark(x, y)) continue;
          if (x < x0) x0 = x;
          if (x > x1) x1 = x;
          if (y < y0) y0 = y;
          if (y > y1) y1 = y;
        }
      }
      return x1 < 0 ? null : { x0: x0 * mmPerPx, y0: y0 * mmPerPx, x1: (x1 + 1) * mmPerPx, y1: (y1 + 1) * mmPerPx };
    };
    return {
      widthMm: w * mmPerPx,
      heightMm: h * mmPerPx,
      mmPerPx,
      box: scan({ x0: 0, y0: 0, x1: w, y1: h }),
      dark: (xMm: number, yMm: number) => {
        const x = Math.floor(xMm / mmPerPx);
        const y = Math.floor(yMm / mmPerPx);
        return x >= 0 && y >= 0 && x < w && y < h && isDark(x, y);
      },
      boxIn: (b: Box) =>
        scan({ x0: Math.floor(b.x0 / mmPerPx), y0: Math.floor(b.y0 / mmPerPx), x1: Math.ceil(b.x1 / mmPerPx), y1: Math.ceil(b.y1 / mmPerPx) }),
    };
  });
}

/** "— 12 —" as printed (pdftotext may split it into words). */
export /** x positions (mm) of the vertical rules: pixel columns dark over (nearly) the whole span y0..y1. */
function verticalRules(ink: InkPage, x0: number, x1: number, y0: number, y1: number): number[] {
  const step = ink.mmPerPx;
  const hits: number[] = [];
  for (let x = x0; x <= x1; x += step) {
    let dark = 0;
    let all = 0;
    for (let y = y0; y <= y1; y += step) {
      all++;
      if (ink.dark(x, y)) dark++;
    }
    if (dark / all > 0.97) hits.push(x);
  }
  // Adjacent pixel columns are one rule: its centre.
  const rules: number[] = [];
  let run: number[] = [];
  for (const x of hits) {
    if (run.length && x - run[run.length - 1]! > step * 1.5) {
      rules.push((run[0]! + run[run.length - 1]!) / 2);
      run = [];
    }
    run.push(x);
  }
  if (run.length) rules.push((run[0]! + run[run.length - 1]!) / 2);
  return rules;
}

export const PAGE_NUMBER_RE = /^[—-]\s*(\d+)\s*[—-]$/;

/** The page-number line of a page, if any: its text box and the number. */
export function pageNumberOf(p: PdfPage): { box: Box; n: number } | null {
  for (const line of textLines(p.words)) {
    const m = PAGE_NUMBER_RE.exec(lineText(line));
    if (m) {
      return {
        n: Number(m[1]),
        box: { x0: line[0]!.x0, y0: Math.min(...line.map((w) => w.y0)), x1: line[line.length - 1]!.x1, y1: Math.max(...line.map((w) => w.y1)) },
      };
    }
  }
  return null;
}
