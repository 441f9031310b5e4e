import { InboxOutlined } from '@ant-design/icons';
import { Button, Typography } from 'antd';
import { useId, useRef, useState, type DragEvent } from 'react';
import { formatSize } from '@shared/domain/attachment';

// A file box for forms (antd Form.Item value/onChange): drop a file on it or 选择文件. Holds the
// File itself (attachment.add takes a Blob; its name comes from File.name).

export const ATTACHMENT_ACCEPT = '.pdf,.jpg,.jpeg,.png,.ofd,application/pdf,image/jpeg,image/png';

export interface FileDropProps {
  value?: File | null;
  onChange?: (file: File | null) => void;
  /** What the box says before a file is chosen. */
  hint?: string;
  accept?: string;
  id?: string;
  'aria-invalid'?: boolean;
  disabled?: boolean;
}

export function FileDrop({ value, onChange, hint = '将文件拖到此处，或', accept = ATTACHMENT_ACCEPT, id, disabled, ...aria }: FileDropProps) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const ownId = useId();
  const inputId = id ?? ownId;
  const take = (file: File | undefined) => file && onChange?.(file);
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    if (!disabled) take(e.dataTransfer.files[0]);
  };
  return (
    <div
      className="ws-file-drop"
      data-testid="file-drop"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
      style={{
        border: `1px dashed ${aria['aria-invalid'] ? '#ff4d4f' : over ? '#1677ff' : '#d9d9d9'}`,
        borderRadius: 6,
        padding: '10px 12px',
        background: over ? '#e6f4ff' : '#fafafa',
        display: 'flex',
        alignItems: 'center',
        gap: 8,
        flexWrap: 'wrap',
      }}
    >
      <InboxOutlined style={{ fontSize: 20, color: '#1677ff' }} />
      {value ? (
        <Typography.Text>
          {value.name}（{formatSize(value.size)}）
        </Typography.Text>
      ) : (
        <Typography.Text type="secondary">{hint}</Typography.Text>
      )}
      <Button size="small" disabled={disabled} onClick={() => input.current?.click()}>
        {value ? '另选文件' : '选择文件'}
      </Button>
      {value && (
        <Button size="small" type="link" disabled={disabled} onClick={() => onChange?.(null)}>
          不添加
        </Button>
      )}
      <input
        ref={input}
        id={inputId}
        type="file"
        accept={accept}
        aria-label="选择文件"
        aria-invalid={aria['aria-invalid']}
        style={{ display: 'none' }}
        onChange={(e) => {
          take(e.target.files?.[0]);
          // The same file chosen again (after 不添加) must still count as a change.
          e.target.value = '';
        }}
      />
    </div>
  );
}
