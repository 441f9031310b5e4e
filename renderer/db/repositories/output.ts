import type { CarrierRecord } from '@shared/domain/carrier-types';
import { classificationRank, isClassified, type Classification } from '@shared/domain/enums';
import { canSeeMeeting, MEETING_NOT_FOUND } from '@shared/domain/meeting';
import { formatCopyNumber } from '@shared/domain/numbering';
import { requirePermission, type Permission } from '@shared/domain/permissions';
import { RuleError } from '@shared/domain/rule-error';
import type { AuditDraft } from '../audit';
import type { WenshuDB } from '../database';
import { takeNextSerial } from '../numbering';
import type { Actor } from '../types';
import type { AuditSink } from '../write';
import { CARRIER_PRINT_SERIES, carrierAuditLabel, putCarrier, type CarrierPrintKind } from './carriers';
import { defineCommand } from '../commands/define';
import { runCommand } from '../commands/execute';
import { z } from 'zod';
import type { MeetingRecord } from '@shared/domain/meeting-types';
import { PACKAGE_EXPORT_ACTION } from './filing-package';
import { meetingAuditLabel } from './meetings';
import { describeCounts, type TransferManifest } from './transfer';
import { formatSize } from '@shared/domain/attachment';
import { filedPrintOf, type FiledPrint } from './archive-lookup';
import { auditName } from '@shared/domain/need-to-know';
import { auditLabel, registerOf, REGISTERS, type AnyRegister, type RegisterRow } from '@shared/domain/registers';
import { putRegisterRow, registerTable, registerTableNames } from '../registers';
import type { FlowRegister } from '@shared/domain/flow-stats-types';
import { FLOW_REGISTER_LABELS } from '@shared/domain/flow-format';
import { isIsoDate } from '@shared/domain/dates';
import { formatSerial, SERIES_PATTERNS } from '@shared/domain/numbering';
import { attachmentAuditText } from '@shared/domain/attachment';
import type { AttachmentMeta } from '@shared/domain/attachment-types';
import { getAttachment } from './attachments';

// 输出留痕: everything that leaves the PC, on paper or as a file, is logged through this one
// function. The input says how it left (kind), what it was (document), which records it held
// (by number and 密级, never by title) and where it went (the path; none for paper). Callers log
// an output once it has happened (a cancelled dialog is not an output); the one exception is the
// numbered copy of carrier records, whose 打印份号 must be on the paper before it is printed
// (see '载体打印' below).

/** How it left the PC. */
export type OutputMedium = '打印' | '导出PDF' | '导出XLSX' | '导出DOCX';

/** A record an output contained: enough to name it in the log without its title. */
export interface OutputRecordRef {
  id: string;
  serial: string;
  classification: Classification;
}

interface OutputCommon {
  /** Where the file went (the platform's path or download name); none for paper. */
  path?: string;
  /** The watermark that was on it; logged only when it holds classified content. */
  watermark?: string | null;
}

export type IncomingDocument = '收文处理笺' | '收文登记簿';
export type MeetingDocument = '会议纪要' | '签到表';
export type FilingDocument = '归档文件目录' | '归档章' | '备考表';
/** 发文 prints (renderer/print: OutgoingSlip, OutgoingRegisterSheet, DistributionReceipt); the 登记簿 also as XLSX. */
export type OutgoingDocument = '发文稿纸' | '发文登记簿' | '分发签收单';

export type OutputInput =
  | (OutputCommon & { kind: Exclude<OutputMedium, '导出DOCX'>; document: IncomingDocument; records: readonly OutputRecordRef[] })
  | (OutputCommon & { kind: Exclude<OutputMedium, '导出XLSX'>; document: MeetingDocument; meetingId: string })
  /**
   * 发文: `records` name each 发文 by its 文号 (serial; before 登记 the caller's label, e.g. 稿〔2026〕, never
   * the 标题) and 密级. 发文稿纸 and 分发签收单 are one 发文 each; only the 发文登记簿 goes to XLSX.
   */
  | (OutputCommon & { kind: '打印' | '导出PDF'; document: Exclude<OutgoingDocument, '发文登记簿'>; records: readonly OutputRecordRef[] })
  | (OutputCommon & { kind: Exclude<OutputMedium, '导出DOCX'>; document: '发文登记簿'; records: readonly OutputRecordRef[] })
  /** The 红头 Word file (GB/T 9704) of one 发文. */
  | (OutputCommon & { kind: '导出DOCX'; document: '发文红头文件'; records: readonly OutputRecordRef[] })
  | (OutputCommon & { kind: '打印' | '导出PDF'; document: '催办单'; task: { id: string; serial: string; unit: string } })
  /** `description`: the report's heading and figures (a report names no single record). */
  | (OutputCommon & { kind: Exclude<OutputMedium, '导出DOCX'>; document: '督办通报'; description: string })
  /** 运转时效分析 (issue #17): names the period and register it covers (a statistic names no single record). */
  | (OutputCommon & { kind: Exclude<OutputMedium, '导出DOCX'>; document: '运转时效分析'; period: { start: string; end: string }; register: FlowRegister })
  /** `boxes`: for a 备考表, how many boxes it covers. */
  | (OutputCommon & { kind: Exclude<OutputMedium, '导出DOCX'>; document: FilingDocument; year: number; records: readonly Pick<OutputRecordRef, 'id' | 'classification'>[]; boxes?: number })
  /** A filed 件 printed from 档案查阅: the document its register files (收文处理笺, 纪要), within the need to know. */
  | (OutputCommon & { kind: '打印' | '导出PDF'; document: '归档件'; archiveId: string })
  /** Taken before printing (the number goes on the paper); returns the 打印份号. */
  | (OutputCommon & { kind: '载体打印'; document: CarrierPrintKind; carrierIds: readonly string[] })
  /** A numbered carrier print that was then cancelled: its number is voided, never reused. */
  | { kind: '载体打印作废'; document: CarrierPrintKind; copyNumber: string }
  /**
   * A kept file (attachment, issue #17) printed or saved. Of a classified record it is a copy:
   * numbered before it leaves (the 打印份号 goes on every page; returned as copyNumber) and
   * watermarked. `cancelled` with the `copyNumber` it took: that copy did not leave, the number is
   * voided (never reused). Of an unclassified record: logged once it has left, no number.
   */
  | (OutputCommon & { kind: '附件打印' | '附件另存'; attachmentId: string; copyNumber?: string; cancelled?: boolean })
  | {
      kind: '归档包';
      year: number;
      path: string;
      manifestSha256: string;
      files: number;
      items: number;
      /** 件 whose content was left out (outside the exporter's need to know). */
      withheld: number;
      pdf: boolean;
    }
  /** `registers`: the registry the package was built from (default: REGISTERS; tests add one). */
  | { kind: '迁移包'; manifest: TransferManifest; path: string; registers?: readonly AnyRegister[] };

export type OutputKind = OutputInput['kind'];

export interface OutputRecorded {
  /** The highest 密级 among the records it contained (null when not known to the log). */
  highest: Classification | null;
  /** The watermark to put on it: the input's, when it contains classified content; else null. */
  watermark: string | null;
  /** The 打印份号 a carrier print took. */
  copyNumber: string | null;
}

function highestOf(levels: readonly Classification[]): Classification | null {
  return levels.reduce<Classification | null>((h, l) => (h === null || classificationRank(l) > classificationRank(h) ? l : h), null);
}

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw RuleError.at('year', `年度无效：${year}`);
}

/** "导出XLSX" of a 登记簿 is 导出; paper and PDF are 打印 (the log has always named them so). */
function verb(kind: OutputMedium): '打印' | '导出' {
  return kind === '打印' || kind === '导出PDF' ? '打印' : '导出';
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

function watermarkNote(watermark: string | null | undefined): string {
  return watermark ? `；水印“${watermark}”` : '';
}

/** Up to 20 names, then 等. */
function listOf(names: readonly string[]): string {
  return `${names.slice(0, 20).join('、')}${names.length > 20 ? ' 等' : ''}`;
}

function permissionFor(input: OutputInput): Permission {
  switch (input.kind) {
    case '载体打印':
    case '载体打印作废':
      return 'classified.manage';
    case '归档包':
      return 'filing.manage';
    case '迁移包':
    case '附件打印':
    case '附件另存':
      return 'records.read';
    default:
      if (input.document === '归档件') return 'reports.print';
      if (input.document === '运转时效分析') return 'flow.view';
      return input.document === '归档文件目录' || input.document === '归档章' || input.document === '备考表' ? 'filing.manage' : 'records.read';
  }
}

/** The prepared part of an output: the meeting it names (read and checked before the write). */
interface OutputPrepared {
  meeting: MeetingRecord | undefined;
  /** The filed 件 it prints, read and checked against the need to know. */
  filed: FiledPrint | undefined;
  /** The attachment it prints or saves, with its record (read within the need to know). */
  attachment: { meta: AttachmentMeta; label: string; classification: Classification } | undefined;
}

/** The 打印份号 series of attachment copies. */
export const ATTACHMENT_COPY_SERIES = SERIES_PATTERNS.附件打印;

/**
 * Logs one output as the command output.record: the audit entry (and, for carriers, the copy's
 * line in the 台账) in one transaction. Refuses an actor without the permission the output needs,
 * and a meeting outside the actor's need to know.
 */
export const recordOutputCommand = defineCommand({
  name: 'output.record',
  // The input is built by the app's own print and export paths (typed OutputInput); the handler
  // switches on its kind and the rules below check what it names.
  input: z.custom<OutputInput>((v) => typeof v === 'object' && v !== null && 'kind' in v),
  // The permission depends on what is output: checked in prepare (permissionFor).
  permission: null,
  tables: ['carriers', 'counters', 'projectionDeltas'],
  // A 迁移包 books custody (复制/移交) on the rows of every register that tracks it (the registry's).
  moreTables: (input) => (input.kind === '迁移包' ? registerTableNames((input.registers ?? REGISTERS).filter((d) => d.transfer.custody)) : []),
  prepare: async (db, actor, input): Promise<OutputPrepared> => {
    requirePermission(actor, permissionFor(input));
    // Only the 保密员 writes in the 台账 (buildTransferPackage let no one else put a classified carrier in).
    if (input.kind === '迁移包' && Object.values(input.manifest.custody).some((ids) => ids.length > 0)) requirePermission(actor, 'classified.manage');
    const meeting = 'meetingId' in input ? await db.meetings.get(input.meetingId) : undefined;
    if ('meetingId' in input) {
      if (!meeting) throw new RuleError(MEETING_NOT_FOUND);
      if (!canSeeMeeting(actor, meeting)) throw new RuleError('您不在该会议的知悉范围内');
    }
    // A filed 件 is named from the catalogue as stored, never from what the caller says of it.
    const filed = 'archiveId' in input ? await filedPrintOf(db, actor, input.archiveId) : undefined;
    // An attachment: within its record's need to know (getAttachment refuses otherwise), named as its record is.
    let attachment: OutputPrepared['attachment'];
    if ('attachmentId' in input) {
      const meta = await getAttachment(db, actor, input.attachmentId);
      const d = registerOf(meta.ownerKind);
      const owner = d ? await registerTable(db, d).get(meta.ownerId) : undefined;
      if (!d || !owner) throw new RuleError('该附件所属的记录不存在');
      attachment = { meta, label: auditLabel(d, owner), classification: d.classification(owner) };
    }
    return { meeting, filed, attachment };
  },
  run: async ({ db, actor: a, now, audit, put, add }, input, { meeting, filed, attachment }): Promise<OutputRecorded> => {
      const writer = { put, add };
      const done = (highest: Classification | null, copyNumber: string | null = null): OutputRecorded => ({
        highest,
        copyNumber,
        watermark: highest && isClassified(highest) && 'watermark' in input ? (input.watermark ?? null) : null,
      });
      const details = (extra: Record<string, unknown>, highest: Classification | null) => ({
        output: input.kind,
        ...('document' in input ? { document: input.document } : {}),
        ...('path' in input && input.path ? { path: input.path } : {}),
        highest,
        ...extra,
      });
      const log = (draft: AuditDraft) => audit(draft);

      switch (input.kind) {
        case '载体打印': {
          const year = now.getFullYear();
          const copyNumber = `${year}-${formatCopyNumber(await takeNextSerial(db, CARRIER_PRINT_SERIES, year, writer))}`;
          const carriers = (await db.carriers.bulkGet([...input.carrierIds])).filter((c): c is CarrierRecord => !!c);
          if (carriers.length === 1 && input.document !== '二维码标签') {
            const c = carriers[0]!;
            await putCarrier(db, writer, {
              ...c,
              history: [...c.history, { action: '复制', at: now.toISOString(), byId: a.id, byName: a.displayName, note: `打印${input.document}，打印份号 ${copyNumber}` }],
              updatedAt: now.toISOString(),
            });
          }
          const highest = highestOf(carriers.map((c) => c.classification));
          log({
            action: `打印${input.document}`,
            entityType: '涉密载体',
            entityId: carriers.length === 1 ? carriers[0]!.id : '',
            summary: `打印份号 ${copyNumber}；共 ${carriers.length} 件：${listOf(carriers.map(carrierAuditLabel))}${watermarkNote(input.watermark)}`,
            details: details({ copyNumber, ids: carriers.map((c) => c.id) }, highest),
          });
          return { highest, copyNumber, watermark: input.watermark ?? null };
        }
        case '载体打印作废':
          log({ action: `取消打印${input.document}`, entityType: '涉密载体', entityId: '', summary: `打印份号 ${input.copyNumber} 作废（打印已取消）` });
          return done(null, input.copyNumber);
        case '归档包': {
          const { kind: _k, ...rec } = input;
          log({
            action: PACKAGE_EXPORT_ACTION,
            entityType: '档案',
            entityId: String(rec.year),
            summary: `${rec.year} 年度归档包：${rec.items} 件、${rec.files} 个文件${rec.withheld ? `（${rec.withheld} 件不在知悉范围，未含内容）` : ''}${rec.pdf ? '' : '，未含 PDF'}；清单 SHA-256 ${rec.manifestSha256.slice(0, 16)}…；文件 ${rec.path}`,
            // The manifest's SHA-256 is what a later check of the package looks up.
            details: { ...rec },
          });
          return done(null);
        }
        case '迁移包':
          await recordTransfer(db, a, input.manifest, input.path, now, audit, input.registers);
          return done(null);
        case '附件打印':
        case '附件另存': {
          const { meta, label, classification } = attachment!;
          const classified = isClassified(classification);
          const verbText = input.kind === '附件打印' ? '打印附件' : '另存附件';
          const file = attachmentAuditText({ recordLabel: label, classified, name: meta.name, role: meta.role, size: meta.size, sha256: meta.sha256 });
          const entityType = registerOf(meta.ownerKind)?.entityType ?? '附件';
          if (input.cancelled) {
            if (!input.copyNumber) throw RuleError.at('copyNumber', '作废的打印份号缺失');
            log({ action: `取消${verbText}`, entityType, entityId: meta.ownerId, summary: `打印份号 ${input.copyNumber} 作废（${input.kind === '附件打印' ? '打印' : '另存'}已取消）：${file}` });
            return done(classification, input.copyNumber);
          }
          // A classified record's file leaves only as a numbered copy: the number is taken now.
          const copyNumber = classified ? formatSerial(ATTACHMENT_COPY_SERIES.pattern, now.getFullYear(), await takeNextSerial(db, ATTACHMENT_COPY_SERIES.series, now.getFullYear(), writer)) : null;
          log({
            action: verbText,
            entityType,
            entityId: meta.ownerId,
            summary: `${copyNumber ? `打印份号 ${copyNumber}；` : ''}${file}${input.path ? `；文件 ${baseName(input.path)}` : ''}${classified ? watermarkNote(input.watermark) : ''}`,
            details: details({ attachmentId: meta.id, sha256: meta.sha256, ...(copyNumber ? { copyNumber } : {}) }, classification),
          });
          return { highest: classification, copyNumber, watermark: classified ? (input.watermark ?? null) : null };
        }
      }

      switch (input.document) {
        case '收文处理笺':
        case '收文登记簿':
        case '发文稿纸':
        case '发文登记簿':
        case '分发签收单':
        case '发文红头文件': {
          const { records } = input;
          const classified = records.filter((r) => isClassified(r.classification));
          const highest = highestOf(records.map((r) => r.classification));
          log({
            // 导出XLSX of a 登记簿 is 导出, paper and PDF 打印; the Word file is 导出发文红头文件.
            action: input.kind === '导出DOCX' ? `导出${input.document}` : `${verb(input.kind)}${input.document}`,
            entityType: input.document.startsWith('收文') ? '收文' : '发文',
            entityId: records.length === 1 ? records[0]!.id : '',
            summary: `共 ${records.length} 件${classified.length ? `，含涉密 ${classified.length} 件：${listOf(classified.map((r) => `${r.serial}【${r.classification}】`))}${watermarkNote(input.watermark)}` : ''}`,
            details: details({ ids: records.map((r) => r.id) }, highest),
          });
          return done(highest);
        }
        case '会议纪要':
        case '签到表': {
          const m = meeting!;
          const classified = isClassified(m.classification);
          log({
            action: input.kind === '导出DOCX' ? '导出纪要Word' : `打印${input.document}`,
            entityType: '会议',
            entityId: m.id,
            summary: `${meetingAuditLabel(m)}${m.issued ? ` ${m.issued.number}` : ''}${classified ? watermarkNote(input.watermark) : ''}`,
            details: details({}, m.classification),
          });
          return done(m.classification);
        }
        case '归档件': {
          const { entry, register } = filed!;
          const printed = register.prints.find((p) => p.id === register.filing?.packageDocument)?.name ?? '原件';
          log({
            action: `${verb(input.kind)}归档件`,
            entityType: '档案',
            entityId: entry.id,
            summary: `${entry.archiveCode} ${auditName({ number: entry.recordLabel, title: entry.title, classification: entry.classification })}（${printed}）${input.kind === '导出PDF' ? '；导出PDF' : ''}${watermarkNote(input.watermark)}`,
            details: details({ archiveCode: entry.archiveCode, recordId: entry.recordId }, entry.classification),
          });
          return done(entry.classification);
        }
        case '催办单':
          log({
            action: '打印催办单',
            entityType: '督办',
            entityId: input.task.id,
            summary: `${input.task.serial} 督办催办单；责任单位：${input.task.unit}`,
            details: details({}, null),
          });
          return done(null);
        case '督办通报':
          log({ action: `${verb(input.kind)}督办通报`, entityType: '督办', entityId: '', summary: input.description, details: details({}, null) });
          return done(null);
        case '运转时效分析': {
          const { start, end } = input.period;
          const register = FLOW_REGISTER_LABELS[input.register];
          if (!register) throw RuleError.at('register', `未知的登记簿：${String(input.register)}`);
          if (!isIsoDate(start) || !isIsoDate(end) || start > end) throw RuleError.at('period', `统计期间无效：${start} 至 ${end}`);
          log({
            action: `${verb(input.kind)}运转时效分析`,
            entityType: register,
            entityId: '',
            summary: `${register}运转时效分析，统计期间 ${start} 至 ${end}${input.kind === '导出PDF' ? '；导出PDF' : ''}${input.path ? `；文件：${baseName(input.path)}` : ''}`,
            details: details({ register: input.register, period: { start, end } }, null),
          });
          return done(null);
        }
        case '归档文件目录':
        case '归档章':
        case '备考表': {
          checkYear(input.year);
          const highest = highestOf(input.records.map((r) => r.classification));
          const how =
            input.kind === '打印' || input.kind === '导出PDF'
              ? [input.kind, input.boxes !== undefined ? `${input.boxes} 盒` : '']
              : [input.path ? `文件：${baseName(input.path)}` : ''];
          const detail = [...how, input.watermark ? `水印“${input.watermark}”` : ''].filter(Boolean).join('；');
          log({
            action: `${verb(input.kind)}${input.document}`,
            entityType: '档案',
            entityId: `${input.year}`,
            summary: `${input.year} 年度${input.document}，共 ${input.records.length} 件${detail ? `；${detail}` : ''}`,
            details: { year: input.year, count: input.records.length, ...details({}, highest) },
          });
          return done(highest);
        }
      }
      throw new RuleError('未知的输出类型');
  },
});

export async function recordOutput(db: WenshuDB, actor: Actor, input: OutputInput, now = new Date()): Promise<OutputRecorded> {
  return runCommand(db, actor, recordOutputCommand, input, now);
}

/**
 * The sender's side of a saved 迁移包: the audit entry 导出迁移包 (what, to whom, which file) and,
 * for each record its register books out (a classified carrier: the register's transfer.custody),
 * its 复制 or 移交 line and audit entry. A carrier that can no longer be handed over (lent out
 * meanwhile) is recorded as 复制, and the log says why: the file has left already, so nothing is
 * refused here.
 */
async function recordTransfer(db: WenshuDB, actor: Actor, manifest: TransferManifest, path: string, now: Date, audit: AuditSink, registers: readonly AnyRegister[] = REGISTERS): Promise<void> {
  const booked = registers.filter((d) => d.transfer.custody && (manifest.custody[d.kind] ?? []).length > 0);
  const { meta } = manifest;
  const pid = meta.packageId;
  const classified = manifest.classifiedLabels;
  audit({
    action: '导出迁移包',
    entityType: '迁移包',
    entityId: pid,
    summary: `迁移包 ${pid}（${meta.purpose ?? '本单位其他计算机'}）交 ${meta.recipient}：${describeCounts(manifest.counts, registers)}${manifest.attachments ? `，附件 ${manifest.attachments.files} 个（${formatSize(manifest.attachments.bytes)}）` : ''}${classified.length ? `；含涉密 ${classified.length} 件：${listOf(classified)}` : ''}${
      meta.classifiedMode && booked.length ? `；${booked.map((d) => d.label).join('、')}按${meta.classifiedMode}登记` : ''
    }${meta.copyApproval?.approver ? `；复制经 ${meta.copyApproval.approver.name} 批准` : ''}${meta.copyApproval?.reference ? `；原定密机关批准文号 ${meta.copyApproval.reference}` : ''}；文件 ${path}；SHA-256 ${manifest.sha256}`,
    details: { packageId: pid, sha256: manifest.sha256, purpose: meta.purpose ?? null, copyApproval: meta.copyApproval ?? null, recipient: meta.recipient, counts: manifest.counts, ids: manifest.ids, added: manifest.added, classifiedMode: meta.classifiedMode ?? null, path, ...(manifest.attachments ? { attachments: manifest.attachments } : {}) },
  });
  const by = { id: actor.id, name: actor.displayName, roles: actor.roles };
  for (const d of booked) {
    const custody = d.transfer.custody!;
    for (const r of (await registerTable(db, d).bulkGet(manifest.custody[d.kind]!)).filter((x): x is RegisterRow => !!x)) {
      const { row, done, why } = custody.depart(r, meta.classifiedMode ?? '复制', { packageId: pid, recipient: meta.recipient, by, now, ...(meta.copyApproval ? { copyApproval: meta.copyApproval } : {}) });
      await putRegisterRow(db, d, row);
      audit({
        action: `${d.entityType}${done}`,
        entityType: d.entityType,
        entityId: r.id,
        summary: `${auditLabel(d, r)} 随迁移包 ${pid} ${done === '移交' ? '移交' : '复制（电子副本）'}至 ${meta.recipient}${why}`,
      });
    }
  }
}
