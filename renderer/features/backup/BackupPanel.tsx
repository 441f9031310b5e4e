import { Alert, App, Button, Card, Descriptions, Form, Input, InputNumber, Space, Typography } from 'antd';
import { useLiveQuery } from '../../db/live';
import { useEffect, useRef, useState } from 'react';
import type { JobProgress } from '@shared/domain/job-progress';
import { JobProgressBar } from '../../ui/JobProgressBar';
import { useDb } from '../../db/DbContext';
import { backupOverdue, getBackupSettings } from '../../db/backup/backup-settings';
import { useSend } from '../../db/commands/use-send';
import { RESTORE_SWITCH_STAGE as SWITCH_STAGE, TABLE_LABELS, type OpenedBackup } from '../../db/backup/restore';
import { ATTACHMENT_CHUNKS_TABLE, recordCount } from '../../db/backup/backup';
import { formatSize } from '@shared/domain/attachment';
import { usePlatform } from '../../platform/context';
import { formatLocalTime } from '../../ui/format-time';
import { noteForAfterReload } from '../../ui/after-reload';
import { useActor } from '../../ui/session';
import { BACKUP_FILTERS, openBackup, runBackup, runRestore } from './backup-runner';
import { errorText } from '../../ui/error-text';
import { CommandForm } from '../../ui/CommandForm';
import { useChosenFile } from '../../ui/chosen-file';

// 设置 → 备份与恢复 (issue #6), for the 系统管理员: a backup now, the schedule (folder, interval,
// copies kept, passphrase), the last result, and restoring a backup file.



export function BackupPanel() {
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%', maxWidth: 860 }}>
      <BackupStatus />
      <BackupNow />
      <BackupSchedule />
      <RestoreBackup />
    </Space>
  );
}

function BackupStatus() {
  const db = useDb();
  const s = useLiveQuery(() => getBackupSettings(db), [db]);
  if (!s) return null;
  const overdue = backupOverdue(s, new Date());
  return (
    <Card size="small" title="备份状态">
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label="最近一次成功备份">
          {s.lastSuccess ? `${formatLocalTime(s.lastSuccess.at)}（${s.lastSuccess.kind}，${s.lastSuccess.records} 条记录）${s.lastSuccess.path}` : '从未备份'}
        </Descriptions.Item>
        {s.lastFailure && <Descriptions.Item label="最近一次失败">{`${formatLocalTime(s.lastFailure.at)}：${s.lastFailure.message}`}</Descriptions.Item>}
      </Descriptions>
      {overdue && <Alert style={{ marginTop: 12 }} type="warning" showIcon title={s.lastSuccess ? '距上次成功备份已超过定时备份的间隔，请立即备份并检查定时备份设置。' : '本机数据从未备份，请立即备份，并设置定时备份。'} />}
    </Card>
  );
}

function BackupNow() {
  const db = useDb();
  const platform = usePlatform();
  const actor = useActor();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ passphrase: string; confirm: string }>();
  return (
    <Card size="small" title="立即备份">
      <Typography.Paragraph type="secondary">
        备份文件包含全部数据（含涉密载体台账和审计日志），用备份口令加密；恢复时须输入同一口令，口令遗失则备份无法恢复。请将备份文件存放在符合保密要求的介质上。
      </Typography.Paragraph>
      <CommandForm<{ passphrase: string; confirm: string }, Awaited<ReturnType<typeof runBackup>>>
        form={form}
        verb="备份"
        formLabel="立即备份"
        formProps={{ layout: 'inline', style: { rowGap: 8 } }}
        run={(v) => runBackup(db, actor, platform, { kind: '手动', passphrase: v.passphrase })}
        onDone={(r) => {
          if (!r.done) return;
          void message.success(`已备份 ${r.run.records} 条记录`);
          form.resetFields();
        }}
      >
        <Form.Item label="备份口令" name="passphrase" rules={[{ required: true, message: '请输入备份口令' }, { min: 8, message: '备份口令至少 8 个字符' }]}>
          <Input.Password style={{ width: 200 }} autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          label="确认口令"
          name="confirm"
          dependencies={['passphrase']}
          rules={[{ required: true, message: '请再次输入备份口令' }, ({ getFieldValue }) => ({ validator: (_, v) => (v === getFieldValue('passphrase') ? Promise.resolve() : Promise.reject(new Error('两次输入的口令不一致'))) })]}
        >
          <Input.Password style={{ width: 200 }} autoComplete="new-password" />
        </Form.Item>
      </CommandForm>
    </Card>
  );
}

interface ScheduleValues {
  intervalDays: number;
  keep: number;
  passphrase: string;
  confirm: string;
}

function BackupSchedule() {
  const db = useDb();
  const platform = usePlatform();
  const send = useSend();
  const { message } = App.useApp();
  const [form] = Form.useForm<ScheduleValues>();
  const [folder, setFolder] = useState<string | null | undefined>(undefined);
  const s = useLiveQuery(() => getBackupSettings(db), [db]);
  useEffect(() => {
    void platform.backupFolder().then(setFolder);
  }, [platform]);
  useEffect(() => {
    if (s) form.setFieldsValue({ intervalDays: s.intervalDays, keep: s.keep });
    // Only the first load fills the form; later saves come from it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [!!s]);
  const choose = async () => {
    if (!platform.canChooseFolder) return void message.warning('浏览器版不能选择备份文件夹，定时备份请使用桌面版');
    const r = await platform.chooseBackupFolder();
    if (r.chosen) setFolder(r.path);
    else if (r.reason === 'unsupported') void message.warning('浏览器版不能选择备份文件夹，定时备份请使用桌面版');
  };
  const run = (v: ScheduleValues) => {
    const secrets = platform.secrets;
    return send('backup.settings.save', { intervalDays: v.intervalDays, keep: v.keep, passphrase: v.passphrase ?? '', ...(secrets ? { seal: (t: string) => secrets.seal(t) } : {}) });
  };
  return (
    <Card size="small" title="定时备份">
      <Descriptions size="small" column={1} bordered style={{ marginBottom: 12 }}>
        <Descriptions.Item label="备份文件夹">
          <Space>
            <span>{folder === undefined ? '…' : (folder ?? '未选择')}</span>
            <Button size="small" onClick={() => void choose()}>
              选择文件夹
            </Button>
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label="定时备份口令">{s?.scheduledKey || s?.scheduledKeySealed ? '已设置' : '未设置（设置后才会定时备份）'}</Descriptions.Item>
      </Descriptions>
      <CommandForm<ScheduleValues, unknown>
        form={form}
        verb="保存"
        formLabel="定时备份"
        formProps={{ layout: 'inline', style: { rowGap: 8 } }}
        run={run}
        onDone={() => {
          form.setFieldsValue({ passphrase: '', confirm: '' });
          void message.success('备份设置已保存');
        }}
      >
        <Form.Item label="备份间隔" name="intervalDays" extra="0 表示不定时备份">
          <InputNumber min={0} max={30} suffix="天" style={{ width: 110 }} />
        </Form.Item>
        <Form.Item label="保留份数" name="keep">
          <InputNumber min={1} max={365} style={{ width: 100 }} />
        </Form.Item>
        <Form.Item label="定时备份口令" name="passphrase" extra={s?.scheduledKey || s?.scheduledKeySealed ? '留空则不更换' : '至少 8 个字符'}>
          <Input.Password style={{ width: 200 }} autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          label="确认定时备份口令"
          name="confirm"
          dependencies={['passphrase']}
          rules={[({ getFieldValue }) => ({ validator: (_, v) => ((v ?? '') === (getFieldValue('passphrase') ?? '') ? Promise.resolve() : Promise.reject(new Error('两次输入的口令不一致'))) })]}
        >
          <Input.Password style={{ width: 200 }} autoComplete="new-password" />
        </Form.Item>
      </CommandForm>
    </Card>
  );
}

function RestoreBackup() {
  const db = useDb();
  const platform = usePlatform();
  const actor = useActor();
  const { modal } = App.useApp();
  // Read a frame at a time, never whole (issue #17: gigabytes of scans).
  const [file, setFile] = useChosenFile();
  const [passphrase, setPassphrase] = useState('');
  const [opened, setOpened] = useState<OpenedBackup | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  // While restoring: the bar (null: starting) and the 取消 it offers until the switch begins.
  const [progress, setProgress] = useState<JobProgress | null | undefined>(undefined);
  const abort = useRef<AbortController | null>(null);

  const pick = async () => {
    setError(null);
    setOpened(null);
    const f = await platform.openFileForReading({ filters: BACKUP_FILTERS });
    if (f) setFile(f);
  };
  const open = async () => {
    if (!file) return;
    setError(null);
    setBusy(true);
    try {
      setOpened(await openBackup(file, passphrase));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const restore = () => {
    if (!opened) return;
    modal.confirm({
      title: '确认恢复',
      content: '恢复将用备份中的数据替换本机全部数据。恢复前先把当前数据备份为“文枢恢复前备份-…”文件（口令与本次输入的备份口令相同）。恢复完成后需用备份中的账号重新登录。',
      okText: '恢复',
      cancelText: '取消',
      onOk: async () => {
        setBusy(true);
        setError(null);
        setProgress(null);
        const controller = new AbortController();
        abort.current = controller;
        try {
          const r = await runRestore(db, actor, platform, opened, passphrase, new Date(), { signal: controller.signal, onProgress: setProgress });
          if ('cancelled' in r) setError('未保存恢复前的安全备份，已取消恢复');
          else {
            const text = `已恢复 ${recordCount(r.counts)} 条记录；恢复前的数据已备份到 ${r.safetyPath}（口令同本备份）。请用备份中的账号重新登录。`;
            setDone(text);
            // The signed-in account may not exist in the restored data, and every cache holds the
            // old data: reload now, before the login page can take any typing, and let the login
            // page after the reload say what was restored.
            noteForAfterReload(text);
            await file?.close().catch(() => undefined);
            window.location.reload();
          }
        } catch (e) {
          const text = errorText(e);
          setError(text.includes('当前数据未作任何改动') ? text : `${text}。当前数据未作任何改动。`);
        } finally {
          abort.current = null;
          setProgress(undefined);
          setBusy(false);
        }
      },
    });
  };
  // 取消 is offered until the switch begins (after it, the restore is as good as done).
  const cancellable = progress === null || (progress !== undefined && progress.stage !== SWITCH_STAGE);
  const m = opened?.manifest;
  return (
    <Card size="small" title="从备份恢复">
      <section aria-label="从备份恢复">
        <div>
          <Space wrap>
            <Button onClick={() => void pick()}>选择备份文件</Button>
            <span>{file ? file.name : '未选择'}</span>
          </Space>
        </div>
        {file && (
          <div style={{ marginTop: 12 }}>
            <Space wrap>
              <label htmlFor="restore-passphrase">备份口令</label>
              <Input.Password id="restore-passphrase" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} style={{ width: 200 }} onPressEnter={() => void open()} />
              <Button onClick={() => void open()} loading={busy && !opened} disabled={!passphrase}>
                打开
              </Button>
            </Space>
          </div>
        )}
      {m && (
        <>
          <Descriptions size="small" column={2} bordered style={{ marginTop: 12 }} title="备份清单">
            <Descriptions.Item label="备份时间">{formatLocalTime(m.createdAt)}</Descriptions.Item>
            <Descriptions.Item label="备份人">{m.createdBy}</Descriptions.Item>
            <Descriptions.Item label="单位">{m.unitName}</Descriptions.Item>
            <Descriptions.Item label="程序与数据版本">{`文枢 ${m.appVersion}，数据版本 ${m.schemaVersion}`}</Descriptions.Item>
            <Descriptions.Item label="审计日志" span={2}>{`至第 ${m.auditHead.seq} 条`}</Descriptions.Item>
            <Descriptions.Item label="记录数" span={2}>
              {Object.entries(m.counts)
                // A file's chunks are its bytes, not records: the files are counted below.
                .filter(([t, n]) => n > 0 && t !== ATTACHMENT_CHUNKS_TABLE)
                .map(([t, n]) => `${TABLE_LABELS[t] ?? t} ${n}`)
                .join('，')}
            </Descriptions.Item>
            {m.attachments && (
              <Descriptions.Item label="附件" span={2}>
                {m.attachments.files ? `${m.attachments.files} 个文件，共 ${formatSize(m.attachments.bytes)}` : '无'}
              </Descriptions.Item>
            )}
          </Descriptions>
          <Button danger type="primary" style={{ marginTop: 12 }} loading={busy} onClick={restore}>
            恢复
          </Button>
        </>
      )}
      {progress !== undefined && (
        <div style={{ marginTop: 12 }}>
          <JobProgressBar progress={progress} label="恢复进度" {...(cancellable ? { onCancel: () => abort.current?.abort() } : {})} />
        </div>
      )}
      {error && <Alert style={{ marginTop: 12 }} type="error" showIcon role="alert" title={error} />}
      {done && <Alert style={{ marginTop: 12 }} type="success" showIcon title={done} />}
      </section>
    </Card>
  );
}
