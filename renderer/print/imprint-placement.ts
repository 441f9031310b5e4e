// Where the 版记 goes (GB/T 9704 §7.4.2, DOMAIN.md §8): at the bottom of the last page's text
// block, not right after the text. CSS cannot say "the bottom of the last page" (there is no
// @page :last, and Chromium has no page floats), so the flow is paginated here the way Chromium
// will: an unbreakable block (版头, an attendance line) moves whole to the next page when it does
// not fit, a 正文 paragraph splits between its lines (orphans and widows 1, as the print CSS sets),
// and a margin at the top of a page is dropped. The gap left on the last page, less the 版记's
// height, is the height of the spacer put before the 版记.

export interface FlowBlock {
  /** Margin above the block (px); dropped when the block starts a page. */
  marginTop: number;
  height: number;
  /** A 正文 paragraph: may split between its lines. */
  breakable: boolean;
}

/** Keeps the 版记 clear of rounding, so it never spills onto a page of its own. */
const SLACK_PX = 1;

/**
 * The spacer height (px) that puts a block of `imprintHeight` at the bottom of the last page,
 * for blocks laid out on pages of `pageHeight` with lines of `lineHeight`. When the 版记 does
 * not fit under the text, it goes to the bottom of the next page.
 */
export function imprintSpacer(blocks: readonly FlowBlock[], pageHeight: number, lineHeight: number, imprintHeight: number): number {
  let y = 0;
  for (const b of blocks) {
    const margin = y === 0 ? 0 : b.marginTop;
    if (!b.breakable || lineHeight <= 0) {
      if (y > 0 && y + margin + b.height > pageHeight) y = b.height;
      else y += margin + b.height;
      continue;
    }
    y += margin;
    let lines = Math.max(1, Math.round(b.height / lineHeight));
    while (lines > 0) {
      const fit = Math.floor((pageHeight - y) / lineHeight + 1e-6);
      if (fit <= 0) {
        y = 0;
        continue;
      }
      const n = Math.min(fit, lines);
      y += n * lineHeight;
      lines -= n;
      if (lines > 0) y = 0;
    }
  }
  const rest = pageHeight - y;
  const onThisPage = rest - imprintHeight - SLACK_PX;
  return onThisPage >= 0 ? onThisPage : rest + pageHeight - imprintHeight - SLACK_PX;
}

/** The blocks of a rendered 纪要 flow: each child, and each paragraph of a section marked data-flow="lines" or "blocks". */
export function flowBlocks(flow: HTMLElement): FlowBlock[] {
  const blocks: FlowBlock[] = [];
  const margin = (el: Element) => parseFloat(getComputedStyle(el).marginTop) || 0;
  for (const child of Array.from(flow.children)) {
    const kind = (child as HTMLElement).dataset.flow;
    if (kind === 'lines' || kind === 'blocks') {
      Array.from(child.children).forEach((p, i) => {
        blocks.push({ marginTop: (i === 0 ? margin(child) : 0) + margin(p), height: p.getBoundingClientRect().height, breakable: kind === 'lines' });
      });
    } else {
      blocks.push({ marginTop: margin(child), height: child.getBoundingClientRect().height, breakable: false });
    }
  }
  return blocks;
}
