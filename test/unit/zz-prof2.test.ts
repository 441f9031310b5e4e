import { test } from 'vitest';
import { makeIncoming } from '../bench/seed-incoming';
import { toIndexEntry, type IncomingIndexEntry } from '../../renderer/db/incoming/incoming-index';
import { normalizeForSearch } from '../../shared/domain/search-text';
import { prng } from '../fixtures/prng';

function buildBlocks(entries: IncomingIndexEntry[], size: number) {
  const blocks: { text: string; starts: Int32Array; entries: IncomingIndexEntry[] }[] = [];
  for (let b = 0; b < entries.length; b += size) {
    const es = entries.slice(b, b + size);
    const starts = new Int32Array(es.length + 1);
    let pos = 0;
    const parts: string[] = [];
    es.forEach((e, i) => { starts[i] = pos; parts.push(e.text); pos += e.text.length + 1; });
    starts[es.length] = pos;
    blocks.push({ text: parts.join('\n'), starts, entries: es });
  }
  return blocks;
}
function scan(blocks: ReturnType<typeof buildBlocks>, needle: string, out: IncomingIndexEntry[]) {
  for (const b of blocks) {
    const { text, starts, entries } = b;
    let pos = text.indexOf(needle);
    let lo = 0;
    while (pos !== -1) {
      // find i with starts[i] <= pos < starts[i+1], searching from lo
      let hi = entries.length;
      while (hi - lo > 1) { const mid = (lo + hi) >> 1; if (starts[mid]! <= pos) lo = mid; else hi = mid; }
      out.push(entries[lo]!);
      lo += 1;
      if (lo >= entries.length) break;
      pos = text.indexOf(needle, starts[lo]!);
    }
  }
}

test('prof2', () => {
  const recs = makeIncoming(100_000);
  const entries = recs.map(toIndexEntry);
  const titles = recs.map((r) => r.title);
  const r = prng(7);
  const queries: string[] = [];
  for (let i = 0; i < 30; i++) {
    const title = titles[Math.floor(r() * titles.length)]!;
    const len = 1 + (i % 8);
    const start = Math.floor(r() * Math.max(1, title.length - len));
    queries.push(normalizeForSearch(title.slice(start, start + len)));
  }
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
  console.log('avg len', entries.reduce((n, e) => n + e.text.length, 0) / entries.length);
  for (const size of [256, 1024, 4096, 100_000]) {
    const t0 = performance.now();
    const blocks = buildBlocks(entries, size);
    const build = performance.now() - t0;
    for (let round = 0; round < 2; round++) {
      const ts: number[] = [];
      for (const q of queries) {
        const t = performance.now();
        const out: IncomingIndexEntry[] = [];
        scan(blocks, q, out);
        ts.push(performance.now() - t);
        if (round === 0 && size === 1024) {
          let c = 0; for (const e of entries) if (e.text.includes(q)) c++;
          if (c !== out.length) throw new Error(`${q} ${c} ${out.length}`);
        }
      }
      console.log(size, 'build', build.toFixed(1), 'scan median', med(ts).toFixed(2), 'max', Math.max(...ts).toFixed(2), ts.map((x) => x.toFixed(1)).join(' '));
    }
  }
});
