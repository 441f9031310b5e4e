import { PAGE_MARGINS } from '../../renderer/print/page-geometry';
import { lineText, textLines, type PdfPage, type Word } from './pdf-geometry';

// Reading the 发文稿纸 off a printed PDF (issue #16), shared by the print proofs
// (print-outgoing.e2e.ts) and the slip printed from the app (outgoing.e2e.ts).

export const squash = (s: string) => s.replace(/\s+/g, '');
export const centre = (w: Word) => ({ x: (w.x0 + w.x1) / 2, y: (w.y0 + w.y1) / 2 });

/** The slip's row labels in the order of DOMAIN.md §10. */
export const SLIP_LABELS = ['签发', '会签', '核稿', '主办单位', '拟稿', '标题', '主送', '抄送', '密级', '紧急程度', '印制份数', '附件', '文号', '公开属性'];

/** Words of the slip's label column (x 28–51 mm) and of the two inner label columns, as labels in reading order. */
export function slipLabels(p: PdfPage): { text: string; y: number; x: number }[] {
  const [, , , left] = PAGE_MARGINS.portrait;
  // Label columns: 23 mm at x 28, 91 (28+23+40) and 144 (91+23+30); 公开属性 in the 30 mm at x 114.
  const columns: [number, number][] = [
    [left, 23],
    [left + 63, 23],
    [left + 86, 30],
    [left + 116, 23],
  ];
  const labels: { text: string; y: number; x: number }[] = [];
  for (const [x0, width] of columns) {
    const words = p.words.filter((w) => w.x0 >= x0 - 0.3 && w.x1 <= x0 + width + 0.3);
    for (const line of textLines(words)) {
      const text = lineText(line);
      if (SLIP_LABELS.includes(text)) labels.push({ text, y: centre(line[0]!).y, x: x0 });
    }
  }
  return labels.sort((a, b) => a.y - b.y || a.x - b.x);
}

/** 分发签收单 column edges (mm from the page's left): 序号 10, 收文单位 47, 份数 10, 份号 18, 签收人 26, 签收日期 31, 备注 14 from x 28. */
export const RECEIPT_EDGES = [10, 47, 10, 18, 26, 31, 14].reduce<number[]>((xs, w) => [...xs, xs[xs.length - 1]! + w], [PAGE_MARGINS.portrait[3]]);
