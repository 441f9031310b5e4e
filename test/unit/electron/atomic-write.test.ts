import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { atomicWriteFile } from '../../../electron/atomic-write';
import { failingMidWrite, failingRename, failingSync } from './fs-faults';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'wenshu-atomic-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const bytes = (text: string) => new TextEncoder().encode(text);
describe('atomicWriteFile', () => {
  it('writes a new file and leaves nothing else in the directory', async () => {
    const dest = path.join(dir, '收文登记簿.xlsx');
    await atomicWriteFile(dest, bytes('complete'));
    expect(await readFile(dest, 'utf8')).toBe('complete');
    expect(await readdir(dir)).toEqual(['收文登记簿.xlsx']);
  });

  it('replaces an existing file completely', async () => {
    const dest = path.join(dir, 'out.pdf');
    await writeFile(dest, 'old contents that are longer than the new');
    await atomicWriteFile(dest, bytes('new'));
    expect(await readFile(dest, 'utf8')).toBe('new');
    expect(await readdir(dir)).toEqual(['out.pdf']);
  });

  it.each([
    ['a write failing midway', failingMidWrite],
    ['fsync failing', failingSync],
    ['rename failing', failingRename],
  ])('after %s: no new file and no temp file', async (_name, fs) => {
    const dest = path.join(dir, 'new.xlsx');
    await expect(atomicWriteFile(dest, bytes('x'.repeat(10_000)), fs())).rejects.toThrow();
    expect(await readdir(dir)).toEqual([]);
  });

  it.each([
    ['a write failing midway', failingMidWrite],
    ['fsync failing', failingSync],
    ['rename failing', failingRename],
  ])('after %s: the existing file is unchanged and no temp file remains', async (_name, fs) => {
    const dest = path.join(dir, 'backup.json');
    await writeFile(dest, 'previous good backup');
    await expect(atomicWriteFile(dest, bytes('y'.repeat(10_000)), fs())).rejects.toThrow();
    expect(await readFile(dest, 'utf8')).toBe('previous good backup');
    expect(await readdir(dir)).toEqual(['backup.json']);
  });

  it('a real rename failure (destination is a directory) leaves it and no temp file', async () => {
    const dest = path.join(dir, 'taken');
    await mkdir(dest);
    await writeFile(path.join(dest, 'inside.txt'), 'keep');
    await expect(atomicWriteFile(dest, bytes('z'))).rejects.toThrow();
    expect(await readdir(dir)).toEqual(['taken']);
    expect(await readFile(path.join(dest, 'inside.txt'), 'utf8')).toBe('keep');
  });

  it('fails cleanly when the directory does not exist', async () => {
    await expect(atomicWriteFile(path.join(dir, 'missing', 'a.pdf'), bytes('a'))).rejects.toThrow();
    expect(await readdir(dir)).toEqual([]);
  });
});
