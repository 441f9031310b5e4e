import { Button, Space, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { FileDrop } from '../../ui/FileDrop';
import { errorText } from '../../ui/error-text';
import type { ScanSuggestions } from '../../ui/pdf-text';

// 登记 from a scan (issue #17 §2): the 原件扫描件 chosen or dropped on the form is attached when the
// 收文 is saved; where the PDF has a text layer, its first lines are offered as 标题 and a 发文字号
// found in it as 来文字号 — offered only: nothing goes into a field until the secretary presses 采用.

export interface ScanBoxProps {
  file: File | null;
  onFile: (file: File | null) => void;
  /** Puts an offered value into the form's field (标题 or 来文字号). */
  onAdopt: (field: 'title' | 'docNumber', value: string) => void;
}

type Reading = { file: File; result: ScanSuggestions | { error: string } };

/** The bytes of a File (FileReader: also where Blob has no arrayBuffer(), as under jsdom). */
function bytesOf(file: Blob): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error ?? new Error('读取文件失败'));
    reader.readAsArrayBuffer(file);
  });
}

function isPdf(file: File): boolean {
  return file.type === 'application/pdf' || /\.pdf$/i.test(file.name);
}

export function ScanBox({ file, onFile, onAdopt }: ScanBoxProps) {
  const [reading, setReading] = useState<Reading | null>(null);

  useEffect(() => {
    if (!file || !isPdf(file)) return;
    let live = true;
    // pdf.js (and the reader) load only when a PDF is chosen.
    void Promise.all([bytesOf(file), import('../../ui/pdf-text')])
      .then(([bytes, m]) => m.readScanSuggestions(bytes))
      .then(
        (result) => live && setReading({ file, result }),
        (e: unknown) => live && setReading({ file, result: { error: errorText(e) } }),
      );
    return () => {
      live = false;
    };
  }, [file]);

  const read = reading && reading.file === file ? reading.result : null;
  return (
    <div style={{ marginBottom: 16 }} aria-label="原件扫描件" role="group">
      <Typography.Text strong style={{ display: 'block', marginBottom: 6 }}>
        原件扫描件
      </Typography.Text>
      <FileDrop value={file} onChange={onFile} hint="将扫描件（PDF、JPG、PNG、OFD）拖到此处或本表上，登记时一并保存；或" />
      {file && isPdf(file) && (
        <div data-testid="scan-suggestions" style={{ marginTop: 8, padding: '8px 12px', background: '#f6ffed', border: '1px solid #b7eb8f', borderRadius: 6 }}>
          <Typography.Text strong>从扫描件识别</Typography.Text>
          {read === null && (
            <Space style={{ marginLeft: 12 }}>
              <Spin size="small" /> 正在读取扫描件文字…
            </Space>
          )}
          {read && 'error' in read && (
            <Typography.Text type="secondary" style={{ marginLeft: 12 }}>
              无法读取扫描件文字（{read.error}），请手工录入。
            </Typography.Text>
          )}
          {read && !('error' in read) && read.titles.length === 0 && !read.docNumber && (
            <Typography.Text type="secondary" style={{ marginLeft: 12 }}>
              扫描件没有文字层，无法识别，请手工录入。
            </Typography.Text>
          )}
          {read && !('error' in read) && (read.docNumber || read.titles.length > 0) && (
            <div style={{ marginTop: 4 }}>
              <Typography.Text type="secondary">以下内容由扫描件文字识别，请核对后采用：</Typography.Text>
              {read.docNumber && (
                <div>
                  来文字号：<Typography.Text code>{read.docNumber}</Typography.Text>
                  <Button size="small" type="link" aria-label={`采用来文字号 ${read.docNumber}`} onClick={() => onAdopt('docNumber', read.docNumber!)}>
                    采用
                  </Button>
                </div>
              )}
              {read.titles.map((t) => (
                <div key={t}>
                  标题：<Typography.Text>{t}</Typography.Text>
                  <Button size="small" type="link" aria-label={`采用标题 ${t}`} onClick={() => onAdopt('title', t)}>
                    采用
                  </Button>
                </div>
              ))}
            </div>
          )}
        </div>
      )}
    </div>
  );
}
