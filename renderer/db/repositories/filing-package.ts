import Dexie from 'dexie';
import type { AttachmentMeta } from '@shared/domain/attachment-types';
import type { ArchiveRecord } from '@shared/domain/filing';
import { REGISTERS, type AnyRegister, type RegisterRow } from '@shared/domain/registers';
import { GENESIS_HASH, readAuditHead, type AuditHead } from '../audit';
import { authorize } from '../authorize';
import type { WenshuDB } from '../database';
import { registerTable, registerTables } from '../registers';
import type { Actor, UnitInfo } from '../types';
import { z } from 'zod';
import { defineCommand } from '../commands/define';
import { runCommand } from '../commands/execute';
import { getUnitInfo } from './settings';
import { RuleError } from '@shared/domain/rule-error';

// 归档包 (issue #6): what goes into a year's package, and the audit entries that make a package
// provable later. The package itself (zip, PDFs, manifest) is assembled in
// renderer/features/filing/; this module only reads and logs.

export const PACKAGE_EXPORT_ACTION = '导出归档包';
export const PACKAGE_CHECK_ACTION = '校验归档包';

/** One filed 件 with its register and source record; the record is null when the exporter may not see it. */
export interface PackageItemSource {
  entry: ArchiveRecord;
  /** The register the 件 was filed from (its descriptor's filing.kind is entry.kind). */
  register: AnyRegister | null;
  record: RegisterRow | null;
  canSeeContent: boolean;
  /** Its 电子文件 (attached scans, issue #17) not removed, oldest first; none outside the need to know. */
  attachments: AttachmentMeta[];
}

export interface FilingPackageContent {
  year: number;
  unit: UnitInfo;
  /** Every 件 of the year in 档号 order. */
  items: PackageItemSource[];
  auditHead: AuditHead;
  schemaVersion: number;
}

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw RuleError.at('year', `年度无效：${year}`);
}

/**
 * A consistent read of everything a year's package holds: the 件 in 档号 order, each with its
 * 收文 or meeting (full, with its history) when the exporter is within its need to know, and the
 * audit log head at that moment.
 */
export async function filingPackageContent(db: WenshuDB, actor: Actor, year: number, registers: readonly AnyRegister[] = REGISTERS): Promise<FilingPackageContent> {
  actor = await authorize(db, actor, 'filing.manage');
  checkYear(year);
  const filing = registers.filter((d) => d.filing);
  return db.transaction('r', [db.archive, ...registerTables(db, filing), db.settings, db.attachments], async () => {
    const entries = await db.archive.where('[year+archiveCode]').between([year, Dexie.minKey], [year, Dexie.maxKey]).toArray();
    const unit = (await getUnitInfo(db)) ?? { name: '', fondsCode: '' };
    const items: PackageItemSource[] = [];
    for (const entry of entries) {
      const register = filing.find((d) => d.filing!.kind === entry.kind) ?? null;
      const record = register ? await registerTable(db, register).get(entry.recordId) : undefined;
      const canSeeContent = !!register && !!record && register.canSee(actor, record);
      const attachments = canSeeContent
        ? (await db.attachments.where('[ownerKind+ownerId]').equals([register!.kind, record!.id]).toArray()).filter((a) => !a.removed).sort((a, b) => a.addedAt.localeCompare(b.addedAt) || a.id.localeCompare(b.id))
        : [];
      items.push({ entry, register, record: canSeeContent ? record! : null, canSeeContent, attachments });
    }
    const auditHead = (await readAuditHead(db)) ?? { seq: 0, hash: GENESIS_HASH };
    return { year, unit, items, auditHead, schemaVersion: db.verno };
  });
}

// The export itself is logged by recordOutput (repositories/output.ts, kind '归档包').

export interface PackageExportFound {
  time: string;
  actorName: string;
  seq: number;
  path: string;
}

/** The export on this PC's audit log whose manifest had this SHA-256, if any (newest first). */
export async function findFilingPackageExport(db: WenshuDB, actor: Actor, manifestSha256: string): Promise<PackageExportFound | null> {
  await authorize(db, actor, 'filing.manage');
  const hits = await db.auditLog
    .where('action')
    .equals(PACKAGE_EXPORT_ACTION)
    .filter((e) => e.details?.['manifestSha256'] === manifestSha256)
    .toArray();
  const hit = hits.reduce<(typeof hits)[number] | undefined>((a, b) => (a && a.seq > b.seq ? a : b), undefined);
  if (!hit) return null;
  return { time: hit.time, actorName: hit.actorName, seq: hit.seq, path: String(hit.details?.['path'] ?? '') };
}

export interface PackageCheckRecord {
  fileName: string;
  year: number | null;
  ok: boolean;
  missing: string[];
  altered: string[];
  extra: string[];
  problem?: string;
  /** The export was found on this PC's audit log. */
  exportOnRecord: boolean;
}

const packageCheckSchema = z.object({
  fileName: z.string(),
  // Whatever the manifest said (a damaged package is still logged).
  year: z.number().nullable(),
  ok: z.boolean(),
  missing: z.array(z.string()),
  altered: z.array(z.string()),
  extra: z.array(z.string()),
  problem: z.string().optional(),
  exportOnRecord: z.boolean(),
}) satisfies z.ZodType<PackageCheckRecord>;

/** A check is logged too: an inspection can show when a package was last found intact. An audit entry only. */
export const recordFilingPackageCheckCommand = defineCommand({
  name: 'filingPackage.recordCheck',
  input: packageCheckSchema,
  permission: 'filing.manage',
  tables: [],
  run: async ({ audit }, rec) => {
    const findings = rec.problem
      ? rec.problem
      : rec.ok
        ? '完整，未被改动'
        : [rec.missing.length && `缺失 ${rec.missing.length} 个`, rec.altered.length && `被改动 ${rec.altered.length} 个`, rec.extra.length && `多出 ${rec.extra.length} 个`].filter(Boolean).join('，');
    audit({
      action: PACKAGE_CHECK_ACTION,
      entityType: '档案',
      entityId: rec.year === null ? '未知' : String(rec.year),
      summary: `${rec.fileName}：${findings}；${rec.exportOnRecord ? '本机有导出记录' : '本机无导出记录'}`,
      details: { ...rec },
    });
  },
});

export async function recordFilingPackageCheck(db: WenshuDB, actor: Actor, rec: PackageCheckRecord, now = new Date()): Promise<void> {
  await runCommand(db, actor, recordFilingPackageCheckCommand, rec, now);
}
