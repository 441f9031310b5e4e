import { Card, Col, Row, Statistic } from 'antd';
import { useDb } from '../../db/DbContext';
import { useLiveQuery } from '../../db/live';
import { dashboardCounts } from '../../db/repositories/dashboard';

/** 工作台 of the 系统管理员: accounts, 机构, the audit log's size and how much each register holds. */
export function SystemCounts() {
  const db = useDb();
  const counts = useLiveQuery(() => dashboardCounts(db), [db]);
  return (
    <div aria-label="系统概况" role="region">
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
    </div>
  );
}
