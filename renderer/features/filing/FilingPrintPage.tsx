import { Empty } from 'antd';
import { lazy } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { isClassified } from '@shared/domain/enums';
import { archiveStampLabels, catalogueLines } from '@shared/domain/filing';
import { can } from '@shared/domain/permissions';
import { listArchive } from '../../db/repositories/filing';
import type { FilingDocument } from '../../db/repositories/output';
import { getUnitInfo, listDepartments } from '../../db/repositories/settings';
import { nothingToPrint, PrintPage } from '../../print/PrintPage';
import { Forbidden } from '../../ui/Forbidden';
import { useActor } from '../../ui/session';
import { filingPath, validYear, type FilingPrintKind } from './filing-routes';

// The print module (with the bundled print font) loads only when something is printed.
const ArchiveCatalogueSheet = lazy(() => import('../../print/ArchiveCatalogueSheet').then((m) => ({ default: m.ArchiveCatalogueSheet })));
const ArchiveStampLabels = lazy(() => import('../../print/ArchiveStampLabels').then((m) => ({ default: m.ArchiveStampLabels })));
const ArchiveBoxNotes = lazy(() => import('../../print/ArchiveBoxNotes').then((m) => ({ default: m.ArchiveBoxNotes })));

/** What /filing/print/:what prints. */
export const FILING_PRINTS = {
  catalogue: { title: '归档文件目录' },
  stamps: { title: '归档章' },
  boxnotes: { title: '备考表' },
} as const satisfies Record<FilingPrintKind, { title: FilingDocument }>;

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
  const actor = useActor();
  const raw = Number(params.get('year'));
  const year = validYear(raw) ? raw : new Date().getFullYear();
  if (!can(actor, 'filing.manage')) return <Forbidden />;
  if (!isFilingPrintKind(what)) return <Empty description="没有这种打印内容" />;
  const print = FILING_PRINTS[what];
  return (
    <PrintPage
      deps={[year]}
      load={async (db, actor) => {
        const archive = await listArchive(db, actor, year);
        if (archive.entries.length === 0) return nothingToPrint(`${year} 年度尚无归档文件`);
        return { archive, unit: await getUnitInfo(db), departments: await listDepartments(db) };
      }}
      name={() => `${print.title}-${year}`}
      back={() => filingPath(year, 'catalogue')}
      classified={({ archive: { entries } }) =>
        what === 'catalogue' ? entries.some((e) => isClassified(e.classification)) : what === 'boxnotes' ? entries.some((e) => isClassified(e.classification) && e.corrections.length > 0) : false
      }
      output={({ archive: { entries, boxes } }, how) => ({
        ...how,
        document: print.title,
        year,
        records: entries.map((e) => ({ id: e.id, classification: e.classification })),
        ...(what === 'boxnotes' ? { boxes: boxes.length } : {}),
      })}
    >
      {({ archive: { entries, boxes }, unit, departments }, { watermark }) => {
        const unitName = unit?.name ?? '';
        const fondsCode = entries[0]?.fondsCode ?? unit?.fondsCode ?? '';
        const orgNames = Object.fromEntries(departments.map((d) => [d.code, d.name]));
        const mark = watermark ? { watermark } : {};
        return what === 'catalogue' ? (
          <ArchiveCatalogueSheet unitName={unitName} fondsCode={fondsCode} year={year} lines={catalogueLines(entries)} {...mark} />
        ) : what === 'stamps' ? (
          <ArchiveStampLabels stamps={archiveStampLabels(entries)} />
        ) : (
          <ArchiveBoxNotes unitName={unitName} boxes={boxes} entries={entries} orgNames={orgNames} {...mark} />
        );
      }}
    </PrintPage>
  );
}
