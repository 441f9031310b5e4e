import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, test } from 'vitest';
import { concat } from '@shared/backup-format';
import { zipDigests } from '../../../../renderer/features/filing/zip-digests';
import { bytesAsFile } from '../../../fixtures/readable-file';
import { ZipWriter } from '../../../../renderer/features/filing/zip-writer';
import type { ReadableFile } from '../../../../renderer/platform/types';

// 校验归档包 reads a package of gigabytes of scans by range, hashing each file as it streams
// (issue #6's check, made streaming): the digests must be those of the files' bytes, whatever
// their compression, and no read may ask for the whole file.

const hex = (b: Uint8Array) => bytesToHex(sha256(b));

/** Bytes that do not compress (a scan): `n` of them from a seeded generator. */
function scan(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

async function written(files: { path: string; bytes: Uint8Array; compress: boolean; chunked?: boolean }[]): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  const zip = new ZipWriter(async (c) => {
    parts.push(c.slice());
  });
  for (const f of files) {
    if (f.chunked) {
      const chunks = async function* () {
        for (let at = 0; at < f.bytes.length; at += 700_000) yield f.bytes.subarray(at, at + 700_000);
      };
      await zip.addStream(f.path, chunks());
    } else await zip.add(f.path, f.bytes, f.compress);
  }
  await zip.end();
  return concat(parts);
}

/** The file, with every read it is asked for noted. */
function watched(name: string, data: Uint8Array): { file: ReadableFile; reads: number[] } {
  const inner = bytesAsFile(name, data);
  const reads: number[] = [];
  return { file: { ...inner, read: (offset, length) => ((reads.push(length), inner.read(offset, length))) }, reads };
}

describe('zipDigests: a package read by range', () => {
  test('every file’s size and SHA-256, deflated, stored and streamed alike, folders left out; the asked-for file kept whole', async () => {
    const manifest = strToU8(JSON.stringify({ files: ['a', 'b'] }, null, 2));
    const json = strToU8('{"标题":"关于做好年终财务决算工作的通知"}'.repeat(2000));
    const big = scan(2_600_000, 7);
    const data = await written([
      { path: 'items/2026-Y-BGS-0001.json', bytes: json, compress: true },
      { path: 'items/2026-Y-BGS-0001/附件1.pdf', bytes: big, compress: false, chunked: true },
      { path: 'catalogue.xlsx', bytes: scan(5000, 3), compress: false },
      { path: 'empty.txt', bytes: new Uint8Array(0), compress: true },
      { path: 'manifest.json', bytes: manifest, compress: true },
    ]);
    const { file, reads } = watched('p.zip', data);
    const r = (await zipDigests(file, (p) => p === 'manifest.json'))!;
    expect([...r.digests.keys()].sort()).toEqual(['catalogue.xlsx', 'empty.txt', 'items/2026-Y-BGS-0001.json', 'items/2026-Y-BGS-0001/附件1.pdf', 'manifest.json']);
    expect(r.digests.get('items/2026-Y-BGS-0001.json')).toEqual({ bytes: json.length, sha256: hex(json) });
    expect(r.digests.get('items/2026-Y-BGS-0001/附件1.pdf')).toEqual({ bytes: big.length, sha256: hex(big) });
    expect(r.digests.get('empty.txt')).toEqual({ bytes: 0, sha256: hex(new Uint8Array(0)) });
    expect([...r.kept.keys()]).toEqual(['manifest.json']);
    expect(r.kept.get('manifest.json')).toEqual(manifest);
    // Never the whole file at once: slices of at most 1 MiB (the 2.6 MB scan took three).
    expect(Math.max(...reads)).toBeLessThanOrEqual(1 << 20);
    expect(reads.filter((n) => n === 1 << 20).length).toBe(2);

    // fflate's own zip (folder entries, names in UTF-8) reads the same.
    const other = zipSync({ 'dir/': new Uint8Array(0), 'dir/说明.txt': strToU8('归档说明'), 'x.bin': [scan(3000, 1), { level: 0 }] });
    const o = (await zipDigests(bytesAsFile('o.zip', other)))!;
    expect([...o.digests.keys()].sort()).toEqual(['dir/说明.txt', 'x.bin']);
    expect(o.digests.get('dir/说明.txt')!.sha256).toBe(hex(strToU8('归档说明')));
  });

  test('not a zip, cut short, a directory pointing outside, or damaged deflate data: null, nothing thrown', async () => {
    const data = await written([
      { path: 'a.json', bytes: strToU8('{"x":1}'.repeat(3000)), compress: true },
      { path: 'manifest.json', bytes: strToU8('{}'), compress: true },
    ]);
    expect(await zipDigests(bytesAsFile('x.zip', strToU8('hello')))).toBeNull();
    expect(await zipDigests(bytesAsFile('cut.zip', data.subarray(0, data.length - 30)))).toBeNull();
    expect(await zipDigests(bytesAsFile('cut.zip', data.subarray(data.length - 200)))).toBeNull();
    // The end record's directory offset moved past the file.
    const moved = data.slice();
    const end = moved.length - 22;
    new DataView(moved.buffer).setUint32(end + 16, moved.length + 10, true);
    expect(await zipDigests(bytesAsFile('moved.zip', moved))).toBeNull();
    // The deflate stream of a.json cut to garbage in the middle.
    const damaged = data.slice();
    for (let i = 60; i < 90; i++) damaged[i] = 0xff;
    const d = await zipDigests(bytesAsFile('damaged.zip', damaged));
    // Either unreadable, or read to other bytes than a.json's: never its digest.
    if (d) expect(d.digests.get('a.json')?.sha256).not.toBe(hex(strToU8('{"x":1}'.repeat(3000))));
  });

  test('reports the compressed bytes read of all, and stops before the next read when cancelled', async () => {
    const data = await written([
      { path: 'a.pdf', bytes: scan(2_500_000, 5), compress: false, chunked: true },
      { path: 'b.pdf', bytes: scan(1_500_000, 6), compress: false, chunked: true },
      { path: 'manifest.json', bytes: strToU8('{}'), compress: true },
    ]);
    const seen: [number, number][] = [];
    await zipDigests(bytesAsFile('p.zip', data), undefined, { onProgress: (done, total) => seen.push([done, total]) });
    const total = seen[0]![1];
    expect(total).toBeGreaterThanOrEqual(4_000_000);
    expect(seen.at(-1)).toEqual([total, total]);
    expect(seen.every(([d], i) => i === 0 || d > seen[i - 1]![0])).toBe(true);

    // 取消 after the first slice: rejected with the abort, no more bytes read.
    const controller = new AbortController();
    const { file, reads } = watched('p.zip', data);
    const stopped = zipDigests(file, undefined, { signal: controller.signal, onProgress: () => controller.abort() });
    await expect(stopped).rejects.toMatchObject({ name: 'AbortError' });
    const bigReads = reads.filter((n) => n === 1 << 20);
    expect(bigReads).toHaveLength(1);
  });
});

