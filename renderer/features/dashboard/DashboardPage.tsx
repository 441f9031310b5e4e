import { Fragment } from 'react';
import { Alert, Card, Col, Row, Statistic, Typography } from 'antd';
import { useLiveQuery } from '../../db/live';
import { todayIso } from '@shared/domain/dates';
import { useDb } from '../../db/DbContext';
import { loadWorkCalendar } from '../../db/repositories/calendar';
import { dashboardCounts } from '../../db/repositories/dashboard';
import type { Contribution } from '../../ui/feature';

/** 工作台: what the database holds, whether today is a working day, then each feature's cards. */
export function DashboardPage({ cards }: { cards: readonly Contribution[] }) {
  const db = useDb();
  const counts = useLiveQuery(() => dashboardCounts(db), [db]);
  const today = todayIso(new Date());
  const calendar = useLiveQuery(() => loadWorkCalendar(db), [db]);
  const info = calendar?.dayInfo(today);
  const year = Number(today.slice(0, 4));
  const uncovered = calendar && !calendar.coveredYears().includes(year);

  return (
    <div>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        工作台
      </Typography.Title>
      {info && (
        <Typography.Paragraph>
          今天 {today}，{info.workday ? '工作日' : '休息日'}
          {info.name ? `（${info.name}）` : info.reason !== '工作日' && info.reason !== '周末' ? `（${info.reason}）` : ''}
        </Typography.Paragraph>
      )}
      {uncovered && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={`内置节假日安排不含 ${year} 年，请系统管理员在“设置 → 节假日”中按国务院办公厅通知录入。`}
        />
      )}
      <Row gutter={16}>
        <Col span={6}>
          <Card>
            <Statistic title="用户（启用）" value={counts?.activeUsers ?? '—'} suffix={counts ? `/ ${counts.users}` : undefined} />
          </Card>
        </Col>
        <Col span={6}>
          <Card>
            <Statistic title="机构/部门" value={counts?.departments ?? '—'} />
          </Card>
        </Col>
        <Col span={6}>
          <Card>
            <Statistic title="审计日志条数" value={counts?.auditEntries ?? '—'} />
          </Card>
        </Col>
      </Row>
      {/* One card per register of the registry: a new register shows here with nothing else to change. */}
      <Row gutter={16} style={{ marginTop: 16 }}>
        {counts?.registers.map((r) => (
          <Col span={6} key={r.kind}>
            <Card>
              <Statistic title={`${r.label}（件）`} value={r.count} />
            </Card>
          </Col>
        ))}
      </Row>
      {cards.map((c) => (
        <Fragment key={c.key}>{c.element}</Fragment>
      ))}
    </div>
  );
}
