import { Alert, App, Button, Card, Form, Select, Space, Steps, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { todayIso } from '@shared/domain/dates';
import {
  IMPORT_FIELDS,
  importProblemForSheet,
  locateHeader,
  validateImportRows,
  type BadImportRow,
  type ImportFieldKey,
  type ImportMapping,
  type LocatedHeader,
} from '@shared/domain/incoming-import';
import { registrationSchema } from '@shared/domain/incoming';
import { useSend } from '../../db/commands/use-send';
import { usePlatform } from '../../platform/context';
import { useActor } from '../../ui/session';

interface Loaded {
  fileName: string;
  sheets: { name: string; rows: unknown[][] }[];
  sheetIndex: number;
  located: LocatedHeader;
  mapping: ImportMapping;
}

/**
 * 导入旧 Excel 收文登记簿: pick the file, check the guessed column mapping, see every bad row
 * with its reason, then import all valid rows in one transaction — or nothing.
 */
export function ImportWizard() {
  const platform = usePlatform();
  const actor = useActor();
  const send = useSend();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const pick = async () => {
    setError(null);
    const file = await platform.openFile({ filters: [{ name: 'Excel 工作簿', extensions: ['xlsx'] }] });
    if (!file) return;
    setBusy(true);
    try {
      const { readWorkbook } = await import('../../ui/xlsx');
      const { sheets } = await readWorkbook(file.data);
      const sheetIndex = Math.max(0, sheets.findIndex((s) => s.rows.some((r) => r.some((c) => c !== null && c !== undefined && c !== ''))));
      choose({ fileName: file.name, sheets, sheetIndex });
    } catch (e) {
      setLoaded(null);
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const choose = (v: { fileName: string; sheets: Loaded['sheets']; sheetIndex: number }) => {
    const rows = v.sheets[v.sheetIndex]?.rows ?? [];
    const located = locateHeader(rows);
    setLoaded({ ...v, located, mapping: located.mapping });
  };

  const problem = loaded ? importProblemForSheet(loaded.located.headers, loaded.located.dataRows, loaded.mapping) : null;
  const result = useMemo(() => {
    if (!loaded || problem?.blocking) return null;
    const checked = validateImportRows(loaded.located.dataRows, loaded.mapping, {
      defaultSignedBy: actor.displayName,
      firstRowNumber: loaded.located.firstRowNumber,
      today: todayIso(),
    });
    // The preview must promise nothing the save would refuse: every row also passes the very
    // rules a registration passes (lengths, 成文日期 ≤ 收文日期, 份号 …).
    const valid: typeof checked.valid = [];
    const bad = [...checked.bad];
    for (const row of checked.valid) {
      const parsed = registrationSchema.safeParse(row.registration);
      if (parsed.success) valid.push(row);
      else bad.push({ rowNumber: row.rowNumber, reason: parsed.error.issues.map((i) => i.message).join('；') });
    }
    bad.sort((a, b) => a.rowNumber - b.rowNumber);
    return { valid, bad };
  }, [loaded, problem, actor.displayName]);
  const warnings = (result?.valid ?? []).flatMap((r) => (r.warnings ?? []).map((w) => ({ rowNumber: r.rowNumber, reason: w })));

  const doImport = async () => {
    if (!result) return;
    setBusy(true);
    setError(null);
    try {
      const done = await send('incoming.import', result.valid);
      void message.success(`已导入 ${done.length} 件`);
      navigate('/incoming');
    } catch (e) {
      setError(`导入未完成，数据未作任何改动：${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(false);
    }
  };

  const step = !loaded ? 0 : result ? 2 : 1;
  const columnOptions = (loaded?.located.headers ?? []).map((h, i) => ({ value: i, label: `第 ${i + 1} 列：${h || '（无标题）'}` }));

  return (
    <Card title="导入旧收文登记簿（Excel）" extra={<Button onClick={() => navigate('/incoming')}>返回登记簿</Button>}>
      <Steps current={step} items={[{ title: '选择文件' }, { title: '核对列' }, { title: '预览并导入' }]} style={{ marginBottom: 24 }} />
      <Space style={{ marginBottom: 16 }}>
        <Button type="primary" loading={busy && !loaded} onClick={() => void pick()}>
          选择 Excel 文件
        </Button>
        {loaded && <Typography.Text>{loaded.fileName}</Typography.Text>}
        {loaded && loaded.sheets.length > 1 && (
          <Select
            aria-label="工作表"
            value={loaded.sheetIndex}
            onChange={(i) => choose({ fileName: loaded.fileName, sheets: loaded.sheets, sheetIndex: i })}
            options={loaded.sheets.map((s, i) => ({ value: i, label: s.name }))}
            style={{ width: 180 }}
          />
        )}
      </Space>
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
          <Button type="primary" disabled={result.valid.length === 0} loading={busy} onClick={() => void doImport()}>
            {`导入 ${result.valid.length} 行`}
          </Button>
        </>
      )}
    </Card>
  );
}
