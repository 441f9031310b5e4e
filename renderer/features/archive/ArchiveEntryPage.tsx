import { Alert, Button, Card, Descriptions, Empty, Space, Table, Tag } from 'antd';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import type { ArchiveCorrection } from '@shared/domain/filing';
import { can } from '@shared/domain/permissions';
import { useDb } from '../../db/DbContext';
import { useLiveQuery } from '../../db/live';
import { getArchiveView } from '../../db/repositories/archive-lookup';
import { formatLocalTime } from '../../ui/format-time';
import { useActor } from '../../ui/session';
import { archiveListPath, archivePrintPath, RECORD_PAGES } from './archive-routes';

const FIELD_LABELS: Record<string, string> = { title: '题名', docNumber: '文号', pages: '页数', remarks: '备注' };

function describeChange(c: ArchiveCorrection): string {
  return Object.keys(c.after)
    .map((k) => `${FIELD_LABELS[k] ?? k}：${String(c.before[k as keyof typeof c.before] ?? '')} → ${String(c.after[k as keyof typeof c.after] ?? '')}`)
    .join('；');
}

/** One filed 件, read-only: its catalogue entry, where it is kept, its 更正, the source record and 打印. */
export function ArchiveEntryPage() {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const db = useDb();
  const actor = useActor();
  const navigate = useNavigate();
  const view = useLiveQuery(() => getArchiveView(db, actor, id).then((v) => v ?? false), [db, actor.id, id]);
  const query = params.toString();
  const back = (
    <Button onClick={() => navigate(archiveListPath(query))}>返回档案查阅</Button>
  );
  if (view === undefined) return <Card loading />;
  if (view === false) return <Empty description="没有这件归档文件">{back}</Empty>;
  const e = view.entry;
  const mayPrint = can(actor, 'reports.print');
  const recordPage = view.registerKind ? RECORD_PAGES[view.registerKind] : undefined;

  return (
    <Card
      title={
        <Space>
          <span>{e.archiveCode}</span>
          <Tag color="blue">已归档</Tag>
        </Space>
      }
      extra={
        <Space wrap>
          {mayPrint && view.canSeeContent && (
            <Button type="primary" onClick={() => navigate(archivePrintPath(e.id, query))}>
              打印
            </Button>
          )}
          {back}
        </Space>
      }
    >
      {!view.canSeeContent && <Alert type="warning" showIcon title="涉密文件：您不在知悉范围内，只能看到档号、密级和归档信息，不能打印。" style={{ marginBottom: 16 }} />}
      <Descriptions bordered size="small" column={2} aria-label="归档信息">
        <Descriptions.Item label="题名" span={2}>
          {e.title}
        </Descriptions.Item>
        <Descriptions.Item label="档号">{e.archiveCode}</Descriptions.Item>
        <Descriptions.Item label="原件">
          {recordPage && view.canSeeContent ? <a href={`#${recordPage}/${e.recordId}`}>{e.recordLabel}</a> : e.recordLabel}
        </Descriptions.Item>
        <Descriptions.Item label="文号">{e.docNumber}</Descriptions.Item>
        <Descriptions.Item label="责任者">{e.responsible}</Descriptions.Item>
        <Descriptions.Item label="日期">{e.date}</Descriptions.Item>
        <Descriptions.Item label="密级">{e.classification}</Descriptions.Item>
        <Descriptions.Item label="页数">{e.pages}</Descriptions.Item>
        <Descriptions.Item label="保管期限">{e.retention}</Descriptions.Item>
        <Descriptions.Item label="全宗号">{e.fondsCode}</Descriptions.Item>
        <Descriptions.Item label="年度">{e.year}</Descriptions.Item>
        <Descriptions.Item label="机构">{`${e.orgCode} ${view.orgName === e.orgCode ? '' : view.orgName}`.trim()}</Descriptions.Item>
        <Descriptions.Item label="件号 / 盒号">{`${String(e.itemNo).padStart(4, '0')} / 第 ${e.box} 盒`}</Descriptions.Item>
        <Descriptions.Item label="归档">{`${formatLocalTime(e.filedAt)}，${e.filedBy}`}</Descriptions.Item>
        <Descriptions.Item label="备注">{e.remarks}</Descriptions.Item>
      </Descriptions>
      {e.corrections.length > 0 && (
        <Table<ArchiveCorrection & { i: number }>
          style={{ marginTop: 24 }}
          size="small"
          aria-label="归档更正"
          title={() => '归档更正'}
          pagination={false}
          rowKey="i"
          dataSource={e.corrections.map((c, i) => ({ ...c, i }))}
          columns={[
            { title: '时间', width: 170, render: (_, c) => formatLocalTime(c.at) },
            { title: '更正人', width: 90, dataIndex: 'byName' },
            { title: '更正内容', render: (_, c) => (view.canSeeContent ? describeChange(c) : '（涉密，不显示）') },
            { title: '原因', width: 220, render: (_, c) => (view.canSeeContent ? c.reason : '') },
          ]}
        />
      )}
    </Card>
  );
}
