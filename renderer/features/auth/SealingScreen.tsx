import { Alert, Button, Card, Progress, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useDb } from '../../db/DbContext';
import { sealExistingRows, type SealProgress } from '../../db/at-rest/migrate';
import { useAuth } from '../../ui/session';

/**
 * The first sign-in after the update to encryption at rest: every stored record is encrypted once,
 * with progress shown. Closing the app or 暂停 loses nothing: the next sign-in carries on.
 */
export function SealingScreen() {
  const db = useDb();
  const { signOut } = useAuth();
  const [progress, setProgress] = useState<SealProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    abort.current = controller;
    // When done, AuthGate leaves this screen by itself: it watches the state row this updates.
    sealExistingRows(db, setProgress, controller.signal).catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
    return () => controller.abort();
  }, [db]);

  const percent = progress && progress.total > 0 ? Math.min(100, Math.floor((progress.done / progress.total) * 100)) : 0;
  return (
    <div className="ws-center-page">
      <Card style={{ width: 520 }}>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          正在加密本机数据
        </Typography.Title>
        <Typography.Paragraph type="secondary">
          文枢已更新：本机保存的全部记录将加密存放，只有登录后才能读取。此过程只进行一次；可随时暂停或关闭程序，下次登录时从中断处继续。
        </Typography.Paragraph>
        <Progress percent={percent} aria-label="加密进度" />
        <Typography.Paragraph>{progress ? `已完成 ${progress.done.toLocaleString('zh-CN')} / ${progress.total.toLocaleString('zh-CN')} 条` : '正在统计记录…'}</Typography.Paragraph>
        {error && <Alert type="error" showIcon role="alert" title={`加密未完成：${error}。请重新登录继续。`} style={{ marginBottom: 12 }} />}
        <Button
          onClick={() => {
            abort.current?.abort();
            void signOut();
          }}
        >
          暂停并退出
        </Button>
      </Card>
    </div>
  );
}
