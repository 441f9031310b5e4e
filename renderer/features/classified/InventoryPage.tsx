import { Alert, App, Button, Card, Empty, Form, Input, Radio, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useLiveQuery } from '../../db/live';
import { useId, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { describeScope, ticksById } from '@shared/domain/carrier-inventory';
import { carrierLabelCode } from '@shared/domain/carrier-label';
import type { CarrierRecord, InventoryResult, InventoryScope } from '@shared/domain/carrier-types';
import { useDb } from '../../db/DbContext';
import { carrierFacets, getInventorySession, listInventorySessions } from '../../db/repositories/carriers';
import { useSend } from '../../db/commands/use-send';
import { useActor } from '../../ui/session';
import { CommandForm } from '../../ui/CommandForm';
import { CarrierMarking, CarrierStateTag, errorText } from './carrier-ui';
import { formatLocalTime } from '../../ui/format-time';

/** 清点: choose whose carriers or which place, then tick each by click or scanner. */
export function InventoryStart() {
  const db = useDb();
  const actor = useActor();
  const send = useSend();
  const navigate = useNavigate();
  const facets = useLiveQuery(() => carrierFacets(db, actor), [db, actor.id]);
  const sessions = useLiveQuery(() => listInventorySessions(db, actor), [db, actor.id]) ?? [];
  const [form] = Form.useForm<{ kind: InventoryScope['kind']; value?: string }>();
  const kind = Form.useWatch('kind', form) ?? '存放位置';

  const start = (v: { kind: InventoryScope['kind']; value?: string }) => {
    const custodian = facets?.custodians.find((c) => c.id === v.value);
    const scope: InventoryScope = v.kind === '保管人' ? { kind: v.kind, custodian: { userId: custodian?.id ?? '', name: custodian?.name ?? '' } } : { kind: v.kind, location: v.value ?? '' };
    return send('inventory.start', { scope });
  };

  return (
    <Card title="涉密载体清点" extra={<Button onClick={() => navigate('/classified')}>返回台账</Button>}>
      <Typography.Paragraph type="secondary">每年至少清点一次，保管人交接时也要清点。清点开始时列出应在的全部载体，逐件点选或用扫码枪扫描标签。</Typography.Paragraph>
      <CommandForm<{ kind: InventoryScope['kind']; value?: string }, { id: string }>
        form={form}
        verb="开始清点"
        formLabel="清点范围"
        formProps={{
          layout: 'inline',
          style: { rowGap: 8 },
          // Another kind of scope: the chosen place or person no longer applies.
          onValuesChange: (changed: { kind?: InventoryScope['kind'] }) => {
            if (changed.kind) form.setFieldValue('value', undefined);
          },
        }}
        initialValues={{ kind: '存放位置' }}
        run={start}
        onDone={(session) => navigate(`/classified/inventory/${session.id}`)}
      >
        <Form.Item label="清点范围" name="kind">
          <Radio.Group options={['存放位置', '保管人']} />
        </Form.Item>
        <Form.Item name="value">
          <Select
            aria-label={`选择${kind}`}
            style={{ width: 240 }}
            showSearch
            optionFilterProp="label"
            placeholder={`选择${kind}`}
            options={kind === '保管人' ? (facets?.custodians ?? []).map((c) => ({ value: c.id, label: c.name })) : (facets?.locations ?? []).map((l) => ({ value: l, label: l }))}
          />
        </Form.Item>
      </CommandForm>
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        清点记录
      </Typography.Title>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={sessions}
        locale={{ emptyText: '尚无清点记录' }}
        columns={[
          { title: '开始时间', render: (_, s) => <a href={`#/classified/inventory/${s.id}`}>{formatLocalTime(s.startedAt)}</a> },
          { title: '清点范围', render: (_, s) => describeScope(s.scope) },
          { title: '应在', render: (_, s) => s.expectedIds.length },
          { title: '清点人', dataIndex: 'startedByName' },
          { title: '结果', render: (_, s) => (s.report ? (s.report.missing.length + s.report.damaged.length + s.report.notTicked.length + s.report.unexpected.length === 0 ? '账物相符' : <Tag color="red">有差异</Tag>) : <Tag color="orange">进行中</Tag>) },
        ]}
      />
    </Card>
  );
}

type Row = { record: CarrierRecord; result?: InventoryResult; via?: string; expected: boolean };

/** One 清点 in progress (or ended): the scanner box, every carrier with its tick, the report. */
export function InventorySessionPage() {
  const { sessionId = '' } = useParams();
  const db = useDb();
  const actor = useActor();
  const send = useSend();
  const navigate = useNavigate();
  const { modal } = App.useApp();
  const data = useLiveQuery(() => getInventorySession(db, actor, sessionId).then((d) => d ?? false), [db, actor.id, sessionId]);
  const [code, setCode] = useState('');
  const [feedback, setFeedback] = useState<{ ok: boolean; text: string } | null>(null);
  const scanBox = useRef<HTMLInputElement | null>(null);
  const scanId = useId();
  if (data === undefined) return <Card loading />;
  if (data === false) return <Empty description="没有这次清点" />;
  const { session, carriers } = data;
  const ticks = ticksById(session);
  const via = new Map(session.ticks.map((t) => [t.carrierId, t.via]));
  const ended = !!session.endedAt;
  const rows: Row[] = [
    ...session.expectedIds.map((id) => ({ id, expected: true })),
    ...session.ticks.filter((t) => !session.expectedIds.includes(t.carrierId)).map((t) => ({ id: t.carrierId, expected: false })),
  ].flatMap(({ id, expected }) => {
    const record = carriers.get(id);
    if (!record) return [];
    const result = ticks.get(id);
    const v = via.get(id);
    return [{ record, expected, ...(result ? { result } : {}), ...(v ? { via: v } : {}) }];
  });
  const count = (r: InventoryResult) => rows.filter((x) => x.expected && x.result === r).length;
  const notTicked = rows.filter((x) => x.expected && !x.result).length;

  const scan = async () => {
    const typed = code;
    setCode('');
    if (!typed.trim()) return;
    try {
      const r = await send('inventory.tick', { sessionId: session.id, code: typed });
      setFeedback({ ok: r.expected, text: `${r.carrier.serial}（份号 ${r.carrier.copyNumber}）在位${r.expected ? '' : '：不在本次清点范围，已记为范围外'}` });
    } catch (e) {
      setFeedback({ ok: false, text: errorText(e) });
    }
    scanBox.current?.focus();
  };
  const tick = async (carrierId: string, result: InventoryResult) => {
    try {
      await send('inventory.tick', { sessionId: session.id, carrierId, result });
    } catch (e) {
      setFeedback({ ok: false, text: errorText(e) });
    }
  };
  const end = () => {
    modal.confirm({
      title: '结束清点',
      content: notTicked > 0 ? `还有 ${notTicked} 件未清点，结束后将列为差异。确定结束？` : '结束后生成清点报告，不能再清点。',
      okText: '结束清点',
      cancelText: '取消',
      onOk: async () => {
        await send('inventory.end', { sessionId: session.id });
      },
    });
  };

  return (
    <Card
      title={`清点：${describeScope(session.scope)}`}
      extra={
        <Space>
          {!ended && (
            <Button type="primary" danger onClick={end}>
              结束清点
            </Button>
          )}
          <Button onClick={() => navigate(`/classified/inventory/${session.id}/print`)}>打印清点报告</Button>
          <Button onClick={() => navigate('/classified/inventory')}>返回</Button>
        </Space>
      }
    >
      <Space size="large" style={{ marginBottom: 16 }}>
        <Statistic title="应在" value={session.expectedIds.length} />
        <Statistic title="在位" value={count('在位')} />
        <Statistic title="缺失" value={count('缺失')} />
        <Statistic title="损坏" value={count('损坏')} />
        <Statistic title="未清点" value={notTicked} />
        <Statistic title="范围外" value={rows.filter((x) => !x.expected).length} />
      </Space>
      {ended ? (
        <Alert
          type={session.report && session.report.missing.length + session.report.damaged.length + session.report.notTicked.length + session.report.unexpected.length === 0 ? 'success' : 'error'}
          showIcon
          title={`清点已于 ${formatLocalTime(session.endedAt)} 结束：${
            session.report && session.report.missing.length + session.report.damaged.length + session.report.notTicked.length + session.report.unexpected.length === 0
              ? '账物相符'
              : `缺失 ${session.report?.missing.length ?? 0} 件，损坏 ${session.report?.damaged.length ?? 0} 件，未清点 ${session.report?.notTicked.length ?? 0} 件，范围外 ${session.report?.unexpected.length ?? 0} 件`
          }`}
          style={{ marginBottom: 16 }}
        />
      ) : (
        <Form layout="inline" component="div" style={{ marginBottom: 16 }}>
          <Form.Item label="标签码" htmlFor={scanId} extra="扫码枪扫描标签，或手工输入标签码（如 ZT2026-0001）后按回车">
            <Input
              id={scanId}
              ref={(el) => {
                scanBox.current = el?.input ?? null;
              }}
              autoFocus
              style={{ width: 260 }}
              value={code}
              onChange={(e) => setCode(e.target.value)}
              onPressEnter={() => void scan()}
              autoComplete="off"
            />
          </Form.Item>
          {feedback && <Alert type={feedback.ok ? 'success' : 'warning'} showIcon role="status" title={feedback.text} />}
        </Form>
      )}
      <Table<Row>
        size="small"
        aria-label="清点清单"
        rowKey={(r) => r.record.id}
        pagination={false}
        dataSource={rows}
        columns={[
          { title: '编号', width: 130, render: (_, r) => <a href={`#/classified/${r.record.id}`}>{r.record.serial}</a> },
          { title: '标签码', width: 120, render: (_, r) => carrierLabelCode(r.record.serial) ?? '' },
          { title: '名称', ellipsis: true, render: (_, r) => r.record.name },
          { title: '密级', render: (_, r) => <CarrierMarking record={r.record} /> },
          { title: '份号', width: 80, render: (_, r) => r.record.copyNumber },
          { title: '状态', width: 80, render: (_, r) => <CarrierStateTag state={r.record.state} /> },
          {
            title: '清点结果',
            render: (_, r) => (
              <Space>
                {r.result ? <Tag color={r.result === '在位' ? 'green' : 'red'}>{r.result}</Tag> : <Tag>未清点</Tag>}
                {r.via && <Typography.Text type="secondary">{r.via}</Typography.Text>}
                {!r.expected && <Tag color="orange">范围外</Tag>}
              </Space>
            ),
          },
          {
            title: '点选',
            width: 190,
            render: (_, r) =>
              ended ? null : (
                <Space size={4}>
                  {(['在位', '缺失', '损坏'] as const).map((x) => (
                    <Button key={x} size="small" aria-label={`${r.record.serial} ${x}`} type={r.result === x ? 'primary' : 'default'} onClick={() => void tick(r.record.id, x)}>
                      {x}
                    </Button>
                  ))}
                </Space>
              ),
          },
        ]}
      />
    </Card>
  );
}
