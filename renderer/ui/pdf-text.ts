import { scanSuggestions, type ScanSuggestions } from '@shared/domain/scan-text';
import { loadPdfJs, pdfParams } from './pdfjs';

// 从扫描件识别: reads the text layer of a PDF's first page with pdf.js (loaded lazily) and returns
// what the registration form may offer (shared/domain/scan-text.ts). A scan with no text layer (a
// plain image PDF) gives no lines and so no offers: nothing is guessed.

export type { ScanSuggestions };

interface TextPiece {
  str: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The page's text pieces grouped into lines, top to bottom, left to right. */
export function linesOf(pieces: readonly TextPiece[]): string[] {
  const sorted = pieces.filter((p) => p.str.trim()).sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: { y: number; h: number; parts: TextPiece[] }[] = [];
  for (const p of sorted) {
    const h = Math.max(p.height, 1);
    // Same line: baselines within half a character's height.
    const line = lines.find((l) => Math.abs(l.y - p.y) < Math.max(l.h, h) / 2);
    if (line) line.parts.push(p);
    else lines.push({ y: p.y, h, parts: [p] });
  }
  return lines
    .sort((a, b) => b.y - a.y)
    .map((l) => {
      const parts = l.parts.sort((a, b) => a.x - b.x);
      let text = '';
      let end = -Infinity;
      for (const p of parts) {
        // A gap wider than a character is a space on paper (e.g. 机关 and 发文字号 on one line).
        if (text && p.x - end > Math.max(p.height, 1)) text += ' ';
        text += p.str;
        end = p.x + p.width;
      }
      return text.trim();
    })
    .filter(Boolean);
}

/** The first page's lines of text; [] when the PDF has no text layer. */
export async function firstPageLines(data: Uint8Array): Promise<string[]> {
  const pdfjs = await loadPdfJs();
  // pdf.js takes over the buffer it is given: hand it a copy, the caller keeps the file.
  const doc = await pdfjs.getDocument(pdfParams(data.slice())).promise;
  try {
    const page = await doc.getPage(1);
    const content = await page.getTextContent();
    const pieces: TextPiece[] = [];
    for (const item of content.items) {
      if (!('str' in item)) continue;
      const [, , , , x = 0, y = 0] = item.transform as number[];
      pieces.push({ str: item.str, x, y, width: item.width, height: item.height });
    }
    return linesOf(pieces);
  } finally {
    await doc.loadingTask.destroy();
  }
}

/** 标题 candidates and a 发文字号 from a PDF's first page (nothing when it has no text layer). */
export async function readScanSuggestions(data: Uint8Array): Promise<ScanSuggestions> {
  return scanSuggestions(await firstPageLines(data));
}
