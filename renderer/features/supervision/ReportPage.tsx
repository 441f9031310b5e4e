import { Alert, App, Button, Card, Col, Form, Input, Radio, Row, Space, Spin, Table, Typography } from 'antd';
import { useLiveQuery } from '../../db/live';
import { lazy, Suspense, useId, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { isIsoDate, todayIso } from '@shared/domain/dates';
import type { ReportRow, SupervisionReport, TaskRecord } from '@shared/domain/supervision-types';
import { useDb } from '../../db/DbContext';
import { getUnitInfo } from '../../db/repositories/settings';
import { useSend } from '../../db/commands/use-send';
import { issuedBulletin, supervisionReport } from '../../db/repositories/supervision';
import { can } from '@shared/domain/permissions';
import { usePlatform } from '../../platform/context';
import { useActor } from '../../ui/session';
import { errorText } from '../../ui/error-text';
import { rateText } from '../../ui/task-labels';

// ECharts loads with the chart, not with the app.
const ReportChart = lazy(() => import('./ReportChart'));

export type ReportKind = SupervisionReport['kind'];

/** 周报/月报 and the 统计日期 from the URL (?kind=&anchor=), so 打印 shows the same report. */
export function reportParams(params: URLSearchParams, today: string): { kind: ReportKind; anchor: string } {
  const kind: ReportKind = params.get('kind') === '月报' ? '月报' : '周报';
  const raw = params.get('anchor');
  return { kind, anchor: raw && isIsoDate(raw) ? raw : today };
}

export function reportQuery(kind: ReportKind, anchor: string): string {
  return `kind=${encodeURIComponent(kind)}&anchor=${encodeURIComponent(anchor)}`;
}

/** 督办通报 ("一周一调度、一月一通报"): per 责任单位 the tasks, 已办结, 已逾期 and 办结率; the overdue list; a chart. */
export function ReportPage() {
  const db = useDb();
  const platform = usePlatform();
  const actor = useActor();
  const send = useSend();
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const [params, setParams] = useSearchParams();
  const today = todayIso();
  const { kind, anchor } = reportParams(params, today);
  const [anchorText, setAnchorText] = useState(anchor);
  const [exporting, setExporting] = useState(false);
  const anchorId = useId();
  const anchorValid = isIsoDate(anchorText.trim());
  const report = useLiveQuery(() => supervisionReport(db, actor, kind, anchor, today), [db, actor.id, kind, anchor, today]);
  const unit = useLiveQuery(() => getUnitInfo(db), [db]);
  // undefined while loading, null before 印发.
  const issued = useLiveQuery(() => issuedBulletin(db, actor, kind, anchor), [db, actor.id, kind, anchor]);
  const manager = can(actor, 'supervision.manage');

  // 印发: the 通报 gets the next 期号 of the year and keeps today's figures for every reprint.
  const issue = () => {
    if (!report) return;
    modal.confirm({
      title: '印发督办通报',
      content: `印发后${report.periodText}的${kind}将编入本年度期号，并按今天的统计数据定稿，以后打印内容不变。确定印发？`,
      okText: '印发',
      cancelText: '取消',
      onOk: async () => {
        try {
          const b = await send('supervision.issueReport', { kind, anchor });
          void message.success(`已印发：${b.year}年${b.numberText}`);
        } catch (e) {
          void message.error(`印发失败：${errorText(e)}`);
        }
      },
    });
  };

  const set = (k: ReportKind, a: string) => setParams({ kind: k, anchor: a }, { replace: true });

  const exportXlsx = async () => {
    if (!report) return;
    setExporting(true);
    try {
      const { buildReportXlsx, reportHeading } = await import('./report-xlsx');
      const unitName = unit?.name ?? '';
      const bytes = await buildReportXlsx(report, unitName);
      const heading = reportHeading(report, unitName);
      const saved = await platform.saveFile({
        suggestedName: `督办通报-${report.kind}-${report.start}.xlsx`,
        data: bytes,
        filters: [{ name: 'Excel 工作簿', extensions: ['xlsx'] }],
      });
      if (saved.saved) {
        // Logged once the file is written (a cancelled save dialog is not an export).
        await send('output.record', {
          kind: '导出XLSX',
          document: '督办通报',
          description: `${heading} ${report.periodText}；任务 ${report.totals.total} 件，已办结 ${report.totals.done} 件，已逾期 ${report.totals.overdue} 件`,
          path: saved.path,
        });
        void message.success('已导出督办通报');
      }
    } catch (e) {
      void message.error(`导出失败：${errorText(e)}`);
    } finally {
      setExporting(false);
    }
  };

  return (
    <Card
      title="督办通报"
      extra={
        <Space wrap>
          {manager && (
            <Button onClick={issue} disabled={!report || issued !== null}>
              印发通报
            </Button>
          )}
          <Button onClick={() => void exportXlsx()} loading={exporting} disabled={!report}>
            导出Excel
          </Button>
          <Button type="primary" onClick={() => navigate(`/supervision/report/print?${reportQuery(kind, anchor)}`)} disabled={!report}>
            打印
          </Button>
          <Button onClick={() => navigate('/supervision')}>返回列表</Button>
        </Space>
      }
    >
      <Form layout="inline" component="div" style={{ rowGap: 8, marginBottom: 12 }}>
        <Form.Item>
          <Radio.Group aria-label="通报类型" optionType="button" buttonStyle="solid" value={kind} onChange={(e) => set(e.target.value as ReportKind, anchor)} options={['周报', '月报']} />
        </Form.Item>
        <Form.Item label="统计日期" htmlFor={anchorId} validateStatus={anchorValid ? undefined : 'error'} help={anchorValid ? undefined : '请输入有效日期，如 2026-11-25'}>
          <Input
            id={anchorId}
            style={{ width: 140 }}
            value={anchorText}
            placeholder="YYYY-MM-DD"
            onChange={(e) => {
              setAnchorText(e.target.value);
              const v = e.target.value.trim();
              if (isIsoDate(v)) set(kind, v);
            }}
          />
        </Form.Item>
      </Form>
      {!report ? (
        <Spin />
      ) : (
        <>
          {issued ? (
            <Alert
              type="success"
              showIcon
              style={{ marginBottom: 12 }}
              message={`本期通报已于 ${issued.issuedDate} 印发（${issued.year}年${issued.numberText}，${issued.issuedByName}），打印内容为印发时的统计数据。`}
            />
          ) : (
            issued === null && <Alert type="info" showIcon style={{ marginBottom: 12 }} message="本期通报尚未印发：打印稿期号显示为“第（未编号）期”，印发后编入本年度期号。" />
          )}
          <Typography.Paragraph>
            <Typography.Text strong>统计期间：</Typography.Text>
            {`${report.periodText}（${report.start} 至 ${report.end}），统计截至 ${report.asOf}`}
          </Typography.Paragraph>
          <Row gutter={24}>
            <Col xs={24} xl={12}>
              <UnitTable report={report} />
            </Col>
            <Col xs={24} xl={12}>
              <Suspense fallback={<Spin />}>
                <ReportChart rows={report.rows} />
              </Suspense>
            </Col>
          </Row>
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            逾期事项
          </Typography.Title>
          <OverdueTable tasks={report.overdueTasks} lateWorkdays={report.lateWorkdays} />
        </>
      )}
    </Card>
  );
}

function UnitTable({ report }: { report: SupervisionReport }) {
  const t = report.totals;
  return (
    <Table<ReportRow>
      size="small"
      aria-label="各责任单位办理情况"
      rowKey="unit"
      pagination={false}
      locale={{ emptyText: '本期无督办事项' }}
      dataSource={report.rows}
      columns={[
        { title: '责任单位', dataIndex: 'unit' },
        { title: '任务数', dataIndex: 'total', width: 80, align: 'center' },
        { title: '已办结', dataIndex: 'done', width: 80, align: 'center' },
        { title: '已逾期', dataIndex: 'overdue', width: 80, align: 'center', render: (n: number) => (n ? <Typography.Text type="danger">{n}</Typography.Text> : n) },
        { title: '办结率', key: 'rate', width: 80, align: 'center', render: (_, r) => rateText(r) },
      ]}
      summary={() => (
        <Table.Summary.Row style={{ fontWeight: 600 }}>
          <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
          <Table.Summary.Cell index={1} align="center">
            {t.total}
          </Table.Summary.Cell>
          <Table.Summary.Cell index={2} align="center">
            {t.done}
          </Table.Summary.Cell>
          <Table.Summary.Cell index={3} align="center">
            {t.overdue}
          </Table.Summary.Cell>
          <Table.Summary.Cell index={4} align="center">
            {rateText(t)}
          </Table.Summary.Cell>
        </Table.Summary.Row>
      )}
    />
  );
}

function OverdueTable({ tasks, lateWorkdays }: { tasks: TaskRecord[]; lateWorkdays: Record<string, number> }) {
  return (
    <Table<TaskRecord>
      size="small"
      aria-label="逾期事项"
      rowKey="id"
      pagination={false}
      locale={{ emptyText: '无逾期事项' }}
      dataSource={tasks}
      columns={[
        { title: '督办编号', key: 'serial', width: 130, render: (_, t) => <Link to={`/supervision/${t.id}`}>{t.serial}</Link> },
        { title: '督办内容', key: 'content', ellipsis: true, render: (_, t) => t.content },
        { title: '责任单位', key: 'unit', width: 140, render: (_, t) => t.unit },
        { title: '责任人', key: 'person', width: 90, render: (_, t) => t.person },
        { title: '时限', key: 'dueDate', width: 110, render: (_, t) => t.dueDate },
        { title: '逾期工作日', key: 'late', width: 100, align: 'center', render: (_, t) => lateWorkdays[t.id] ?? 0 },
      ]}
    />
  );
}
