import { describe, expect, it } from 'vitest';
import { imprintSpacer, type FlowBlock } from '../../../../renderer/print/imprint-placement';

// Where the 版记 goes: the spacer before it puts it at the bottom of the last page (pages of 100,
// lines of 10 here, so the arithmetic is easy to follow).

const P = 100;
const L = 10;
const lines = (n: number, marginTop = 0): FlowBlock => ({ marginTop, height: n * L, breakable: true });
const block = (height: number, marginTop = 0): FlowBlock => ({ marginTop, height, breakable: false });

describe('imprintSpacer', () => {
  it('on one page: the gap under the text less the 版记 (and a pixel of slack)', () => {
    expect(imprintSpacer([block(35), lines(3, 10)], P, L, 20)).toBe(100 - 75 - 20 - 1);
  });

  it('a paragraph split over pages counts whole lines on each; the 版记 goes under the last line', () => {
    // 35 + 6 lines fill page 1 (95); 9 lines remain: 4 + 5 … 10 lines a page → page 2 holds 9 (90).
    expect(imprintSpacer([block(35), lines(15)], P, L, 5)).toBe(100 - 90 - 5 - 1);
  });

  it('an unbreakable block that does not fit moves to the next page and drops its top margin', () => {
    // 9 lines (90), then a block of 20 with margin 10: moves to page 2, at 0–20.
    expect(imprintSpacer([lines(9), block(20, 10)], P, L, 30)).toBe(100 - 20 - 30 - 1);
  });

  it('a 版记 taller than the gap goes to the bottom of the next page', () => {
    // The text ends at 90; a 版记 of 30: the rest of page 1 (10) and page 2 down to 100 − 30.
    expect(imprintSpacer([lines(9)], P, L, 30)).toBe(10 + 100 - 30 - 1);
  });
});
