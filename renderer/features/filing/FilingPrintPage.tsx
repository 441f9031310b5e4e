import { Empty, Spin } from 'antd';
import { useLiveQuery } from '../../db/live';
import { lazy, Suspense, useState } from 'react';
import { flushSync } from 'react-dom';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { isClassified } from '@shared/domain/enums';
import { archiveStampLabels, catalogueLines } from '@shared/domain/filing';
import { can } from '@shared/domain/permissions';
import { useDb } from '../../db/DbContext';
import { listArchive, recordFilingOutput, type FilingOutputKind } from '../../db/repositories/filing';
import { getUnitInfo, listDepartments } from '../../db/repositories/settings';
import { watermarkText } from '../../print/watermark';
import { Forbidden } from '../../ui/Forbidden';
import { useActor } from '../../ui/session';
import { filingPath, validYear, type FilingPrintKind } from './filing-routes';

// The print module (with the bundled print font) loads only when something is printed.
const PrintPreview = lazy(() => import('../../print/PrintDocument').then((m) => ({ default: m.PrintPreview })));
const ArchiveCatalogueSheet = lazy(() => import('../../print/ArchiveCatalogueSheet').then((m) => ({ default: m.ArchiveCatalogueSheet })));
const ArchiveStampLabels = lazy(() => import('../../print/ArchiveStampLabels').then((m) => ({ default: m.ArchiveStampLabels })));
const ArchiveBoxNotes = lazy(() => import('../../print/ArchiveBoxNotes').then((m) => ({ default: m.ArchiveBoxNotes })));

/** What /filing/print/:what prints. */
export const FILING_PRINTS = {
  catalogue: { title: '归档文件目录', action: '打印归档文件目录' },
  stamps: { title: '归档章', action: '打印归档章' },
  boxnotes: { title: '备考表', action: '打印备考表' },
} as const satisfies Record<FilingPrintKind, { title: string; action: FilingOutputKind }>;

function isFilingPrintKind(v: string | undefined): v is FilingPrintKind {
  return v !== undefined && Object.hasOwn(FILING_PRINTS, v);
}

/**
 * 归档文件目录 (A4 landscape), 归档章 labels or 备考表 (one page per box) of the 年度 in ?year=.
 * Printing and 导出PDF are logged. The catalogue carries the watermark of who printed it and
 * when if any 件 is classified; the 备考表 if it describes a 更正 of a classified 件.
 */
export function FilingPrintPage() {
  const { what } = useParams();
  const [params] = useSearchParams();
  const db = useDb();
  const actor = useActor();
  const navigate = useNavigate();
  const allowed = can(actor, 'filing.manage');
  const raw = Number(params.get('year'));
  const year = validYear(raw) ? raw : new Date().getFullYear();
  const data = useLiveQuery(
    async () => (allowed ? { archive: await listArchive(db, actor, year), unit: await getUnitInfo(db), departments: await listDepartments(db) } : null),
    [db, actor.id, allowed, year],
  );
  const [watermark, setWatermark] = useState(() => watermarkText(actor, new Date()));
  if (!allowed) return <Forbidden />;
  if (!isFilingPrintKind(what)) return <Empty description="没有这种打印内容" />;
  if (!data) return <Spin />;
  const { entries, boxes } = data.archive;
  if (entries.length === 0) return <Empty description={`${year} 年度尚无归档文件`} />;

  const print = FILING_PRINTS[what];
  const unitName = data.unit?.name ?? '';
  const fondsCode = entries[0]?.fondsCode ?? data.unit?.fondsCode ?? '';
  const marked =
    what === 'catalogue' ? entries.some((e) => isClassified(e.classification)) : what === 'boxnotes' ? entries.some((e) => isClassified(e.classification) && e.corrections.length > 0) : false;
  const orgNames = Object.fromEntries(data.departments.map((d) => [d.code, d.name]));

  return (
    <Suspense fallback={<Spin />}>
      <PrintPreview
        suggestedName={`${print.title}-${year}.pdf`}
        onClose={() => navigate(filingPath(year, 'catalogue'))}
        onPrint={async (mode, doPrint) => {
          // The time on the watermark is the time of printing.
          const stamp = watermarkText(actor, new Date());
          if (marked) flushSync(() => setWatermark(stamp));
          const result = await doPrint();
          // Logged once it has left: a cancelled save dialog is not an output.
          if (result.kind === 'cancelled') return;
          const detail = [mode === 'pdf' ? '导出PDF' : '打印', what === 'boxnotes' ? `${boxes.length} 盒` : '', marked ? `水印“${stamp}”` : ''].filter(Boolean).join('；');
          await recordFilingOutput(db, actor, print.action, year, entries.length, detail);
        }}
      >
        {what === 'catalogue' ? (
          <ArchiveCatalogueSheet unitName={unitName} fondsCode={fondsCode} year={year} lines={catalogueLines(entries)} {...(marked ? { watermark } : {})} />
        ) : what === 'stamps' ? (
          <ArchiveStampLabels stamps={archiveStampLabels(entries)} />
        ) : (
          <ArchiveBoxNotes unitName={unitName} boxes={boxes} entries={entries} orgNames={orgNames} {...(marked ? { watermark } : {})} />
        )}
      </PrintPreview>
    </Suspense>
  );
}
