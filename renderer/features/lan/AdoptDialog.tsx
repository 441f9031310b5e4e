import { Alert, Button, List, Modal, Space, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { JobProgress } from '@shared/domain/job-progress';
import { useDb } from '../../db/DbContext';
import { adoptOwnRecords, planAdopt, type AdoptPlan, type AdoptResult } from '../../db/lan/adopt';
import type { Seat } from '../../db/lan/seat';
import { JobProgressBar } from '../../ui/JobProgressBar';

// 交本机记录 (issue #19): a PC that kept its register alone, now a seat, hands its own 收文 and their
// 督办 事项 to the LAN server (renderer/db/lan/adopt.ts): what goes, what stays and why, whose
// access does not carry over, then the batches with progress and 取消 (the rest goes next time).

const SHOWN = 30;

export function AdoptDialog({ seat, open, onClose }: { seat: Seat; open: boolean; onClose: () => void }) {
  const db = useDb();
  const [plan, setPlan] = useState<AdoptPlan | null>(null);
  const [progress, setProgress] = useState<JobProgress | null>(null);
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<AdoptResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);

  // Mounted afresh each time it is opened (SeatStatusBar): the plan is read once, as things stand now.
  useEffect(() => {
    void planAdopt(db).then(setPlan, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, [db]);

  const run = async () => {
    if (!plan) return;
    const controller = new AbortController();
    abort.current = controller;
    setRunning(true);
    setError(null);
    try {
      setResult(await adoptOwnRecords(db, plan, (input) => seat.adopt(input), { onProgress: setProgress, signal: controller.signal }));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setRunning(false);
      abort.current = null;
      await seat.recount();
      void seat.sync();
    }
  };

  const going = plan ? plan.incoming.length + plan.meetings.length + plan.tasks.length : 0;
  return (
    <Modal
      title="把本机记录交到服务器"
      open={open}
      width={720}
      maskClosable={false}
      closable={!running}
      onCancel={() => !running && onClose()}
      footer={
        <Space>
          <Button onClick={onClose} disabled={running}>
            {result ? '关闭' : '取消'}
          </Button>
          {!result && (
            <Button type="primary" onClick={() => void run()} loading={running} disabled={!plan || going === 0}>
              交到服务器
            </Button>
          )}
        </Space>
      }
    >
      {!plan && !error && <Typography.Text type="secondary">正在清点本机记录…</Typography.Text>}
      {plan && !result && (
        <>
          <Typography.Paragraph>
            本机配对前单机登记的记录：收文 <b>{plan.incoming.length}</b> 件、会议 <b>{plan.meetings.length}</b> 个、督办事项 <b>{plan.tasks.length}</b> 件将交到服务器。各件保留原有编号；编号已被服务器上其他记录占用的，由服务器接着编号，原编号保留在记录上（原编号）。交出后由服务器统一编号和留痕，并按知悉范围同步到各座席。
          </Typography.Paragraph>
          {plan.unmapped.length > 0 && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              message="以下本机账户在服务器上没有同用户名或同姓名的账户"
              description={`${plan.unmapped.map((p) => `${p.name}（${p.username}）`).join('、')}：记录上保留其姓名，但其承办、传阅带来的知悉范围在服务器上不生效。可先请系统管理员在服务器上建立同用户名的账户，再交。`}
            />
          )}
          {plan.staying.length > 0 && (
            <section aria-label="留在本机的记录">
              <List
                size="small"
                header={`留在本机的记录（${plan.staying.length} 件）`}
                dataSource={plan.staying.slice(0, SHOWN)}
                footer={plan.staying.length > SHOWN ? `另有 ${plan.staying.length - SHOWN} 件未列出` : undefined}
                renderItem={(s) => (
                  <List.Item>
                    <List.Item.Meta title={s.number} description={s.why} />
                  </List.Item>
                )}
              />
            </section>
          )}
          {(running || progress) && <JobProgressBar label="交到服务器进度" progress={progress} {...(running ? { onCancel: () => abort.current?.abort(), cancelText: '取消（已交的保留）' } : {})} />}
        </>
      )}
      {result && (
        <Alert
          type={result.cancelled ? 'warning' : 'success'}
          showIcon
          message={result.cancelled ? `已取消：已交 ${result.sent} 件，其余的下次点“交本机记录”继续` : `已交到服务器 ${result.sent} 件`}
          description={
            result.renumbered.length > 0 ? (
              <>
                <div>{`其中 ${result.renumbered.length} 件的编号已被服务器上其他记录占用，已重新编号（原编号保留在记录上）：`}</div>
                <ul aria-label="重新编号" style={{ margin: '4px 0 0', paddingLeft: 20 }}>
                  {result.renumbered.slice(0, SHOWN).map((r) => (
                    <li key={r.from}>{`${r.from} → ${r.to}`}</li>
                  ))}
                </ul>
                {result.renumbered.length > SHOWN && <div>{`另有 ${result.renumbered.length - SHOWN} 件未列出，可在收文登记簿的“原编号”列查看`}</div>}
              </>
            ) : (
              '各件均保留原有编号。'
            )
          }
        />
      )}
      {error && <Alert type="error" showIcon style={{ marginTop: 12 }} message="未能交完" description={error} />}
    </Modal>
  );
}
