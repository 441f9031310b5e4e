import { Alert, App, Button, Col, Form, Input, Row, Space, Table, Typography } from 'antd';
import { useLiveQuery } from '../../db/live';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { isClassified } from '@shared/domain/enums';
import { catalogueLinesWithBox, type ArchiveRecord, type CatalogueLine } from '@shared/domain/filing';
import { useSend } from '../../db/commands/use-send';
import { CommandDialog } from '../../ui/CommandDialog';
import { patchParams } from '../../ui/patch-params';
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
      byCode: new Map(entries.map((e) => [e.archiveCode, e])),
      fondsCode: entries[0]?.fondsCode,
      classified: entries.some((e) => isClassified(e.classification)),
    };
  }, [db, actor.id, year]);
  const lines = data?.lines;
  const none = !lines || lines.length === 0;
  // 归档更正: the entry whose 更正 is open, by 档号 in the URL (a refused 更正 of a filed 收文 or
  // 纪要 links here with ?correct=<档号>).
  const [params, setParams] = useSearchParams();
  const correcting = data?.byCode.get(params.get('correct') ?? '');
  const openCorrection = (code: string | null) => setParams(patchParams(params, { correct: code ?? undefined }), { replace: true });

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
    {
      title: '操作',
      key: 'actions',
      width: 64,
      fixed: 'right',
      fixedOn: true,
      render: (_, l) => (
        <Button size="small" aria-label={`更正 ${l.archiveCode}`} onClick={() => openCorrection(l.archiveCode)}>
          更正
        </Button>
      ),
    },
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
      {correcting && <CatalogueCorrectionDialog entry={correcting} onClose={() => openCorrection(null)} />}
    </>
  );
}

interface CorrectionValues {
  title: string;
  docNumber: string;
  pages: string;
  remarks: string;
  reason: string;
}

/**
 * 归档更正 of one catalogue entry: 题名, 文号, 页数, 备注 prefilled, the reason required. 件号 and
 * 档号 never change; the filed 收文 or 纪要 stays as filed. The 更正 is printed on its box's 备考表.
 */
function CatalogueCorrectionDialog({ entry, onClose }: { entry: ArchiveRecord; onClose: () => void }) {
  const send = useSend();
  const { message } = App.useApp();
  const pages = (v: string) => {
    const t = (v ?? '').normalize('NFKC').trim();
    return t === '' ? Number.NaN : Number(t);
  };
  return (
    <CommandDialog<CorrectionValues, ArchiveRecord>
      title={`归档更正：${entry.archiveCode}`}
      verb="更正"
      width={640}
      initialValues={{ title: entry.title, docNumber: entry.docNumber, pages: String(entry.pages), remarks: entry.remarks, reason: '' }}
      run={(v) => send('filing.correct', { archiveId: entry.id, fields: { title: v.title ?? '', docNumber: v.docNumber ?? '', pages: pages(v.pages), remarks: v.remarks ?? '' }, reason: v.reason ?? '' })}
      onClose={onClose}
      onDone={() => void message.success(`${entry.archiveCode} 已更正，更正情况记入备考表`)}
    >
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={`${entry.recordLabel}：件号、档号不变；原内容、更正后内容和理由记入本盒备考表和审计日志。`} />
      <Form.Item label="题名" name="title" required>
        <Input.TextArea rows={2} />
      </Form.Item>
      <Row gutter={12}>
        <Col span={18}>
          <Form.Item label="文号" name="docNumber">
            <Input />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item label="页数" name="pages" required>
            <Input />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label="备注" name="remarks">
        <Input />
      </Form.Item>
      <Form.Item label="更正理由" name="reason" required>
        <Input.TextArea rows={2} placeholder="如：页数登记有误，实为 4 页" />
      </Form.Item>
    </CommandDialog>
  );
}
