import { Fragment } from 'react';
import { Alert, Typography } from 'antd';
import { Link } from 'react-router';
import { useLiveQuery } from '../../db/live';
import { todayIso } from '@shared/domain/dates';
import { can } from '@shared/domain/permissions';
import { useDb } from '../../db/DbContext';
import { loadWorkCalendar } from '../../db/repositories/calendar';
import { calendarGaps } from '../../db/repositories/workbench';
import type { Contribution } from '../../ui/feature';
import { useActor } from '../../ui/session';

/**
 * 工作台: whether today is a working day, a warning when a deadline runs into a year without the
 * official holiday schedule, then the cards the features contribute for this user's role (each
 * person's own items; the system counts only for the 系统管理员).
 */
export function DashboardPage({ cards }: { cards: readonly Contribution[] }) {
  const db = useDb();
  const actor = useActor();
  const today = todayIso(new Date());
  const calendar = useLiveQuery(() => loadWorkCalendar(db), [db]);
  const gaps = useLiveQuery(() => calendarGaps(db, actor, today), [db, actor.id, today]);
  const info = calendar?.dayInfo(today);

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
      {gaps && gaps.years.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={`${gaps.years.join('、')} 年节假日安排尚未录入`}
          description={
            <span>
              {gaps.deadlines > 0 ? `有 ${gaps.deadlines} 个时限落在该年，` : ''}
              该年按周一至周五为工作日计算时限和逾期，春节、国庆等放假和调休都未计入。
              {can(actor, 'settings.manage') ? (
                <>
                  请在 <Link to="/settings?tab=holidays">设置 → 节假日</Link> 录入国务院办公厅通知。
                </>
              ) : (
                '请系统管理员在“设置 → 节假日”录入国务院办公厅通知。'
              )}
            </span>
          }
        />
      )}
      {cards.map((c) => (
        <Fragment key={c.key}>{c.element}</Fragment>
      ))}
    </div>
  );
}
