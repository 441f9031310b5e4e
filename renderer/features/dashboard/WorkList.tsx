import { Badge, Card, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { WorkItem, WorkMark } from '../../db/repositories/workbench';

// One list of 工作台: each row one matter (a 收文, a 督办 task, or both), its marks, its 时限 and how
// late in working days. Titles are cut with an ellipsis and shown whole on hover.

const MARK_COLORS: Record<WorkMark, string> = { 收文已超期: 'red', 督办逾期: 'red', 今日到期: 'orange', 督办: 'blue', 待我阅: 'default' };

function Row({ item }: { item: WorkItem }) {
  const { incoming: i, task: t } = item;
  const title = i ? i.title : (t?.content ?? '');
  return (
    <li data-key={item.key} style={{ padding: '6px 0', borderBottom: '1px solid #f0f0f0' }}>
      <div style={{ display: 'flex', alignItems: 'baseline', gap: 8 }}>
        {i ? <Link to={`/incoming/${i.id}`}>{i.serial}</Link> : t && <Link to={`/supervision/${t.id}`}>{t.serial}</Link>}
        <Typography.Text ellipsis={{ tooltip: title }} style={{ flex: 1, minWidth: 0 }}>
          {title}
        </Typography.Text>
      </div>
      <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'baseline', gap: 4, marginTop: 2 }}>
        {item.marks.map((m) =>
          m === '督办' && t ? (
            <Tag key={m} color={MARK_COLORS[m]}>
              <Link to={`/supervision/${t.id}`}>督办 {t.serial}</Link>
            </Tag>
          ) : m === '督办逾期' && t && i ? (
            <Tag key={m} color={MARK_COLORS[m]}>
              <Link to={`/supervision/${t.id}`}>督办逾期 {t.serial}</Link>
            </Tag>
          ) : (
            <Tag key={m} color={MARK_COLORS[m]}>
              {m}
            </Tag>
          ),
        )}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {[i?.hostDeptName ?? (t && !i ? t.unit : ''), item.dueDate ? `时限 ${item.dueDate}` : ''].filter(Boolean).join(' ')}
        </Typography.Text>
        {item.late && (
          <Typography.Text type="danger" style={{ fontSize: 12 }}>
            {item.late}
          </Typography.Text>
        )}
      </div>
    </li>
  );
}

/** A card of 工作台 rows: `title` names the card and its list (tests and screen readers find it by name). */
export function WorkList({ title, rows, total, empty, extra, shown = 10 }: { title: string; rows?: WorkItem[]; total?: number; empty: string; extra?: React.ReactNode; shown?: number }) {
  const count = total ?? rows?.length ?? 0;
  const late = rows?.filter((r) => r.overdue).length ?? 0;
  return (
    <Card
      size="small"
      style={{ height: '100%' }}
      title={
        <span>
          {title} <Badge count={count} showZero color={late ? 'red' : count ? 'blue' : 'green'} />
        </span>
      }
      extra={extra}
    >
      {!rows ? (
        <Typography.Text type="secondary">…</Typography.Text>
      ) : rows.length === 0 ? (
        <Typography.Text type="secondary">{empty}</Typography.Text>
      ) : null}
      <ul aria-label={title} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {(rows ?? []).slice(0, shown).map((r) => (
          <Row key={r.key} item={r} />
        ))}
      </ul>
      {count > shown && <Typography.Text type="secondary">{`另有 ${count - Math.min(shown, rows?.length ?? 0)} 件`}</Typography.Text>}
    </Card>
  );
}
