import { useParams, useSearchParams } from 'react-router';
import { isClassified } from '@shared/domain/enums';
import { RuleError } from '@shared/domain/rule-error';
import { filedPrintOf } from '../../db/repositories/archive-lookup';
import { getSlipLayout } from '../../db/repositories/slip-layout';
import { filedDocumentLayout } from '../../print/filed-document';
import { nothingToPrint, PrintPage } from '../../print/PrintPage';
import { archiveEntryPath } from './archive-routes';

/**
 * A filed 件 printed from 档案查阅 (打印已归档报表): the document its register files (收文处理笺,
 * 纪要) as it stands filed. An audited output (output.record, 打印归档件) with the watermark of who
 * printed it and when where the 件 is classified; refused outside the need to know.
 */
export function ArchivePrintPage() {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const back = archiveEntryPath(id, params.toString());
  return (
    <PrintPage
      deps={[id]}
      load={async (db, actor) => {
        try {
          const filed = await filedPrintOf(db, actor, id);
          const layout = await filedDocumentLayout(filed.register, { slipLayout: await getSlipLayout(db) });
          if (!layout || !layout.applies(filed.record)) return nothingToPrint(`${filed.entry.archiveCode} 没有可打印的原件`, back);
          return { ...filed, layout };
        } catch (e) {
          if (e instanceof RuleError) return nothingToPrint(`无法打印：${e.message}`, back);
          throw e;
        }
      }}
      name={({ entry }) => `归档文件-${entry.archiveCode}`}
      back={() => back}
      classified={({ entry }) => isClassified(entry.classification)}
      output={({ entry }, how) => ({ ...how, document: '归档件', archiveId: entry.id })}
    >
      {({ record, unit, layout: { Component } }, { watermark }) => <Component record={record} unitName={unit?.name ?? ''} {...(watermark ? { watermark } : {})} />}
    </PrintPage>
  );
}
