import { Alert, App, Button, Card, Form, Select, Space, Steps, Table, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { todayIso } from '@shared/domain/dates';
import type { JobProgress } from '@shared/domain/job-progress';
import {
  IMPORT_FIELDS,
  importProblemForSheet,
  locateHeader,
  type BadImportRow,
  type ImportFieldKey,
  type ImportMapping,
  type ImportValidation,
  type LocatedHeader,
} from '@shared/domain/incoming-import';
import { CommandCancelledError } from '../../db/commands/define';
import { useSend } from '../../db/commands/use-send';
import { JobProgressBar } from '../../ui/JobProgressBar';
import { firstFilledSheet } from '../../ui/legacy-import-core';
import { ImportReadCancelled, LegacyImportReader, type SheetHead } from '../../ui/legacy-import';
import { usePlatform } from '../../platform/context';
import { useActor } from '../../ui/session';

interface Loaded {
  fileName: string;
  /** The top of each sheet (the whole workbook stays in the reader's worker). */
  sheets: SheetHead[];
  sheetIndex: number;
  located: LocatedHeader;
  mapping: ImportMapping;
}

/** A job running now: reading the file, checking its rows, or writing them. */
interface Running {
  progress: JobProgress;
  cancel: () => void;
}

export const IMPORT_CANCELLED_MESSAGE = '已取消导入，收文登记簿未作任何改动';

/**
 * 导入旧 Excel 收文登记簿: pick the file, check the guessed column mapping, see every bad row
 * with its reason, then import all valid rows in one transaction — or nothing. The file is read
 * and its rows checked in a Web Worker (renderer/ui/legacy-import.ts), the rows written by the
 * incoming.import command's bulk path; each stage shows its bar (读取文件 / 校验 / 写入) with 取消,
 * and a cancel at any stage leaves the register exactly as it was.
 */
export function ImportWizard() {
  const platform = usePlatform();
  const actor = useActor();
  const send = useSend();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [result, setResult] = useState<ImportValidation | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [running, setRunning] = useState<Running | null>(null);
  const reader = useRef<LegacyImportReader | null>(null);
  // Checks of an earlier mapping that finish late are dropped.
  const checkRun = useRef(0);

  useEffect(() => () => reader.current?.close(), []);

  const progressOf = (stage: string, unit: string, total: number): JobProgress => ({ stage, done: 0, total, unit, startedAt: performance.now() });
  const advance = (done: number, total: number) => setRunning((r) => (r ? { ...r, progress: { ...r.progress, done, total } } : r));

  /** Cancel while reading or checking: the worker is ended and the file forgotten. */
  const dropFile = () => {
    reader.current?.cancel();
    reader.current = null;
    checkRun.current += 1;
    setRunning(null);
    setLoaded(null);
    setResult(null);
    setNotice(IMPORT_CANCELLED_MESSAGE);
  };

  const pick = async () => {
    setError(null);
    setNotice(null);
    const file = await platform.openFile({ filters: [{ name: 'Excel 工作簿', extensions: ['xlsx'] }] });
    if (!file) return;
    reader.current?.close();
    const r = new LegacyImportReader();
    reader.current = r;
    setLoaded(null);
    setResult(null);
    setRunning({ progress: progressOf('读取文件', 'MB', Math.max(1, Math.round(file.data.length / 1024 / 1024))), cancel: dropFile });
    try {
      const sheets = await r.read(file.data);
      choose({ fileName: file.name, sheets, sheetIndex: firstFilledSheet(sheets) });
    } catch (e) {
      if (e instanceof ImportReadCancelled) return;
      setLoaded(null);
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      if (reader.current === r) setRunning(null);
    }
  };

  const choose = (v: { fileName: string; sheets: SheetHead[]; sheetIndex: number }) => {
    const located = locateHeader(v.sheets[v.sheetIndex]?.rows ?? []);
    setResult(null);
    setLoaded({ ...v, located, mapping: located.mapping });
  };

  const problem = loaded ? importProblemForSheet(loaded.located.headers, loaded.located.dataRows, loaded.mapping) : null;
  const checkable = !!loaded && !problem?.blocking;

  // Every row checked in the worker whenever the sheet or the mapping changes (as the preview did in place).
  useEffect(() => {
    if (!loaded || !checkable || !reader.current) return;
    const r = reader.current;
    const run = ++checkRun.current;
    setResult(null);
    const rowCount = loaded.sheets[loaded.sheetIndex]?.rowCount ?? 0;
    setRunning({ progress: progressOf('校验', '行', rowCount), cancel: dropFile });
    r.check(loaded.sheetIndex, loaded.mapping, { defaultSignedBy: actor.displayName, today: todayIso() }, (done, total) => {
      if (checkRun.current === run) advance(done, total);
    }).then(
      (checked) => {
        if (checkRun.current !== run) return;
        setResult(checked);
        setRunning(null);
      },
      (e: unknown) => {
        if (checkRun.current !== run || e instanceof ImportReadCancelled) return;
        setRunning(null);
        setError(e instanceof Error ? e.message : String(e));
      },
    );
  }, [loaded, checkable, actor.displayName]);

  const warnings = (result?.valid ?? []).flatMap((r) => (r.warnings ?? []).map((w) => ({ rowNumber: r.rowNumber, reason: w })));

  const doImport = async () => {
    if (!result) return;
    setError(null);
    setNotice(null);
    const controller = new AbortController();
    setRunning({ progress: progressOf('写入', '条', result.valid.length), cancel: () => controller.abort() });
    try {
      const done = await send('incoming.import', result.valid, { signal: controller.signal, progress: advance });
      reader.current?.close();
      reader.current = null;
      void message.success(`已导入 ${done.length} 件`);
      navigate('/incoming');
    } catch (e) {
      if (e instanceof CommandCancelledError) setNotice(IMPORT_CANCELLED_MESSAGE);
      else setError(`导入未完成，数据未作任何改动：${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setRunning(null);
    }
  };

  const step = !loaded ? 0 : result ? 2 : 1;
  const columnOptions = (loaded?.located.headers ?? []).map((h, i) => ({ value: i, label: `第 ${i + 1} 列：${h || '（无标题）'}` }));

  return (
    <Card title="导入旧收文登记簿（Excel）" extra={<Button onClick={() => navigate('/incoming')}>返回登记簿</Button>}>
      <Steps current={step} items={[{ title: '选择文件' }, { title: '核对列' }, { title: '预览并导入' }]} style={{ marginBottom: 24 }} />
      <Space style={{ marginBottom: 16 }}>
        <Button type="primary" disabled={!!running} onClick={() => void pick()}>
          选择 Excel 文件
        </Button>
        {loaded && <Typography.Text>{loaded.fileName}</Typography.Text>}
        {loaded && loaded.sheets.length > 1 && (
          <Select
            aria-label="工作表"
            value={loaded.sheetIndex}
            disabled={!!running}
            onChange={(i) => choose({ fileName: loaded.fileName, sheets: loaded.sheets, sheetIndex: i })}
            options={loaded.sheets.map((s, i) => ({ value: i, label: s.name }))}
            style={{ width: 180 }}
          />
        )}
      </Space>
      {running && (
        <div style={{ marginBottom: 16 }}>
          <JobProgressBar progress={running.progress} label="导入进度" onCancel={running.cancel} />
        </div>
      )}
      {notice && <Alert type="info" showIcon role="status" title={notice} style={{ marginBottom: 16 }} />}
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
      {problem && <Alert type={problem.blocking ? 'error' : 'warning'} showIcon title={problem.message} style={{ marginBottom: 16 }} />}
      {loaded && !(problem?.blocking && problem.kind !== 'unmapped') && (
        <Form layout="inline" component="div" style={{ rowGap: 8, marginBottom: 16 }} aria-label="列对应">
          {IMPORT_FIELDS.map((f) => (
            <Form.Item key={f.key} label={f.label} required={f.required}>
              <Select<number | null>
                aria-label={`${f.label}对应列`}
                allowClear
                placeholder="不导入"
                style={{ width: 170 }}
                value={loaded.mapping[f.key as ImportFieldKey]}
                disabled={!!running}
                onChange={(v) => setLoaded({ ...loaded, mapping: { ...loaded.mapping, [f.key]: v ?? null } })}
                options={columnOptions}
              />
            </Form.Item>
          ))}
        </Form>
      )}
      {result && (
        <>
          <Alert
            type={result.bad.length ? 'warning' : 'success'}
            showIcon
            role="status"
            style={{ marginBottom: 16 }}
            title={`可导入 ${result.valid.length} 行${result.bad.length ? `，有问题 ${result.bad.length} 行（不导入，请在 Excel 中改正后另行导入）` : ''}`}
          />
          {result.bad.length > 0 && (
            <Table<BadImportRow>
              aria-label="有问题的行"
              rowKey="rowNumber"
              size="small"
              pagination={false}
              style={{ marginBottom: 16 }}
              dataSource={result.bad}
              columns={[
                { title: '行号', dataIndex: 'rowNumber', width: 90, render: (n: number) => `第 ${n} 行` },
                { title: '原因', dataIndex: 'reason' },
              ]}
            />
          )}
          {warnings.length > 0 && (
            <Table<BadImportRow>
              aria-label="导入时将作的改动"
              title={() => '以下行可以导入，但内容将按规则调整（请核对）：'}
              rowKey={(w) => `${w.rowNumber}-${w.reason}`}
              size="small"
              pagination={false}
              style={{ marginBottom: 16 }}
              dataSource={warnings}
              columns={[
                { title: '行号', dataIndex: 'rowNumber', width: 90, render: (n: number) => `第 ${n} 行` },
                { title: '说明', dataIndex: 'reason' },
              ]}
            />
          )}
          <Button type="primary" disabled={result.valid.length === 0 || !!running} onClick={() => void doImport()}>
            {`导入 ${result.valid.length} 行`}
          </Button>
        </>
      )}
    </Card>
  );
}
