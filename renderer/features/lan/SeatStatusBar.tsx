import { App, Badge, Button, List, Modal, Space, Tag, Tooltip, Typography } from 'antd';
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { useDb } from '../../db/DbContext';
import { useLiveQuery } from '../../db/live';
import { dismissConflicts, listConflicts, seatOf, watchSeats, type SeatStatus } from '../../db/lan/seat';
import { useActor, useAuth } from '../../ui/session';
import { can } from '@shared/domain/permissions';
import { AdoptDialog } from './AdoptDialog';

// The seat's state in the header (issue #19): 在线 / 离线, what waits to be sent, and the commands
// the server refused after this PC had applied them offline (已被他人处理：…), listed until read.
// Nothing on a standalone PC.

const NONE: SeatStatus | null = null;

function useSeatStatus(): SeatStatus | null {
  const db = useDb();
  const subscribe = useCallback(
    (onChange: () => void) => {
      let unsubscribeSeat = seatOf(db)?.subscribe(onChange);
      const unwatch = watchSeats(() => {
        unsubscribeSeat?.();
        unsubscribeSeat = seatOf(db)?.subscribe(onChange);
        onChange();
      });
      return () => {
        unsubscribeSeat?.();
        unwatch();
      };
    },
    [db],
  );
  return useSyncExternalStore(subscribe, () => seatOf(db)?.status ?? NONE);
}

export function SeatStatusBar() {
  const db = useDb();
  const status = useSeatStatus();
  const [open, setOpen] = useState(false);
  const [adopting, setAdopting] = useState(false);
  const { notification } = App.useApp();
  const notice = status?.notice;
  useEffect(() => {
    if (notice) notification.warning({ key: `seat-notice-${notice.seq}`, message: '本次办理未保存', description: notice.text, duration: 0 });
  }, [notice, notification]);
  const actor = useActor();
  const { signOut } = useAuth();
  const conflicts = useLiveQuery(() => (status ? listConflicts(db, actor.id) : []), [db, status?.conflicts, !!status, actor.id]) ?? [];
  const ended = status?.ended;
  useEffect(() => {
    if (!ended) return;
    notification.error({ key: 'seat-ended', message: '已退出登录', description: ended, duration: 0 });
    void signOut();
  }, [ended, notification, signOut]);
  if (!status) return null;
  return (
    <Space size={4} aria-label="局域网状态">
      <Tooltip title={status.problem ?? (status.lastSync ? `最近同步：${new Date(status.lastSync).toLocaleTimeString('zh-CN')}` : '')}>
        <Tag color={status.online ? 'green' : 'orange'}>{status.online ? '局域网：在线' : '局域网：离线'}</Tag>
      </Tooltip>
      {status.pulling !== null && (
        <Tooltip title="正在从服务器取回记录；中断后（退出、断网）下次从断点继续">
          <Tag color="processing" aria-label="同步进度">
            {status.pulling < 0 ? '同步中' : `同步中 ${Math.floor(status.pulling * 100)}%`}
          </Tag>
        </Tooltip>
      )}
      {status.pending > 0 && <Tag color="blue">待上传 {status.pending}</Tag>}
      {status.own > 0 && can(actor, 'incoming.process') && (
        <Tooltip title="本机配对前单机登记的收文、会议和督办事项，尚未交到服务器">
          <Button size="small" onClick={() => setAdopting(true)}>
            交本机记录 {status.own}
          </Button>
        </Tooltip>
      )}
      {conflicts.length > 0 && (
        <Badge count={conflicts.length} size="small">
          <Button size="small" danger onClick={() => setOpen(true)}>
            待处理冲突
          </Button>
        </Badge>
      )}
      <Button size="small" onClick={() => void seatOf(db)?.sync()}>
        立即同步
      </Button>
      {adopting && seatOf(db) && <AdoptDialog seat={seatOf(db)!} open={adopting} onClose={() => setAdopting(false)} />}
      <Modal
        title="服务器未接受的离线操作"
        open={open}
        onCancel={() => setOpen(false)}
        okText="知道了"
        cancelText="关闭"
        onOk={async () => {
          await dismissConflicts(
            db,
            conflicts.map((c) => c.clientId),
          );
          setOpen(false);
        }}
      >
        <Typography.Paragraph type="secondary">这些操作曾在本机离线时保存，服务器没有接受；相关收文已恢复为服务器上的状态，请按需重新办理。</Typography.Paragraph>
        <List
          aria-label="待处理冲突"
          dataSource={conflicts}
          renderItem={(c) => (
            <List.Item>
              <List.Item.Meta title={c.label} description={`${c.message}（${new Date(c.at).toLocaleString('zh-CN')}）`} />
            </List.Item>
          )}
        />
      </Modal>
    </Space>
  );
}
