import { App, Button, Card, Form, Input, Modal, Select, Space, Table, Tooltip, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { formatSize, mayChangeAttachments } from '@shared/domain/attachment';
import { ROLES_BY_OWNER, ATTACHMENT_TYPES, type AttachmentMeta, type AttachmentOwnerKind, type AttachmentRole } from '@shared/domain/attachment-types';
import { isClassified, type Classification } from '@shared/domain/enums';
import { RuleError } from '@shared/domain/rule-error';
import { useAttachmentLimits, useAttachmentList, useOpenAttachment } from '../db/attachment-hooks';
import { useSend } from '../db/commands/use-send';
import { usePlatform } from '../platform/context';
import { watermarkText } from '../print/watermark';
import { CommandDialog } from './CommandDialog';
import { errorText } from './error-text';
import { FileDrop } from './FileDrop';
import { formatLocalTime } from './format-time';
import { useActor } from './session';

// 附件 of a record (issue #17 §2), on the detail pages of 收文, 纪要, 督办 and 发文: the files kept
// with it (name, 用途, size, who added it and when, SHA-256), 添加 (drop or choose, with its 用途),
// 查看 (the viewer, watermarked for 秘密+), 打印 and 另存 (a classified record's file leaves only
// as a numbered, watermarked, logged copy) and 移除 (with a reason; the bytes are kept).

// The print page (and the print font with it) loads only when something is printed.
// The viewer too (pdf.js comes with it only when a PDF is opened).
const AttachmentViewer = lazy(() => import('./AttachmentViewer').then((m) => ({ default: m.AttachmentViewer })));
const AttachmentPrintPage = lazy(() => import('../print/AttachmentPrintPage').then((m) => ({ default: m.AttachmentPrintPage })));

export interface AttachmentsPanelProps {
  ownerKind: AttachmentOwnerKind;
  ownerId: string;
  /** The record's number (收文编号, 纪要编号 …): on prints and saved copies, never its title. */
  recordNumber: string;
  classification: Classification;
  /** A filed record's files are kept as they are (no 添加, no 移除). */
  filed?: boolean;
  title?: string;
}

/** The bytes of a Blob (FileReader: also where Blob has no arrayBuffer(), as under jsdom). */
function bytesOf(blob: Blob): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error ?? new Error('读取文件失败'));
    reader.readAsArrayBuffer(blob);
  });
}

const TYPE_WORDS = [...new Set(Object.values(ATTACHMENT_TYPES))].join('、');

function AddDialog({ ownerKind, ownerId, onClose }: { ownerKind: AttachmentOwnerKind; ownerId: string; onClose: () => void }) {
  const send = useSend();
  const limits = useAttachmentLimits();
  const { message } = App.useApp();
  const roles = ROLES_BY_OWNER[ownerKind];
  return (
    <CommandDialog<{ role: AttachmentRole; file: File | null }, AttachmentMeta>
      title="添加附件"
      verb="添加"
      width={560}
      initialValues={{ role: roles[0], file: null }}
      run={(v) => {
        if (!v.file) throw RuleError.at('file', '请选择文件');
        return send('attachment.add', { ownerKind, ownerId, role: v.role, file: v.file });
      }}
      onClose={onClose}
      onDone={(meta) => void message.success(`已添加附件 ${meta.name}`)}
    >
      <Form.Item label="用途" name="role" required>
        <Select options={roles.map((r) => ({ value: r, label: r }))} aria-label="用途" />
      </Form.Item>
      <Form.Item
        label="文件"
        name="file"
        required
        extra={`${TYPE_WORDS} 文件${limits ? `；每个不超过 ${limits.maxFileMB} MB，每件记录合计不超过 ${limits.maxRecordMB} MB` : ''}`}
      >
        <FileDrop />
      </Form.Item>
    </CommandDialog>
  );
}

function RemoveDialog({ file, onClose }: { file: AttachmentMeta; onClose: () => void }) {
  const send = useSend();
  const { message } = App.useApp();
  return (
    <CommandDialog<{ reason: string }, unknown>
      title={`移除附件：${file.name}`}
      verb="移除"
      danger
      initialValues={{ reason: '' }}
      run={(v) => send('attachment.remove', { id: file.id, reason: v.reason ?? '' })}
      onClose={onClose}
      onDone={() => void message.success(`已移除附件 ${file.name}`)}
    >
      <Typography.Paragraph type="secondary">移除后不再列出，文件本身仍保留，移除记入办理过程和审计日志。</Typography.Paragraph>
      <Form.Item label="移除理由" name="reason" required>
        <Input.TextArea rows={3} placeholder="如：扫描不清，已重新扫描" />
      </Form.Item>
    </CommandDialog>
  );
}

/** The first 8 hex digits of a SHA-256, the whole in a tooltip. */
function ShortHash({ sha256 }: { sha256: string }) {
  return (
    <Tooltip title={`SHA-256：${sha256}`}>
      <Typography.Text code style={{ fontSize: 12 }} aria-label={`SHA-256 ${sha256}`}>
        {sha256.slice(0, 8)}…
      </Typography.Text>
    </Tooltip>
  );
}

export function AttachmentsPanel({ ownerKind, ownerId, recordNumber, classification, filed = false, title = '附件' }: AttachmentsPanelProps) {
  const actor = useActor();
  const list = useAttachmentList(ownerKind, ownerId);
  const open = useOpenAttachment();
  const send = useSend();
  const platform = usePlatform();
  const { message, modal } = App.useApp();
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<AttachmentMeta | null>(null);
  const [viewing, setViewing] = useState<{ file: AttachmentMeta; blob: Blob; watermark?: string } | null>(null);
  const [printing, setPrinting] = useState<{ file: AttachmentMeta; purpose: 'print' | 'save' } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const classified = isClassified(classification);
  const mayChange = !filed && mayChangeAttachments(actor, ownerKind);

  if (list === undefined) return <Card size="small" title={title} loading style={{ marginTop: 16 }} />;
  if (list.kind === 'forbidden') {
    return (
      <Card size="small" title={title} style={{ marginTop: 16 }}>
        <Typography.Text type="secondary" data-testid="attachments-forbidden">
          涉密文件：您不在知悉范围内，不能查看其附件。
        </Typography.Text>
      </Card>
    );
  }

  const view = async (file: AttachmentMeta) => {
    setBusy(file.id);
    try {
      const blob = await open(file.id);
      // The watermark names who is looking and when, and the 密级 (as a print of the record would).
      setViewing({ file, blob, ...(classified ? { watermark: `${watermarkText(actor, new Date())} ${classification}` } : {}) });
    } catch (e) {
      void message.error(`无法打开附件：${errorText(e)}`);
    } finally {
      setBusy(null);
    }
  };

  /** 另存: the file itself, logged; a classified record's OFD (no watermark possible) as a numbered copy. */
  const saveOriginal = async (file: AttachmentMeta) => {
    setBusy(file.id);
    let copyNumber: string | null = null;
    try {
      const data = await bytesOf(await open(file.id));
      if (classified) copyNumber = (await send('output.record', { kind: '附件另存', attachmentId: file.id })).copyNumber;
      const result = await platform.saveFile({ suggestedName: copyNumber ? file.name.replace(/(\.[^.]+)?$/, `-份号${copyNumber}$1`) : file.name, data, filters: [{ name: ATTACHMENT_TYPES[file.type], extensions: [file.name.split('.').pop() ?? 'pdf'] }] });
      if (!result.saved) {
        if (copyNumber) await send('output.record', { kind: '附件另存', attachmentId: file.id, copyNumber, cancelled: true });
        return;
      }
      if (!copyNumber) await send('output.record', { kind: '附件另存', attachmentId: file.id, path: result.path });
      void message.success(copyNumber ? `已另存，打印份号 ${copyNumber}` : `已另存 ${result.path}`);
    } catch (e) {
      void message.error(`另存失败：${errorText(e)}`);
    } finally {
      setBusy(null);
    }
  };

  const save = (file: AttachmentMeta) => {
    if (!classified) return void saveOriginal(file);
    if (file.type === 'application/ofd') {
      // No watermark can be put on an OFD here: the copy is the original, numbered and logged.
      modal.confirm({
        title: '另存涉密附件',
        content: 'OFD 文件无法加水印：另存的是原文件，将取得打印份号并记入审计日志。',
        okText: '另存',
        cancelText: '取消',
        onOk: () => saveOriginal(file),
      });
      return;
    }
    // A classified record's PDF or image leaves as a copy: the print page's 导出PDF makes it,
    // watermarked and numbered.
    setPrinting({ file, purpose: 'save' });
  };

  const files = list.files;
  return (
    <Card
      size="small"
      title={`${title}（${files.length}）`}
      style={{ marginTop: 16 }}
      extra={
        mayChange && (
          <Button size="small" type="primary" onClick={() => setAdding(true)}>
            添加附件
          </Button>
        )
      }
    >
      {files.length === 0 ? (
        <Typography.Text type="secondary">
          {mayChange ? '尚无附件。可添加原件扫描件（PDF、JPG、PNG、OFD）。' : '尚无附件。'}
        </Typography.Text>
      ) : (
        <Table<AttachmentMeta>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={files}
          aria-label="附件"
          tableLayout="fixed"
          columns={[
            {
              title: '文件名',
              key: 'name',
              ellipsis: { showTitle: false },
              render: (_, f) => (
                <Tooltip title={f.name}>
                  <a onClick={() => void view(f)}>{f.name}</a>
                </Tooltip>
              ),
            },
            { title: '用途', dataIndex: 'role', width: 86 },
            { title: '大小', key: 'size', width: 76, render: (_, f) => formatSize(f.size) },
            {
              title: '添加',
              key: 'added',
              width: 132,
              // Who on one line, when below: both whole at 1366×768.
              render: (_, f) => (
                <div style={{ lineHeight: 1.3 }}>
                  <div>{f.addedBy.name}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
                    {formatLocalTime(f.addedAt)}
                  </Typography.Text>
                </div>
              ),
            },
            { title: 'SHA-256', key: 'sha', width: 112, render: (_, f) => <ShortHash sha256={f.sha256} /> },
            {
              title: '操作',
              key: 'actions',
              width: mayChange ? 176 : 136,
              render: (_, f) => (
                <Space size={0}>
                  <Button type="link" size="small" loading={busy === f.id} onClick={() => void view(f)}>
                    查看
                  </Button>
                  <Tooltip title={f.type === 'application/ofd' ? 'OFD 文件请另存后用版式阅读器打开' : undefined}>
                    <Button type="link" size="small" disabled={f.type === 'application/ofd'} onClick={() => setPrinting({ file: f, purpose: 'print' })}>
                      打印
                    </Button>
                  </Tooltip>
                  <Button type="link" size="small" onClick={() => save(f)}>
                    另存
                  </Button>
                  {mayChange && (
                    <Button type="link" size="small" danger onClick={() => setRemoving(f)}>
                      移除
                    </Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
      )}
      {adding && <AddDialog ownerKind={ownerKind} ownerId={ownerId} onClose={() => setAdding(false)} />}
      {removing && <RemoveDialog file={removing} onClose={() => setRemoving(null)} />}
      {viewing && (
        <Modal
          open
          width={1080}
          style={{ top: 16 }}
          title={`${recordNumber} 附件：${viewing.file.name}`}
          onCancel={() => setViewing(null)}
          destroyOnHidden
          footer={
            <Space>
              {viewing.file.type !== 'application/ofd' && (
                <Button
                  onClick={() => {
                    setPrinting({ file: viewing.file, purpose: 'print' });
                    setViewing(null);
                  }}
                >
                  打印
                </Button>
              )}
              <Button
                onClick={() => {
                  const f = viewing.file;
                  setViewing(null);
                  save(f);
                }}
              >
                另存
              </Button>
              <Button type="primary" onClick={() => setViewing(null)}>
                关闭
              </Button>
            </Space>
          }
        >
          <Suspense fallback={null}>
          <AttachmentViewer
            meta={viewing.file}
            blob={viewing.blob}
            height="calc(100vh - 250px)"
            {...(viewing.watermark ? { watermark: viewing.watermark } : {})}
            onSave={() => {
              const f = viewing.file;
              setViewing(null);
              save(f);
            }}
          />
          </Suspense>
        </Modal>
      )}
      {printing && (
        <Suspense fallback={null}>
          <AttachmentPrintPage attachment={printing.file} purpose={printing.purpose} recordNumber={recordNumber} classification={classification} onClose={() => setPrinting(null)} />
        </Suspense>
      )}
    </Card>
  );
}
