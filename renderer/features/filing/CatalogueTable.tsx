import { App, Button, Space, Table, Typography } from 'antd';
import { useLiveQuery } from '../../db/live';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { isClassified } from '@shared/domain/enums';
import { catalogueLinesWithBox, type CatalogueLine } from '@shared/domain/filing';
import { useDb } from '../../db/DbContext';
import { listArchive } from '../../db/repositories/filing';
import { recordOutput } from '../../db/repositories/output';
import { getUnitInfo } from '../../db/repositories/settings';
import { usePlatform } from '../../platform/context';
import { watermarkText } from '../../print/watermark';
import { useActor } from '../../ui/session';
import { ellipsisColumn, useColumnChooser, type ChoosableColumn } from '../../ui/list-columns';
import { errorText } from '../../ui/error-text';
import { filingPrintPath } from './filing-routes';

type Line = CatalogueLine & { box: number };

/**
 * 归档文件目录 of `year`: every filed 件 in 档号 order as the repository returns it (序号 = position),
 * with its prints (目录, 归档章, 备考表: preview routes) and the export to Excel (logged once saved).
 */
export function CatalogueTable({ year }: { year: number }) {
  const db = useDb();
  const platform = usePlatform();
  const actor = useActor();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [exporting, setExporting] = useState(false);
  const data = useLiveQuery(async () => {
    const { entries } = await listArchive(db, actor, year);
    return {
      lines: catalogueLinesWithBox(entries),
      records: entries.map((e) => ({ id: e.id, classification: e.classification })),
      fondsCode: entries[0]?.fondsCode,
      classified: entries.some((e) => isClassified(e.classification)),
    };
  }, [db, actor.id, year]);
  const lines = data?.lines;
  const none = !lines || lines.length === 0;

  // Fits a 1366×768 screen beside the menu; 题名 takes the rest.
  const { columns, chooser } = useColumnChooser<Line>('filing.catalogue', [
    { title: '序号', key: 'serial', width: 50, render: (_, l) => l.serial },
    { ...ellipsisColumn<Line>({ width: 196, text: (l) => l.archiveCode }), title: '档号', key: 'archiveCode', fixedOn: true },
    { ...ellipsisColumn<Line>({ width: 130, text: (l) => l.docNumber }), title: '文号', key: 'docNumber' },
    { ...ellipsisColumn<Line>({ width: 110, text: (l) => l.responsible }), title: '责任者', key: 'responsible' },
    { ...ellipsisColumn<Line>({ text: (l) => l.title }), title: '题名', key: 'title' },
    { title: '日期', key: 'date', width: 92, render: (_, l) => l.date },
    { title: '密级', key: 'classification', width: 54, render: (_, l) => l.classification },
    { title: '页数', key: 'pages', width: 50, render: (_, l) => l.pages },
    { ...ellipsisColumn<Line>({ width: 96, text: (l) => l.remarks }), title: '备注', key: 'remarks' },
    { title: '盒号', key: 'box', width: 50, render: (_, l) => l.box },
  ] satisfies ChoosableColumn<Line>[]);

  const exportXlsx = async () => {
    if (!data || none) return;
    setExporting(true);
    try {
      const { catalogueXlsx, catalogueXlsxName } = await import('./catalogue-xlsx');
      const unit = await getUnitInfo(db);
      // Like every classified export: the file says so and names who exported it and when.
      const mark = data.classified ? watermarkText(actor, new Date()) : null;
      const bytes = await catalogueXlsx(unit?.name ?? '', data.fondsCode ?? unit?.fondsCode ?? '', year, data.lines, mark ? `含涉密内容 · ${mark}` : undefined);
      const name = catalogueXlsxName(year);
      const saved = await platform.saveFile({ suggestedName: name, data: bytes, filters: [{ name: 'Excel 工作簿', extensions: ['xlsx'] }] });
      if (saved.saved) {
        // Logged once the file is written (a cancelled save dialog is not an export).
        await recordOutput(db, actor, { kind: '导出XLSX', document: '归档文件目录', year, records: data.records, path: saved.path, watermark: mark });
        void message.success('已导出归档文件目录');
      }
    } catch (e) {
      void message.error(`导出失败：${errorText(e)}`);
    } finally {
      setExporting(false);
    }
  };

  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Button onClick={() => navigate(filingPrintPath('catalogue', year))} disabled={none}>
          打印目录
        </Button>
        <Button onClick={() => navigate(filingPrintPath('stamps', year))} disabled={none}>
          打印归档章
        </Button>
        <Button onClick={() => navigate(filingPrintPath('boxnotes', year))} disabled={none}>
          打印备考表
        </Button>
        <Button onClick={() => void exportXlsx()} loading={exporting} disabled={none}>
          导出Excel
        </Button>
        {chooser}
      </Space>
      <Typography.Paragraph type="secondary">{lines ? `${year} 年度共 ${lines.length} 件` : ' '}</Typography.Paragraph>
      <Table<Line>
        rowKey="archiveCode"
        size="small"
        aria-label="归档文件目录"
        loading={!lines}
        dataSource={lines ?? []}
        tableLayout="fixed"
        pagination={{ pageSize: 100, showSizeChanger: false, hideOnSinglePage: true }}
        columns={columns}
      />
    </>
  );
}
