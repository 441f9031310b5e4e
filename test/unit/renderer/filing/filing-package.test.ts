import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, test } from 'vitest';
import { concat } from '@shared/backup-format';
import { fileRecords } from '../../../../renderer/db/repositories/filing';
import { checkFilingPackage, exportFilingPackage } from '../../../../renderer/features/filing/filing-package-runner';
import { MAX_KEPT_BYTES } from '../../../../renderer/features/filing/zip-digests';
import { bytesAsFile } from '../../../fixtures/readable-file';
import type { Platform } from '../../../../renderer/platform/types';
import { encodeManifest, filingManifestSchema, sha256Hex, verifyFilingPackage } from '../../../../shared/domain/filing-package';
import { filingOffice, finishedIncoming, issuedMeeting } from '../../../fixtures/filing';
import { RuleError } from '@shared/domain/rule-error';
import { send } from '../../../../renderer/db/commands/client';
import type { AttachmentMeta } from '../../../../shared/domain/attachment-types';
import { jpgFile, pdfFile, sha256Of } from '../../../fixtures/attachment-files';

/** A package's files, path → bytes (folders are not files), to look inside or tamper with. */
function readZip(data: Uint8Array): Map<string, Uint8Array> {
  return new Map(Object.entries(unzipSync(data)).filter(([name]) => !name.endsWith('/')));
}

// 归档包 (issue #6): a year's filing exported as one zip through the platform, and checked again:
// every listed file present with its SHA-256, nothing added, the manifest the one this PC logged.

const T_FILE = new Date(2026, 11, 1, 10, 0);
const T_EXPORT = new Date(2026, 11, 1, 15, 30, 5);

/** A web-build platform whose downloads stay in memory (`cancel`: the save dialog is closed). */
function memoryPlatform(cancel = false) {
  const files = new Map<string, Uint8Array>();
  const open = new Map<string, { name: string; parts: Uint8Array[] }>();
  const aborted: string[] = [];
  const p: Platform = {
    canMakePdf: false,
    canChooseFolder: false,
    canTellPrintCancelled: false,
    auditAnchor: null,
    secrets: null,
    lan: null,
    saveFile: async () => ({ saved: false }),
    openFile: async () => null,
    openFileForReading: async () => null,
    printToPdf: async () => ({ kind: 'dialog' }),
    print: async () => ({ kind: 'dialog' }),
    chooseBackupFolder: async () => ({ chosen: false, reason: 'unsupported' }),
    backupFolder: async () => null,
    beginWrite: async (req) => {
      if (cancel) return { started: false, reason: 'cancelled' };
      open.set('h', { name: req.suggestedName, parts: [] });
      return { started: true, handle: 'h', path: req.suggestedName };
    },
    appendWrite: async (h, data) => void open.get(h)!.parts.push(data.slice()),
    finishWrite: async (h) => {
      const f = open.get(h)!;
      open.delete(h);
      files.set(f.name, concat(f.parts));
      return { path: f.name, removed: [] };
    },
    abortWrite: async (h) => {
      aborted.push(h);
      open.delete(h);
    },
  };
  return { platform: p, files, aborted };
}

/** An office with 2026 filed: three 收文 in two classes and one 纪要. */
async function filedYear() {
  const office = await filingOffice();
  const { db, clerk, dept, cwk } = office;
  const a = await finishedIncoming(db, clerk, { id: dept.id, name: dept.name }, { writtenDate: '2026-03-02' });
  const b = await finishedIncoming(db, clerk, { id: cwk.id, name: cwk.name }, { writtenDate: '2026-04-01' });
  const c = await finishedIncoming(db, clerk, { id: cwk.id, name: cwk.name }, { writtenDate: '2026-05-01' });
  const m = await issuedMeeting(db, clerk);
  await fileRecords(
    db,
    clerk,
    2026,
    [
      { kind: '收文', recordId: a.id, orgCode: 'BGS', retention: '永久' },
      { kind: '收文', recordId: b.id, orgCode: 'CWK', retention: '定期10年' },
      { kind: '收文', recordId: c.id, orgCode: 'CWK', retention: '定期10年' },
      { kind: '纪要', recordId: m.id, orgCode: 'BGS', retention: '永久', pages: 2 },
    ],
    T_FILE,
  );
  return { ...office, a, m };
}

async function exported() {
  const office = await filedYear();
  const fake = memoryPlatform();
  const progress: string[] = [];
  const result = await exportFilingPackage(office.db, office.clerk, fake.platform, 2026, (p) => progress.push(`${p.done}/${p.total}`), T_EXPORT);
  const name = '归档包-Z109-2026-20261201-153005.zip';
  const zip = fake.files.get(name);
  if (!result || !zip) throw new Error('no package written');
  return { ...office, result, zip, name, progress };
}

describe('导出归档包', { timeout: 60_000 }, () => {
  test('one zip: catalogue.xlsx, a JSON per 件 with its history, and a manifest hashing every file; logged with the manifest hash', async () => {
    const { db, result, zip, progress, a } = await exported();
    const files = readZip(zip);
    expect([...files.keys()].sort()).toEqual([
      'catalogue.xlsx',
      'items/2026-D10-CWK-0001.json',
      'items/2026-D10-CWK-0002.json',
      'items/2026-Y-BGS-0001.json',
      'items/2026-Y-BGS-0002.json',
      'manifest.json',
    ]);
    expect(progress.at(-1)).toBe('6/6');
    const manifest = filingManifestSchema.parse(JSON.parse(strFromU8(files.get('manifest.json')!)));
    expect(manifest).toMatchObject({ format: 'wenshu-filing-package', year: 2026, unit: { fondsCode: 'Z109' }, pdf: false, createdBy: { name: 'clerk' } });
    expect(manifest.items.map((i) => i.archiveCode)).toEqual(['Z109-WS·2026-D10-CWK-0001', 'Z109-WS·2026-D10-CWK-0002', 'Z109-WS·2026-Y-BGS-0001', 'Z109-WS·2026-Y-BGS-0002']);
    // The web build cannot make PDFs: each 件 says so instead of pretending.
    expect(manifest.items.every((i) => i.withheld?.includes('不能生成 PDF'))).toBe(true);
    for (const f of manifest.files) expect(sha256Hex(files.get(f.path)!)).toBe(f.sha256);
    // The audit head at export is the head before the export's own entry.
    const exportEntry = (await db.auditLog.orderBy('seq').last())!;
    expect(manifest.auditHead.seq).toBe(exportEntry.seq - 1);
    expect(manifest.auditHead.hash).toBe(exportEntry.prevHash);
    expect(exportEntry).toMatchObject({ action: '导出归档包', details: { manifestSha256: sha256Hex(files.get('manifest.json')!), items: 4, files: 6, pdf: false } });
    expect(result.manifestSha256).toBe(sha256Hex(files.get('manifest.json')!));

    // A 件's JSON: the catalogue entry and the whole record, with its processing history up to 归档.
    const item = JSON.parse(strFromU8(files.get('items/2026-Y-BGS-0001.json')!));
    expect(item.archive.archiveCode).toBe('Z109-WS·2026-Y-BGS-0001');
    expect(item.record.id).toBe(a.id);
    expect(item.record.history.map((h: { action: string }) => h.action)).toEqual(['登记', '初审', '拟办', '批示', '承办', '办结', '归档']);
  });

  test('a closed save dialog writes and logs nothing; a year with nothing filed is refused', async () => {
    const { db, clerk } = await filedYear();
    const before = await db.auditLog.count();
    expect(await exportFilingPackage(db, clerk, memoryPlatform(true).platform, 2026)).toBeNull();
    await expect(exportFilingPackage(db, clerk, memoryPlatform().platform, 2025)).rejects.toThrow(RuleError);
    expect(await db.auditLog.count()).toBe(before);
  });

  test('only an account with 归档 rights exports', async () => {
    const { db, reader } = await filedYear();
    await expect(exportFilingPackage(db, reader, memoryPlatform().platform, 2026)).rejects.toThrow();
  });
});

describe('电子文件 in the 归档包 (issue #17)', { timeout: 60_000 }, () => {
  test("each 件's attached files go into its folder under their names, with name, size and SHA-256 in the manifest; a removed one stays out", async () => {
    const office = await filingOffice();
    const { db, clerk, dept } = office;
    const a = await finishedIncoming(db, clerk, { id: dept.id, name: dept.name }, { writtenDate: '2026-03-02' });
    const b = await finishedIncoming(db, clerk, { id: dept.id, name: dept.name }, { writtenDate: '2026-04-01' });
    const pdf = pdfFile('县财发〔2026〕12号:原件.pdf', 1024 * 1024 + 500, 21);
    const jpg = jpgFile('第1页.jpg', 70_000, 22);
    const dropped = jpgFile('扫错了.jpg', 5_000, 23);
    await send(db, clerk, 'attachment.add', { ownerKind: 'incoming', ownerId: a.id, role: '原件扫描件', file: pdf }, T_FILE);
    // A minute later: the folder numbers the files in the order they were attached.
    await send(db, clerk, 'attachment.add', { ownerKind: 'incoming', ownerId: a.id, role: '其他', file: jpg }, new Date(T_FILE.getTime() + 60_000));
    const gone = (await send(db, clerk, 'attachment.add', { ownerKind: 'incoming', ownerId: b.id, role: '其他', file: dropped }, T_FILE)) as AttachmentMeta;
    await send(db, clerk, 'attachment.remove', { id: gone.id, reason: '扫错了' }, T_FILE);
    await fileRecords(db, clerk, 2026, [
      { kind: '收文', recordId: a.id, orgCode: 'BGS', retention: '永久' },
      { kind: '收文', recordId: b.id, orgCode: 'BGS', retention: '永久' },
    ], T_FILE);
    const fake = memoryPlatform();
    const result = await exportFilingPackage(db, clerk, fake.platform, 2026, () => {}, T_EXPORT);
    const files = readZip(fake.files.get(result!.path)!);
    expect([...files.keys()].sort()).toEqual([
      'catalogue.xlsx',
      'items/2026-Y-BGS-0001.json',
      'items/2026-Y-BGS-0001/01-县财发〔2026〕12号_原件.pdf',
      'items/2026-Y-BGS-0001/02-第1页.jpg',
      'items/2026-Y-BGS-0002.json',
      'manifest.json',
    ]);
    const manifest = filingManifestSchema.parse(JSON.parse(strFromU8(files.get('manifest.json')!)));
    const item = manifest.items.find((i) => i.archiveCode === 'Z109-WS·2026-Y-BGS-0001')!;
    expect(item.attachments).toEqual([
      { path: 'items/2026-Y-BGS-0001/01-县财发〔2026〕12号_原件.pdf', name: '县财发〔2026〕12号:原件.pdf', type: 'application/pdf', role: '原件扫描件', bytes: pdf.size, sha256: await sha256Of(pdf) },
      { path: 'items/2026-Y-BGS-0001/02-第1页.jpg', name: '第1页.jpg', type: 'image/jpeg', role: '其他', bytes: jpg.size, sha256: await sha256Of(jpg) },
    ]);
    expect(item.files).toEqual(['items/2026-Y-BGS-0001.json', ...item.attachments!.map((x) => x.path)]);
    expect(manifest.items.find((i) => i.archiveCode === 'Z109-WS·2026-Y-BGS-0002')!.attachments).toBeUndefined();
    // The bytes in the zip are the files as attached, and the manifest's hashes say so.
    expect(sha256Hex(files.get(item.attachments![0]!.path)!)).toBe(await sha256Of(pdf));
    expect(sha256Hex(files.get(item.attachments![1]!.path)!)).toBe(await sha256Of(jpg));
    for (const f of manifest.files) expect(sha256Hex(files.get(f.path)!), f.path).toBe(f.sha256);
    expect(verifyFilingPackage(files).ok).toBe(true);
    // An altered scan is named by the check.
    const tampered = new Map(files);
    const bytes = files.get(item.attachments![1]!.path)!.slice();
    bytes[10] = bytes[10]! ^ 1;
    tampered.set(item.attachments![1]!.path, bytes);
    expect(verifyFilingPackage(tampered).altered).toEqual([item.attachments![1]!.path]);
  });

});

describe('校验归档包', { timeout: 60_000 }, () => {
  test('an untouched package is complete, and its export is found on this PC', async () => {
    const { db, clerk, zip, name } = await exported();
    const r = await checkFilingPackage(db, clerk, bytesAsFile(name, zip));
    expect(r.verification).toMatchObject({ ok: true, missing: [], altered: [], extra: [], checked: 5 });
    expect(r.exportFound?.actorName).toBe('clerk');
    expect((await db.auditLog.orderBy('seq').last())?.summary).toBe(`${name}：完整，未被改动；本机有导出记录`);
  });

  test('names the altered, the missing and the added file', async () => {
    const { db, clerk, zip } = await exported();
    const files = readZip(zip);
    const json = files.get('items/2026-Y-BGS-0002.json')!;
    files.set('items/2026-Y-BGS-0002.json', strToU8(strFromU8(json).replace('县政府常务会议纪要', '县政府常务会议纪要（改）')));
    files.delete('catalogue.xlsx');
    files.set('items/extra.txt', strToU8('不在清单里'));
    const r = await checkFilingPackage(db, clerk, bytesAsFile('altered.zip', zipSync(Object.fromEntries(files))));
    expect(r.verification).toMatchObject({ ok: false, altered: ['items/2026-Y-BGS-0002.json'], missing: ['catalogue.xlsx'], extra: ['items/extra.txt'], checked: 3 });
    // The manifest is untouched, so the export is still on record: the files were changed after it.
    expect(r.exportFound).not.toBeNull();
    expect((await db.auditLog.orderBy('seq').last())?.summary).toBe('altered.zip：缺失 1 个，被改动 1 个，多出 1 个；本机有导出记录');
  });

  test('a manifest rewritten to match an altered file passes the hashes but matches no export on record', async () => {
    const { db, clerk, zip } = await exported();
    const files = readZip(zip);
    const path = 'items/2026-Y-BGS-0001.json';
    const forged = strToU8(strFromU8(files.get(path)!).replace('已办理', '未办理'));
    files.set(path, forged);
    const manifest = filingManifestSchema.parse(JSON.parse(strFromU8(files.get('manifest.json')!)));
    manifest.files = manifest.files.map((f) => (f.path === path ? { ...f, sha256: sha256Hex(forged), bytes: forged.byteLength } : f));
    files.set('manifest.json', encodeManifest(manifest));
    const r = await checkFilingPackage(db, clerk, bytesAsFile('forged.zip', zipSync(Object.fromEntries(files))));
    expect(r.verification.ok).toBe(true);
    expect(r.exportFound).toBeNull();
  });

  test('a crafted manifest.json that inflates past 64 MB is hashed as it streams, never gathered, and refused in words', async () => {
    const { db, clerk, zip } = await exported();
    const files = readZip(zip);
    // 65 MiB of spaces deflate to ~65 KB: cheap to send, costly to hold.
    files.set('manifest.json', new Uint8Array(MAX_KEPT_BYTES + (1 << 20)).fill(0x20));
    const r = await checkFilingPackage(db, clerk, bytesAsFile('bomb.zip', zipSync(Object.fromEntries(files))));
    expect(r.verification).toMatchObject({ ok: false, manifest: null, problem: expect.stringContaining('超过 64 MB') });
  });

  test('not a zip, no manifest, a damaged manifest: each said in words', async () => {
    const { db, clerk, zip } = await exported();
    expect((await checkFilingPackage(db, clerk, bytesAsFile('x.zip', strToU8('hello')))).verification.problem).toBe('文件不是有效的 zip 归档包，或已损坏');
    const files = readZip(zip);
    const noManifest = new Map(files);
    noManifest.delete('manifest.json');
    expect(verifyFilingPackage(noManifest).problem).toContain('没有清单');
    files.set('manifest.json', strToU8('{"format":"wenshu-filing-package"'));
    expect(verifyFilingPackage(files).problem).toBe('清单已损坏，无法读取');
    files.set('manifest.json', strToU8('{"format":"something-else"}'));
    expect(verifyFilingPackage(files).problem).toContain('不是文枢归档包清单');
  });

  test('a manifest path that climbs out of the package is refused', () => {
    const files = new Map([['manifest.json', strToU8(JSON.stringify({ format: 'wenshu-filing-package', files: [{ path: '../evil', sha256: '0'.repeat(64), bytes: 0 }] }))]]);
    expect(verifyFilingPackage(files).problem).toContain('不是文枢归档包清单');
  });
});
