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
import { alreadyImportedMessage, sheetFileKey } from '@shared/domain/imported-files';
import { CommandCancelledError } from '../../db/commands/define';
import { useDb } from '../../db/DbContext';
import { importedExcelFile } from '../../db/repositories/imported-files';
import { repeatedImportRows, type RepeatedImportRow } from '../../db/repositories/incoming';
import { useSend } from '../../db/commands/use-send';
import { JobProgressBar } from '../../ui/JobProgressBar';
import { firstFilledSheet } from '../../ui/legacy-import-core';
import { ImportReadCancelled, LegacyImportReader, type SheetHead } from '../../ui/legacy-import';
import { usePlatform } from '../../platform/context';
import { useActor } from '../../ui/session';

interface Loaded {
  fileName: string;
  /** SHA-256 of the file (computed in the reader's worker): the record of imported files knows it by this. */
  sha256: string;
  /** The top of each sheet (the whole workbook stays in the reader's worker). */
  sheets: SheetHead[];
  sheetIndex: number;
  located: LocatedHeader;
  mapping: ImportMapping;
}

/** The rows checked: those to import, those refused with their reason, those already in the register. */
interface Checked extends ImportValidation {
  repeated: RepeatedImportRow[];
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
 * and a cancel at any stage leaves the register exactly as it was. A file imported before (by its
 * SHA-256) is refused at once, saying when and by whom; rows already in the register (imported from
 * another file) are listed with their 收文编号 and left out (issue #20).
 */
export function ImportWizard() {
  const platform = usePlatform();
  const actor = useActor();
  const send = useSend();
  const db = useDb();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [result, setResult] = useState<Checked | null>(null);
  /** The file picked was imported before: the message saying when and by whom. */
  const [importedBefore, setImportedBefore] = useState<{ fileName: string; message: string } | null>(null);
  /** The chosen sheet of a workbook of several, imported before (the others may still come in). */
  const [sheetImported, setSheetImported] = useState<{ key: string; message: string } | null>(null);
  const chosenSheetKey = useRef('');
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
    setImportedBefore(null);
    const file = await platform.openFile({ filters: [{ name: 'Excel 工作簿', extensions: ['xlsx'] }] });
    if (!file) return;
    reader.current?.close();
    const r = new LegacyImportReader();
    reader.current = r;
    setLoaded(null);
    setResult(null);
    setRunning({ progress: progressOf('读取文件', 'MB', Math.max(1, Math.round(file.data.length / 1024 / 1024))), cancel: dropFile });
    try {
      const { sheets, sha256 } = await r.read(file.data);
      const first = firstFilledSheet(sheets);
      const earlier = await importedExcelFile(db, actor, sheetFileKey(sha256, sheets[first]?.name ?? ''));
      if (reader.current !== r) return;
      // A workbook of one sheet imported before: nothing to choose, map or check. (Of several sheets,
      // the others may still come in: see choose.)
      if (earlier && sheets.length === 1) {
        // Imported before: nothing to map or check; the worker and its sheets are freed.
        r.close();
        reader.current = null;
        setRunning(null);
        setImportedBefore({ fileName: file.name, message: alreadyImportedMessage(earlier) });
        return;
      }
      choose({ fileName: file.name, sha256, sheets, sheetIndex: first });
    } catch (e) {
      if (e instanceof ImportReadCancelled) return;
      setLoaded(null);
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      if (reader.current === r) setRunning(null);
    }
  };

  const choose = (v: { fileName: string; sha256: string; sheets: SheetHead[]; sheetIndex: number }) => {
    const located = locateHeader(v.sheets[v.sheetIndex]?.rows ?? []);
    setResult(null);
    setLoaded({ ...v, located, mapping: located.mapping });
    // Each sheet of a workbook is imported once: this one's record, if it came in before.
    setSheetImported(null);
    const key = sheetFileKey(v.sha256, v.sheets[v.sheetIndex]?.name ?? '');
    chosenSheetKey.current = key;
    void importedExcelFile(db, actor, key).then((e) => {
      if (chosenSheetKey.current === key) setSheetImported(e ? { key, message: alreadyImportedMessage(e) } : null);
    });
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
    })
      .then(async (checked) => {
        if (checkRun.current !== run) return;
        // Rows another file brought in already: listed, not imported again.
        const repeated = await repeatedImportRows(db, actor, checked.valid);
        if (checkRun.current !== run) return;
        const again = new Set(repeated.map((x) => x.rowNumber));
        setResult({ valid: checked.valid.filter((x) => !again.has(x.rowNumber)), bad: checked.bad, repeated });
        setRunning(null);
      })
      .catch((e: unknown) => {
        if (checkRun.current !== run || e instanceof ImportReadCancelled) return;
        setRunning(null);
        setError(e instanceof Error ? e.message : String(e));
      });
  }, [loaded, checkable, actor, db]);

  const warnings = (result?.valid ?? []).flatMap((r) => (r.warnings ?? []).map((w) => ({ rowNumber: r.rowNumber, reason: w })));

  const doImport = async () => {
    if (!result) return;
    setError(null);
    setNotice(null);
    const controller = new AbortController();
    setRunning({ progress: progressOf('写入', '条', result.valid.length), cancel: () => controller.abort() });
    try {
      const sheet = loaded?.sheets[loaded.sheetIndex]?.name ?? '';
      const file = loaded ? { sha256: sheetFileKey(loaded.sha256, sheet), name: loaded.sheets.length > 1 ? `${loaded.fileName}（工作表 ${sheet}）` : loaded.fileName } : undefined;
      const done = await send('incoming.import', { rows: result.valid, ...(file ? { file } : {}) }, { signal: controller.signal, progress: advance });
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
        {importedBefore && <Typography.Text>{importedBefore.fileName}</Typography.Text>}
        {loaded && loaded.sheets.length > 1 && (
          <Select
            aria-label="工作表"
            value={loaded.sheetIndex}
            disabled={!!running}
            onChange={(i) => choose({ fileName: loaded.fileName, sha256: loaded.sha256, sheets: loaded.sheets, sheetIndex: i })}
            options={loaded.sheets.map((s, i) => ({ value: i, label: s.name, title: s.name }))}
            style={{ width: 180 }}
          />
        )}
      </Space>
      {importedBefore && <Alert type="warning" showIcon role="alert" aria-label="文件已导入过" title={importedBefore.message} style={{ marginBottom: 16 }} />}
      {sheetImported && loaded && <Alert type="warning" showIcon role="alert" aria-label="工作表已导入过" title={`工作表“${loaded.sheets[loaded.sheetIndex]?.name ?? ''}”：${sheetImported.message}；可选择其他工作表`} style={{ marginBottom: 16 }} />}
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
            title={`可导入 ${result.valid.length} 行${result.repeated.length ? `，已在登记簿中 ${result.repeated.length} 行（不再导入）` : ''}${result.bad.length ? `，有问题 ${result.bad.length} 行（不导入，请在 Excel 中改正后另行导入）` : ''}`}
          />
          {result.repeated.length > 0 && (
            <Table<RepeatedImportRow>
              aria-label="已在登记簿中的行"
              title={() => '以下行已在收文登记簿中（按原编号或收文日期、来文单位、文号、标题核对），不再导入：'}
              rowKey="rowNumber"
              size="small"
              pagination={result.repeated.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
              style={{ marginBottom: 16 }}
              dataSource={result.repeated}
              columns={[
                { title: '行号', dataIndex: 'rowNumber', width: 90, render: (n: number) => `第 ${n} 行` },
                { title: '说明', dataIndex: 'reason' },
              ]}
            />
          )}
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
          <Button type="primary" disabled={result.valid.length === 0 || !!running || !!sheetImported} onClick={() => void doImport()}>
            {`导入 ${result.valid.length} 行`}
          </Button>
        </>
      )}
    </Card>
  );
}
