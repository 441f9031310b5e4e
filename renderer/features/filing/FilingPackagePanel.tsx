import { Alert, Button, Card, Collapse, Descriptions, List, Progress, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useRef, useState } from 'react';
import type { JobProgress } from '@shared/domain/job-progress';
import { useDb } from '../../db/DbContext';
import { usePlatform } from '../../platform/context';
import { formatLocalTime } from '../../ui/format-time';
import { useActor } from '../../ui/session';
import { exportFilingPackage, pickAndCheckFilingPackage, type PackageCheckResult, type PackageExportResult, type PackageProgress } from './filing-package-runner';
import { errorText } from '../../ui/error-text';
import { JobProgressBar } from '../../ui/JobProgressBar';

// 归档包 (issue #6): export a year's filing as one zip, and check any package: every file the
// manifest lists present with the same SHA-256, nothing else added, and the manifest itself the
// one this PC exported (its SHA-256 is in the audit log). On screen in the office's words (清单,
// 校验值); file names and hash algorithms are folded away under 技术细节 for whoever needs them.

/** A collapsed 技术细节 under the plain words. */
function TechnicalDetails({ children }: { children: ReactNode }) {
  return <Collapse size="small" ghost style={{ marginBottom: 8 }} items={[{ key: 'details', label: '技术细节', children }]} />;
}

export function FilingPackagePanel({ year }: { year: number }) {
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%', maxWidth: 900 }}>
      <ExportPackage year={year} />
      <CheckPackage />
    </Space>
  );
}

function ExportPackage({ year }: { year: number }) {
  const db = useDb();
  const platform = usePlatform();
  const actor = useActor();
  const [progress, setProgress] = useState<PackageProgress | null>(null);
  const [result, setResult] = useState<PackageExportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const pdf = platform.canMakePdf;
  const run = async () => {
    setError(null);
    setResult(null);
    setProgress({ done: 0, total: 1 });
    try {
      setResult(await exportFilingPackage(db, actor, platform, year, setProgress));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setProgress(null);
    }
  };
  return (
    <Card size="small" title={`导出 ${year} 年度归档包`}>
      <Typography.Paragraph type="secondary">
        一个压缩文件，内有：归档文件目录（Excel 和 PDF），每件的收文处理笺或会议纪要（PDF）、登记和办理过程记录及其电子文件（所附扫描件，每件一个文件夹），以及一份清单。清单记下包内每个文件的校验值，日后据此核对归档包是否齐全、有无改动。涉密文件的
        PDF 带导出人水印。
      </Typography.Paragraph>
      <TechnicalDetails>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          zip 格式。目录：catalogue.xlsx、catalogue.pdf；每件：items/档号.json（数据及办理过程）和 items/档号.pdf；清单：manifest.json，含每个文件的 SHA-256
          校验值和导出时审计日志末条的哈希值。清单本身的 SHA-256 记入本机审计日志。
        </Typography.Paragraph>
      </TechnicalDetails>
      {!pdf && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title="浏览器版不能生成 PDF：此处导出的归档包不含归档文件目录和各件的 PDF（桌面版包含）。" />}
      <Button type="primary" onClick={() => void run()} loading={progress !== null}>
        导出归档包
      </Button>
      {progress && progress.total > 1 && <Progress style={{ marginTop: 12 }} percent={Math.floor((progress.done / progress.total) * 100)} format={() => `${progress.done}/${progress.total}`} />}
      {error && <Alert role="alert" type="error" showIcon style={{ marginTop: 12 }} title={error} />}
      {result && (
        <Alert
          type="success"
          showIcon
          style={{ marginTop: 12 }}
          title={`已导出归档包：${result.items} 件，${result.files} 个文件`}
          description={
            <>
              <div>{result.path}</div>
              {result.withheld > 0 && <div>{result.withheld} 件不在您的知悉范围内，包中只有其目录信息。</div>}
              <div>清单的校验值已记入审计日志，日后可在“校验归档包”中核对。</div>
              <TechnicalDetails>
                <Typography.Text type="secondary">清单 manifest.json 的 SHA-256：</Typography.Text>
                <Typography.Text code copyable>{result.manifestSha256}</Typography.Text>
              </TechnicalDetails>
            </>
          }
        />
      )}
    </Card>
  );
}

function FileList({ title, paths }: { title: string; paths: string[] }) {
  if (paths.length === 0) return null;
  return (
    <List
      size="small"
      header={<strong>{`${title}（${paths.length}）`}</strong>}
      dataSource={paths}
      renderItem={(p) => (
        <List.Item>
          <Typography.Text code>{p}</Typography.Text>
        </List.Item>
      )}
    />
  );
}

function CheckPackage() {
  const db = useDb();
  const platform = usePlatform();
  const actor = useActor();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<PackageCheckResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [cancelled, setCancelled] = useState(false);
  // undefined: no check running; null: started, nothing read yet.
  const [progress, setProgress] = useState<JobProgress | null | undefined>(undefined);
  const abort = useRef<AbortController | null>(null);
  const run = async () => {
    setError(null);
    setCancelled(false);
    setBusy(true);
    const controller = new AbortController();
    abort.current = controller;
    try {
      const r = await pickAndCheckFilingPackage(db, actor, platform, { signal: controller.signal, onProgress: setProgress });
      if (r) setResult(r);
    } catch (e) {
      // 取消 is the user's choice, not a failure: nothing was checked, nothing logged.
      if (controller.signal.aborted) setCancelled(true);
      else setError(errorText(e));
    } finally {
      abort.current = null;
      setProgress(undefined);
      setBusy(false);
    }
  };
  const v = result?.verification;
  return (
    <Card size="small" title="校验归档包">
      <Typography.Paragraph type="secondary">选择一个归档包，逐一核对包内每个文件的校验值是否与清单一致，列出缺失、被改动和清单外多出的文件，并查明清单是否本机导出、未被改写。</Typography.Paragraph>
      <TechnicalDetails>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          重算每个文件的 SHA-256 与 manifest.json 所列比对；再以 manifest.json 本身的 SHA-256 在本机审计日志中查找导出记录。
        </Typography.Paragraph>
      </TechnicalDetails>
      <Button onClick={() => void run()} loading={busy}>
        校验归档包
      </Button>
      {busy && progress !== undefined && (
        <div style={{ marginTop: 12 }}>
          <JobProgressBar progress={progress} label="校验进度" onCancel={() => abort.current?.abort()} />
        </div>
      )}
      {cancelled && <Alert type="info" showIcon style={{ marginTop: 12 }} title="已取消校验，未记录结果" />}
      {error && <Alert role="alert" type="error" showIcon style={{ marginTop: 12 }} title={error} />}
      {result && v && (
        <div style={{ marginTop: 12 }} aria-label="校验结果" role="region">
          {v.problem ? (
            <Alert type="error" showIcon title={`${result.fileName}：${v.problem}`} />
          ) : v.ok ? (
            <Alert type="success" showIcon title={`${result.fileName}：完整，${v.checked} 个文件均与清单一致`} />
          ) : (
            <Alert
              type="error"
              showIcon
              title={`${result.fileName}：发现问题——${[v.missing.length && `缺失 ${v.missing.length} 个文件`, v.altered.length && `${v.altered.length} 个文件被改动`, v.extra.length && `多出 ${v.extra.length} 个文件`].filter(Boolean).join('，')}`}
            />
          )}
          {v.manifest && (
            <Descriptions size="small" column={2} bordered style={{ marginTop: 12 }}>
              <Descriptions.Item label="单位">{`${v.manifest.unit.name}（全宗号 ${v.manifest.unit.fondsCode}）`}</Descriptions.Item>
              <Descriptions.Item label="年度">{v.manifest.year}</Descriptions.Item>
              <Descriptions.Item label="导出时间">{formatLocalTime(v.manifest.createdAt)}</Descriptions.Item>
              <Descriptions.Item label="导出人">{v.manifest.createdBy.name}</Descriptions.Item>
              <Descriptions.Item label="件数">{v.manifest.items.length}</Descriptions.Item>
              <Descriptions.Item label="导出时审计日志">{`截至第 ${v.manifest.auditHead.seq} 条`}</Descriptions.Item>
              <Descriptions.Item label="本机导出记录" span={2}>
                {result.exportFound
                  ? `有：${formatLocalTime(result.exportFound.time)} 由 ${result.exportFound.actorName} 导出（审计日志第 ${result.exportFound.seq} 条）`
                  : '无：本机审计日志中没有导出此清单的记录（在其他电脑导出，或清单已被改写）'}
              </Descriptions.Item>
            </Descriptions>
          )}
          <FileList title="缺失的文件" paths={v.missing} />
          <FileList title="被改动的文件" paths={v.altered} />
          <FileList title="清单外多出的文件" paths={v.extra} />
        </div>
      )}
    </Card>
  );
}
