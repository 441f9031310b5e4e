import { App, Button, Card, Col, Form, Input, Radio, Row, Select, Space, Spin, Statistic, Table, Tabs, Typography } from 'antd';
import { lazy, Suspense, useId, useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { isIsoDate, parseIsoDate, todayIso } from '@shared/domain/dates';
import {
  changeText,
  comparisonText,
  daysText,
  FLOW_DIMENSIONS,
  FLOW_FINISH_WORD,
  FLOW_PERIOD_KINDS,
  FLOW_REGISTER_LABELS,
  onTimeText,
  periodOf,
  periodText,
  type FlowPeriodKind,
} from '@shared/domain/flow-format';
import type { FlowDimension, FlowGroup, FlowItem, FlowRegister, StageFigures } from '@shared/domain/flow-stats-types';
import { useDb } from '../../db/DbContext';
import { useLiveQuery } from '../../db/live';
import { useSend } from '../../db/commands/use-send';
import { flowReport } from '../../db/repositories/flow-stats';
import { getUnitInfo } from '../../db/repositories/settings';
import { usePlatform } from '../../platform/context';
import { errorText } from '../../ui/error-text';
import { ellipsisColumn } from '../../ui/list-columns';
import { useActor } from '../../ui/session';
import { groupBarOption, trendOption } from './flow-charts';
import { comparedPeriod, flowQuery, flowView, flowViewQuery, recordPath, type CompareWith, type FlowView } from './flow-params';

// ECharts loads with the charts, not with the app.
const EChart = lazy(() => import('../../ui/EChart'));

/**
 * 运转时效分析 (issue #17): how fast 收文, 发文 and 督办 move, in working days, for a month,
 * quarter, year or any range: the headline figures, each stage, the comparison with 上年同期 (or
 * 上一期), the trend by month, the average per 承办单位 (or 文种 …) slowest first, the 10 that took
 * longest and every one still 在办 with its age. Titles as the data layer gives them (masked
 * outside the need to know).
 */
export function FlowReportPage() {
  const db = useDb();
  const actor = useActor();
  const send = useSend();
  const platform = usePlatform();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const today = todayIso();
  const view = flowView(params, today);
  const { register, period, groupBy, compare } = view;
  const other = comparedPeriod(view);
  const key = flowViewQuery(view);
  const report = useLiveQuery(() => flowReport(db, actor, flowQuery(view), today), [db, actor.id, key, today]);
  const previous = useLiveQuery(() => flowReport(db, actor, { register, start: other.start, end: other.end }, today), [db, actor.id, key, today]);
  const unit = useLiveQuery(() => getUnitInfo(db), [db]);
  const [exporting, setExporting] = useState(false);
  const groupId = useId();
  const compareId = useId();
  const finish = FLOW_FINISH_WORD[register];
  // Memoised: a new option object redraws the chart.
  const trendChart = useMemo(() => (report ? trendOption(report.trend, finish) : null), [report, finish]);
  const groupChart = useMemo(() => (report ? groupBarOption(report.groups) : null), [report]);
  const title = `${periodText(period)}${FLOW_REGISTER_LABELS[register]}运转时效分析`;

  const set = (patch: Partial<FlowView>) => setParams(flowViewQuery({ ...view, ...patch }), { replace: true });

  const exportXlsx = async () => {
    if (!report || !previous) return;
    setExporting(true);
    try {
      const { buildFlowXlsx } = await import('./flow-xlsx');
      const bytes = await buildFlowXlsx({ report, previous, period, previousPeriod: other, compare, unitName: unit?.name ?? '' });
      const saved = await platform.saveFile({
        suggestedName: `运转时效分析-${FLOW_REGISTER_LABELS[register]}-${period.start}至${period.end}.xlsx`,
        data: bytes,
        filters: [{ name: 'Excel 工作簿', extensions: ['xlsx'] }],
      });
      if (saved.saved) {
        // Logged once the file is written (a cancelled save dialog is not an export).
        await send('output.record', { kind: '导出XLSX', document: '运转时效分析', period: { start: period.start, end: period.end }, register, path: saved.path });
        void message.success('已导出运转时效分析');
      }
    } catch (e) {
      void message.error(`导出失败：${errorText(e)}`);
    } finally {
      setExporting(false);
    }
  };

  return (
    <Card
      title="运转时效分析"
      extra={
        <Space wrap>
          <Button onClick={() => void exportXlsx()} loading={exporting} disabled={!report || !previous}>
            导出Excel
          </Button>
          <Button type="primary" onClick={() => navigate(`/flow/print?${key}`)} disabled={!report}>
            打印
          </Button>
        </Space>
      }
    >
      <Form layout="inline" component="div" style={{ rowGap: 8, marginBottom: 12 }}>
        <Form.Item>
          <Radio.Group
            aria-label="登记簿"
            optionType="button"
            buttonStyle="solid"
            value={register}
            onChange={(e) => {
              const r = e.target.value as FlowRegister;
              set({ register: r, groupBy: FLOW_DIMENSIONS[r][0]! });
            }}
            options={(['incoming', 'outgoing', 'tasks'] as const).map((r) => ({ value: r, label: FLOW_REGISTER_LABELS[r] }))}
          />
        </Form.Item>
        <Form.Item>
          <Radio.Group
            aria-label="统计周期"
            optionType="button"
            value={period.kind}
            onChange={(e) => {
              const kind = e.target.value as FlowPeriodKind;
              set({ period: periodOf(kind, period.start, period.end) });
            }}
            options={FLOW_PERIOD_KINDS.map((k) => ({ value: k, label: k }))}
          />
        </Form.Item>
        <PeriodPicker view={view} today={today} onChange={(p) => set({ period: p })} />
        <Form.Item label="分组" htmlFor={groupId}>
          <Select<FlowDimension>
            id={groupId}
            style={{ width: 120 }}
            value={groupBy}
            onChange={(g) => set({ groupBy: g })}
            options={FLOW_DIMENSIONS[register].map((d) => ({ value: d, label: d }))}
          />
        </Form.Item>
        <Form.Item label="对比" htmlFor={compareId}>
          <Select<CompareWith>
            id={compareId}
            style={{ width: 110 }}
            value={compare}
            onChange={(c) => set({ compare: c })}
            options={[
              { value: '上年同期', label: '上年同期' },
              { value: '上一期', label: '上一期' },
            ]}
          />
        </Form.Item>
      </Form>
      {!report ? (
        <Spin />
      ) : (
        <>
          <Typography.Paragraph style={{ marginBottom: 8 }}>
            <Typography.Text strong>{title}</Typography.Text>
            <Typography.Text type="secondary">{`（${period.start} 至 ${period.end}，统计截至 ${report.asOf}；用时按工作日计）`}</Typography.Text>
          </Typography.Paragraph>
          <Row gutter={[16, 8]} role="group" aria-label="主要指标">
            <Figure label={`${finish}件数`} value={String(report.total.finished)} suffix="件" />
            <Figure label="平均用时" value={daysText(report.total.average)} suffix="个工作日" />
            <Figure label="中位用时" value={daysText(report.total.median)} suffix="个工作日" />
            <Figure label={`按期${finish}率`} value={onTimeText(report.total.onTimeRate)} />
            <Figure label="超期件数" value={String(report.total.overdue)} suffix="件" danger={report.total.overdue > 0} />
            <Figure label="在办" value={String(report.total.open)} suffix="件" />
          </Row>
          <Typography.Paragraph role="note" aria-label="两期对比" style={{ margin: '8px 0 12px' }}>
            {previous ? (
              <>
                <Typography.Text strong>{comparisonText(report.total.average, previous.total.average, compare)}</Typography.Text>
                <Typography.Text type="secondary">{`（${compare}：${other.start} 至 ${other.end}，${finish} ${previous.total.finished} 件）`}</Typography.Text>
                {changeText(report.total.average, previous.total.average) && <Typography.Text>{`，${changeText(report.total.average, previous.total.average)}`}</Typography.Text>}
              </>
            ) : (
              <Spin size="small" />
            )}
          </Typography.Paragraph>
          <Row gutter={16}>
            <Col span={10}>
              <StageTable stages={report.total.stages} />
            </Col>
            <Col span={14}>
              <Suspense fallback={<Spin />}>
                <EChart option={trendChart!} height={240} label="月度趋势图" />
              </Suspense>
            </Col>
          </Row>
          <Row gutter={16} style={{ marginTop: 16 }}>
            <Col span={14}>
              <GroupTable groups={report.groups} dimension={groupBy} finish={finish} />
            </Col>
            <Col span={10}>
              <Typography.Text strong>{`各${groupBy}平均用时（慢者在前）`}</Typography.Text>
              <Suspense fallback={<Spin />}>
                <EChart option={groupChart!} height={Math.max(160, Math.min(report.groups.length, 15) * 26 + 24)} label={`各${groupBy}平均用时图`} />
              </Suspense>
            </Col>
          </Row>
          <Tabs
            style={{ marginTop: 12 }}
            items={[
              {
                key: 'longest',
                label: '用时最长的10件',
                children: <ItemTable register={register} items={report.total.longest} name="用时最长的10件" group={groupBy} days={`${finish}用时（工作日）`} empty={`本期无${finish}件`} />,
              },
              {
                key: 'open',
                label: `在办（${report.total.open}）`,
                children: (
                  <>
                    {report.total.open > report.total.openItems.length && (
                      <Typography.Paragraph type="secondary">{`共 ${report.total.open} 件在办，下表列出已用时最长的 ${report.total.openItems.length} 件。`}</Typography.Paragraph>
                    )}
                    <ItemTable register={register} items={report.total.openItems} name="在办" group={groupBy} days="已用（工作日）" empty="本期无在办件" />
                  </>
                ),
              },
            ]}
          />
        </>
      )}
    </Card>
  );
}

function Figure({ label, value, suffix, danger }: { label: string; value: string; suffix?: string; danger?: boolean }) {
  return (
    <Col flex="1 1 0">
      <Statistic title={label} value={value} suffix={suffix} valueStyle={danger ? { color: '#cf1322' } : undefined} />
    </Col>
  );
}

/** 月: year and month; 季: year and quarter; 年: year; 自定义: two dates, checked beside the field. */
function PeriodPicker({ view, today, onChange }: { view: FlowView; today: string; onChange: (p: ReturnType<typeof periodOf>) => void }) {
  const { period } = view;
  const start = parseIsoDate(period.start)!;
  const thisYear = parseIsoDate(today)!.year;
  const years = Array.from({ length: 11 }, (_, i) => thisYear - 10 + i);
  if (!years.includes(start.year)) years.unshift(start.year);
  const pad = (n: number) => String(n).padStart(2, '0');
  const year = (
    <Select<number>
      aria-label="年度"
      style={{ width: 100 }}
      value={start.year}
      onChange={(y) => onChange(periodOf(period.kind, `${y}-${pad(start.month)}-01`))}
      options={years.map((y) => ({ value: y, label: `${y}年` }))}
    />
  );
  if (period.kind === '自定义') return <CustomRange start={period.start} end={period.end} onChange={onChange} />;
  return (
    <Form.Item label="期间">
      <Space.Compact>
        {year}
        {period.kind === '月' && (
          <Select<number>
            aria-label="月份"
            style={{ width: 80 }}
            value={start.month}
            onChange={(m) => onChange(periodOf('月', `${start.year}-${pad(m)}-01`))}
            options={Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: `${i + 1}月` }))}
          />
        )}
        {period.kind === '季' && (
          <Select<number>
            aria-label="季度"
            style={{ width: 100 }}
            value={Math.floor((start.month - 1) / 3) + 1}
            onChange={(q) => onChange(periodOf('季', `${start.year}-${pad(q * 3 - 2)}-01`))}
            options={['一', '二', '三', '四'].map((n, i) => ({ value: i + 1, label: `第${n}季度` }))}
          />
        )}
      </Space.Compact>
    </Form.Item>
  );
}

function CustomRange({ start, end, onChange }: { start: string; end: string; onChange: (p: ReturnType<typeof periodOf>) => void }) {
  const [from, setFrom] = useState(start);
  const [to, setTo] = useState(end);
  const fromId = useId();
  const toId = useId();
  const fromOk = isIsoDate(from.trim());
  const toOk = isIsoDate(to.trim());
  const ordered = !fromOk || !toOk || from.trim() <= to.trim();
  const apply = (f: string, t: string) => {
    const a = f.trim();
    const b = t.trim();
    if (isIsoDate(a) && isIsoDate(b) && a <= b) onChange(periodOf('自定义', a, b));
  };
  return (
    <>
      <Form.Item label="自" htmlFor={fromId} validateStatus={fromOk ? undefined : 'error'} help={fromOk ? undefined : '请输入有效日期，如 2026-01-01'}>
        <Input
          id={fromId}
          style={{ width: 120 }}
          value={from}
          placeholder="YYYY-MM-DD"
          onChange={(e) => {
            setFrom(e.target.value);
            apply(e.target.value, to);
          }}
        />
      </Form.Item>
      <Form.Item label="至" htmlFor={toId} validateStatus={toOk && ordered ? undefined : 'error'} help={!toOk ? '请输入有效日期，如 2026-12-31' : ordered ? undefined : '结束日期不能早于开始日期'}>
        <Input
          id={toId}
          style={{ width: 120 }}
          value={to}
          placeholder="YYYY-MM-DD"
          onChange={(e) => {
            setTo(e.target.value);
            apply(from, e.target.value);
          }}
        />
      </Form.Item>
    </>
  );
}

function StageTable({ stages }: { stages: StageFigures[] }) {
  return (
    <Table<StageFigures>
      size="small"
      aria-label="各环节用时"
      rowKey="key"
      pagination={false}
      dataSource={stages}
      columns={[
        { title: '环节', dataIndex: 'label' },
        { title: '件数', dataIndex: 'count', width: 64, align: 'center' },
        { title: '平均（工作日）', key: 'average', width: 120, align: 'center', render: (_, s) => daysText(s.average) },
        { title: '中位（工作日）', key: 'median', width: 120, align: 'center', render: (_, s) => daysText(s.median) },
      ]}
    />
  );
}

function GroupTable({ groups, dimension, finish }: { groups: FlowGroup[]; dimension: FlowDimension; finish: string }) {
  return (
    <Table<FlowGroup>
      size="small"
      aria-label={`各${dimension}运转时效`}
      rowKey="key"
      pagination={groups.length > 10 ? { pageSize: 10, size: 'small', showSizeChanger: false } : false}
      locale={{ emptyText: '本期无数据' }}
      dataSource={groups}
      columns={[
        ellipsisColumn<FlowGroup>({ title: dimension, key: 'label', text: (g) => g.label }),
        { title: finish, key: 'finished', width: 56, align: 'center', render: (_, g) => g.figures.finished },
        { title: '平均', key: 'average', width: 60, align: 'center', render: (_, g) => daysText(g.figures.average) },
        { title: '中位', key: 'median', width: 60, align: 'center', render: (_, g) => daysText(g.figures.median) },
        { title: '按期率', key: 'onTime', width: 72, align: 'center', render: (_, g) => onTimeText(g.figures.onTimeRate) },
        { title: '超期', key: 'overdue', width: 52, align: 'center', render: (_, g) => (g.figures.overdue ? <Typography.Text type="danger">{g.figures.overdue}</Typography.Text> : 0) },
        { title: '在办', key: 'open', width: 52, align: 'center', render: (_, g) => g.figures.open },
      ]}
    />
  );
}

function ItemTable({ register, items, name, group, days, empty }: { register: FlowRegister; items: FlowItem[]; name: string; group: string; days: string; empty: string }) {
  return (
    <Table<FlowItem>
      size="small"
      aria-label={name}
      rowKey="id"
      pagination={items.length > 10 ? { pageSize: 10, size: 'small', showSizeChanger: false } : false}
      locale={{ emptyText: empty }}
      dataSource={items}
      columns={[
        { title: '编号', key: 'number', width: 140, render: (_, i) => <Link to={recordPath(register, i.id)}>{i.number}</Link> },
        ellipsisColumn<FlowItem>({ title: '标题', key: 'title', text: (i) => i.title }),
        ellipsisColumn<FlowItem>({ title: group, key: 'group', width: 180, text: (i) => i.group ?? '' }),
        { title: '办理时限', key: 'dueDate', width: 110, render: (_, i) => i.dueDate ?? '—' },
        { title: days, key: 'workdays', width: 130, align: 'center', render: (_, i) => (i.late ? <Typography.Text type="danger">{`${i.workdays}（超期）`}</Typography.Text> : i.workdays) },
      ]}
    />
  );
}
