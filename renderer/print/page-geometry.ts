// A4 page geometry of every print, in mm. No imports: features and pure layout code (e.g.
// register-layout.ts) read it without pulling in the print font's CSS that print-styles.ts brings.

export type PageOrientation = 'portrait' | 'landscape';

/** Page margins in mm: top, right, bottom, left. */
export type PageMargins = readonly [number, number, number, number];

/**
 * Portrait follows GB/T 9704 (DOMAIN.md §8): top 37, left 28, text block 156×225 mm, so right 26
 * and bottom 35. Landscape is for registers (登记簿, 目录, 通报): equal side margins of 15 mm, so a
 * table sits centred on the sheet (issue #15), the text block 267 mm wide as before; 15 mm on top
 * and 18 mm below, where the page number "— N —" (4号, about 5 mm) sits 4 mm under the text block
 * and still 9 mm clear of the paper's edge, inside what any office printer can reach.
 */
export const PAGE_MARGINS: Record<PageOrientation, PageMargins> = {
  portrait: [37, 26, 35, 28],
  landscape: [15, 15, 18, 15],
};

export const PAGE_SIZE_MM: Record<PageOrientation, readonly [number, number]> = {
  portrait: [210, 297],
  landscape: [297, 210],
};

/**
 * The text block (版心) in mm, width × height: the page less its margins. Every table of a print
 * must fit TEXT_BLOCK_MM[orientation].width exactly (table-layout fixed, widths adding up to it):
 * portrait 156 × 225, landscape 267 × 177.
 */
export const TEXT_BLOCK_MM: Record<PageOrientation, { width: number; height: number }> = {
  portrait: textBlock('portrait'),
  landscape: textBlock('landscape'),
};

function textBlock(orientation: PageOrientation): { width: number; height: number } {
  const [top, right, bottom, left] = PAGE_MARGINS[orientation];
  const [w, h] = PAGE_SIZE_MM[orientation];
  return { width: w - left - right, height: h - top - bottom };
}

/** Label sheets fill the page edge to edge: a page of their own, margins 0, no page number. */
export const LABELS_PAGE = 'ws-a4-labels';
export const LABELS_PAGE_MARGINS: PageMargins = [0, 0, 0, 0];
