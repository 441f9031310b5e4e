import type { ProjectionEntry } from './projection';

// The substring scan of a projection's search text (issue #18). `text.includes(needle)` on each
// of 100,000 entries costs ~11 ms, most of it the call per short string; the same texts joined
// into one string per block of entries, searched with one indexOf loop per block, cost ~1.5 ms
// (a bigram bitmap per block was not needed: the joined scan is no longer the search's cost).
// A match is mapped back to its entry by the block's offsets, and the scan resumes at the next
// entry's start, so each matching entry is found once, in the projection's order.
//
// It mirrors the projection's Map (its order: an entry replaced keeps its place, a new one goes
// last): a delta replaces one entry and only its block's string is joined again, on the next
// search; a reload drops everything and the first search joins it all (~40 ms at 100,000).

/** Entries per block: small enough that a changed entry re-joins little, large enough to scan in long runs. */
export const SCAN_BLOCK = 2048;

/** Joins texts with this; search needles never hold it (normalizeForSearch drops whitespace). */
const SEPARATOR = '\n';

interface Block<E> {
  entries: E[];
  /** The entries' texts joined by SEPARATOR; null until (re)joined by the next search. */
  text: string | null;
  /** Where each entry's text starts in `text`, and one past the end. */
  starts: Int32Array | null;
}

export class TextScan<E extends ProjectionEntry> {
  private blocks: Block<E>[] = [];
  /** id → position in the projection's order (block = position / SCAN_BLOCK). */
  private positions = new Map<string, number>();
  private built = false;

  /** `textOf`: the entry's normalised search text; a needle matches the entry iff this contains it. */
  constructor(private readonly textOf: (e: E) => string) {}

  /** Forgets everything: the next search builds it again from the projection's entries. */
  invalidate(): void {
    this.blocks = [];
    this.positions = new Map();
    this.built = false;
  }

  /** An entry added (last) or replaced (in place), as the projection's Map.set does. */
  set(e: E): void {
    if (!this.built) return; // built from the entries on the next search
    const at = this.positions.get(e.id);
    if (at !== undefined) {
      const block = this.blocks[Math.floor(at / SCAN_BLOCK)]!;
      block.entries[at % SCAN_BLOCK] = e;
      block.text = null;
      return;
    }
    this.append(e);
  }

  private append(e: E): void {
    const at = this.positions.size;
    this.positions.set(e.id, at);
    let block = this.blocks[this.blocks.length - 1];
    if (!block || block.entries.length === SCAN_BLOCK) {
      block = { entries: [], text: null, starts: null };
      this.blocks.push(block);
    }
    block.entries.push(e);
    block.text = null;
  }

  /** Builds and joins every block now (after a load, so the first search does not pay for it). */
  prepare(entries: ReadonlyMap<string, E>): void {
    if (!this.built || this.positions.size !== entries.size) this.build(entries);
    for (const block of this.blocks) this.join(block);
  }

  private build(entries: ReadonlyMap<string, E>): void {
    this.invalidate();
    for (const e of entries.values()) this.append(e);
    this.built = true;
  }

  private join(block: Block<E>): { text: string; starts: Int32Array } {
    if (block.text !== null && block.starts) return { text: block.text, starts: block.starts };
    const starts = new Int32Array(block.entries.length + 1);
    const parts: string[] = new Array<string>(block.entries.length);
    let at = 0;
    for (let i = 0; i < block.entries.length; i++) {
      const t = this.textOf(block.entries[i]!);
      starts[i] = at;
      parts[i] = t;
      at += t.length + SEPARATOR.length;
    }
    starts[block.entries.length] = at;
    block.text = parts.join(SEPARATOR);
    block.starts = starts;
    return { text: block.text, starts };
  }

  /**
   * The entries of `entries` (the projection's Map this scan mirrors) whose text contains `needle`,
   * in the Map's order: exactly `[...entries.values()].filter((e) => textOf(e).includes(needle))`.
   */
  containing(needle: string, entries: ReadonlyMap<string, E>): E[] {
    // A Map changed behind the scan's back (it only grows or replaces in place) is caught by its size.
    if (!this.built || this.positions.size !== entries.size) this.build(entries);
    const out: E[] = [];
    if (needle === '' || needle.includes(SEPARATOR)) {
      for (const e of entries.values()) if (this.textOf(e).includes(needle)) out.push(e);
      return out;
    }
    for (const block of this.blocks) {
      const { text, starts } = this.join(block);
      const n = block.entries.length;
      let i = 0;
      let pos = text.indexOf(needle);
      while (pos !== -1) {
        // The entry holding `pos`: the last start ≤ pos, searched from the entry after the previous match.
        let hi = n;
        while (hi - i > 1) {
          const mid = (i + hi) >> 1;
          if (starts[mid]! <= pos) i = mid;
          else hi = mid;
        }
        out.push(block.entries[i]!);
        if (++i >= n) break;
        pos = text.indexOf(needle, starts[i]!);
      }
    }
    return out;
  }
}

/**
 * `items.sort(cmp).slice(offset, offset + limit)` (a stable sort) without sorting every item: a
 * list shows one page of thousands of hits, so only the first offset + limit are kept in order,
 * each placed after its equals (so ties keep the items' order, as the stable sort does). Pages
 * far in fall back to the sort. `items` is not changed.
 */
export function sortedPage<T>(items: readonly T[], cmp: (a: T, b: T) => number, offset: number, limit: number): T[] {
  const k = Math.min(items.length, offset + limit);
  if (k <= 0) return [];
  if (k * 8 > items.length) return [...items].sort(cmp).slice(offset, k);
  const top: T[] = [];
  for (const x of items) {
    if (top.length === k && cmp(top[k - 1]!, x) <= 0) continue;
    // First place whose item sorts after x: x goes after every equal item already kept.
    let lo = 0;
    let hi = top.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cmp(top[mid]!, x) <= 0) lo = mid + 1;
      else hi = mid;
    }
    top.splice(lo, 0, x);
    if (top.length > k) top.pop();
  }
  return top.slice(offset, k);
}
