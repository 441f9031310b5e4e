import { App, Form, Input, Typography } from 'antd';
import { useRef, useState } from 'react';
import { z } from 'zod';
import { MIN_PASSPHRASE_LENGTH } from '@shared/backup-format';
import { fileNameStamp } from '@shared/domain/dates';
import type { JobProgress } from '@shared/domain/job-progress';
import { OfficeBackupCancelled, writeOfficeBackup } from '../../db/lan/office-backup';
import { usePlatform } from '../../platform/context';
import type { LanLinkCapability } from '../../platform/types';
import { CommandForm } from '../../ui/CommandForm';
import { JobProgressBar } from '../../ui/JobProgressBar';

// 备份整个办公室 (issue #19): the LAN server's whole office, from one snapshot, into one encrypted
// file saved on this PC (db/lan/office-backup.ts), beside the server's own pg_dump. Restored on a
// server PC with `npm run server -- --restore <file>`; the passphrase never leaves this PC.

const schema = z
  .object({ passphrase: z.string(), confirm: z.string() })
  .superRefine((v, ctx) => {
    if (Array.from(v.passphrase).length < MIN_PASSPHRASE_LENGTH) ctx.addIssue({ code: 'custom', path: ['passphrase'], message: `备份口令至少 ${MIN_PASSPHRASE_LENGTH} 个字符` });
    if (v.passphrase !== v.confirm) ctx.addIssue({ code: 'custom', path: ['confirm'], message: '两次输入的口令不一致' });
  });
type Values = z.infer<typeof schema>;

export const OFFICE_BACKUP_EXTENSION = 'wsoffice';

export function LanOfficeBackup({ lan, token }: { lan: LanLinkCapability; token: string }) {
  const platform = usePlatform();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [progress, setProgress] = useState<JobProgress | null | undefined>(undefined);
  const abort = useRef<AbortController | null>(null);

  const run = async (v: Values): Promise<{ path: string; records: number } | null> => {
    const file = await platform.beginWrite({ suggestedName: `文枢服务器备份-${fileNameStamp(new Date())}.${OFFICE_BACKUP_EXTENSION}`, filters: [{ name: '文枢服务器备份', extensions: [OFFICE_BACKUP_EXTENSION] }], target: 'dialog' });
    if (!file.started) return null;
    abort.current = new AbortController();
    setProgress(null);
    try {
      const manifest = await writeOfficeBackup((path, body) => lan.post(path, body, token), v.passphrase, { write: (bytes) => platform.appendWrite(file.handle, bytes) }, { signal: abort.current.signal, onProgress: setProgress });
      const { path } = await platform.finishWrite(file.handle);
      return { path, records: manifest.counts.records };
    } catch (e) {
      await platform.abortWrite(file.handle).catch(() => undefined);
      if (e instanceof OfficeBackupCancelled) {
        void message.info('已取消，未保存备份文件');
        return null;
      }
      throw e;
    } finally {
      abort.current = null;
      setProgress(undefined);
    }
  };

  return (
    <div aria-label="备份整个办公室" role="region" style={{ marginTop: 24 }}>
      <Typography.Title level={5}>备份整个办公室</Typography.Title>
      <Typography.Paragraph type="secondary">
        把服务器上的全部记录、账户、座席、编号和审计日志按同一时刻的快照加密保存到本机的一个文件（口令只在本机使用，服务器不知道）。在服务器电脑上用 npm run server -- --restore 文件 恢复到一个空数据库；恢复时逐项核对数量并校验审计日志。服务器的日常备份仍用 pg_dump（见 README）。
      </Typography.Paragraph>
      <CommandForm<Values, { path: string; records: number } | null>
        form={form}
        verb="备份到文件…"
        formLabel="备份整个办公室"
        formProps={{ layout: 'inline' }}
        schema={schema}
        initialValues={{ passphrase: '', confirm: '' }}
        run={run}
        onDone={(r) => {
          if (!r) return;
          form.resetFields();
          void message.success(`已备份整个办公室（${r.records} 件记录）：${r.path}`);
        }}
      >
        <Form.Item label="备份口令" name="passphrase" required>
          <Input.Password autoComplete="new-password" style={{ width: 180 }} />
        </Form.Item>
        <Form.Item label="确认口令" name="confirm" required>
          <Input.Password autoComplete="new-password" style={{ width: 180 }} />
        </Form.Item>
      </CommandForm>
      {progress !== undefined && (
        <div style={{ maxWidth: 640, marginTop: 12 }}>
          <JobProgressBar progress={progress} label="服务器备份进度" onCancel={() => abort.current?.abort()} />
        </div>
      )}
    </div>
  );
}
