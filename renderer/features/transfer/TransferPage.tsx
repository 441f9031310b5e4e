import { Alert, App, Button, Card, Checkbox, Descriptions, Form, Input, Modal, Radio, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { CommandForm } from '../../ui/CommandForm';
import { useLiveQuery } from '../../db/live';
import { useEffect, useId, useRef, useState } from 'react';
import { fileNameStamp, todayIso } from '@shared/domain/dates';
import { CLASSIFICATIONS, isClassified, type Classification } from '@shared/domain/enums';
import { can } from '@shared/domain/permissions';
import { formatSize } from '@shared/domain/attachment';
import { registerOf, REGISTERS } from '@shared/domain/registers';
import { CLASSIFIED_MODES, TRANSFER_PURPOSES, type ClassifiedMode, type TransferKind, type TransferPurpose } from '@shared/domain/transfer';
import { useDb } from '../../db/DbContext';
import { recordOutput } from '../../db/repositories/output';
import { getUnitInfo } from '../../db/repositories/settings';
import { RuleError } from '@shared/domain/rule-error';
import {
  describeCounts,
  importTransferPackage,
  openTransferPackage,
  previewTransferPackage,
  transferCandidates,
  transferFacets,
  type OpenedTransfer,
  type TransferCandidate,
  type TransferImportResult,
  type TransferPreview,
  type TransferDecisions,
  type TransferPreviewRow,
  type TransferSelection,
  writeTransferPackage,
} from '../../db/repositories/transfer';
import { usePlatform } from '../../platform/context';
import { formatLocalTime } from '../../ui/format-time';
import { useActor } from '../../ui/session';
import { ClassificationTag } from '../../ui/labels';
import { ellipsisColumn } from '../../ui/list-columns';
import { errorText } from '../../ui/error-text';
import { useChosenFile } from '../../ui/chosen-file';
import { AccountPicker } from '../../ui/pickers';
import { PeopleMappingTable, peopleStillToConfirm, usePeopleCandidates } from './PeopleMapping';
import { useAccountChoices } from '../../db/hooks';

// 迁移包 (issue #6): records to another Wenshu installation in an encrypted file instead of a chat
// app. 导出: pick records, name the 接收单位, save the file, then read the one-time passphrase
// (shown once, never stored). 导入: choose the file, type the passphrase, see what would happen to
// each record, import.

export const TRANSFER_FILE_EXTENSION = 'wstransfer';
const TRANSFER_FILTERS = [{ name: '文枢迁移包', extensions: [TRANSFER_FILE_EXTENSION] }];
/** Rows per page of a register's candidates, as in the registers themselves. */
const PAGE_SIZE = 50;


/** 文枢迁移包-接收单位-20261124-090000.wstransfer */
export function transferFileName(recipient: string, now: Date): string {
  const stamp = fileNameStamp(now);
  const safe = recipient.replace(/[\\/:*?"<>|\s]+/g, '').slice(0, 30);
  return `文枢迁移包-${safe ? `${safe}-` : ''}${stamp}.${TRANSFER_FILE_EXTENSION}`;
}

export function TransferPage() {
  return (
    <Card title="迁移包">
      <Tabs
        items={[
          { key: 'export', label: '导出', children: <ExportPanel /> },
          { key: 'import', label: '导入', children: <ImportPanel /> },
        ]}
      />
    </Card>
  );
}

// --- 导出 ------------------------------------------------------------------------------------------

type Chosen = Record<TransferKind, Map<string, TransferCandidate>>;

/** The registers a package carries: every register of the registry, in its order. */
const KINDS = REGISTERS.map((d) => d.kind);

/** A register's name on screen. */
const kindLabel = (kind: TransferKind) => registerOf(kind)?.label ?? kind;

/** A saved package: where it went, what it holds, and its passphrase (shown once). */
interface ExportDone {
  passphrase: string;
  path: string;
  packageId: string;
  summary: string;
}

const noneChosen = (): Chosen => Object.fromEntries(KINDS.map((k) => [k, new Map<string, TransferCandidate>()]));
const chosenOf = (chosen: Chosen, kind: TransferKind) => chosen[kind] ?? new Map<string, TransferCandidate>();

function ExportPanel() {
  const db = useDb();
  const platform = usePlatform();
  const actor = useActor();
  const { message } = App.useApp();
  const [chosen, setChosen] = useState<Chosen>(noneChosen);
  const [form] = Form.useForm<ExportValues>();
  const [done, setDone] = useState<ExportDone | null>(null);
  const modeId = useId();
  const purposeId = useId();
  const purpose = Form.useWatch('purpose', form);
  const classifiedMode = Form.useWatch('classifiedMode', form);
  const accounts = useAccountChoices();

  const counts: Record<TransferKind, number> = Object.fromEntries(KINDS.map((k) => [k, chosenOf(chosen, k).size]));
  const total = KINDS.reduce((n, k) => n + (counts[k] ?? 0), 0);
  const officer = can(actor, 'classified.manage');
  // A classified 收文 brings its carriers: the choice is asked whenever anything classified is chosen.
  const anyClassified = KINDS.some((k) => [...chosenOf(chosen, k).values()].some((c) => isClassified(c.classification)));
  const anyTopSecret = KINDS.some((k) => [...chosenOf(chosen, k).values()].some((c) => c.classification === '绝密'));

  const setKind = (kind: TransferKind, rows: Map<string, TransferCandidate>) => setChosen((prev) => ({ ...prev, [kind]: rows }));

  const exportNow = async (v: ExportValues): Promise<ExportDone | null> => {
    const recipient = v.recipient ?? '';
    if (!v.purpose) throw new RuleError('请选择迁移包的用途：送往其他单位，或本单位其他计算机', 'purpose');
    const selection: TransferSelection = Object.fromEntries(KINDS.map((k) => [k, [...chosenOf(chosen, k).keys()]]));
    const now = new Date();
    // Written into the file as it is made (attached scans a chunk at a time); a cancelled dialog
    // writes and logs nothing, a failure part-way removes the half-written file.
    const start = await platform.beginWrite({ suggestedName: transferFileName(recipient.trim(), now), filters: TRANSFER_FILTERS, target: 'dialog' });
    if (!start.started) {
      void message.info('已取消保存，没有导出任何内容');
      return null;
    }
    let prepared: Awaited<ReturnType<typeof writeTransferPackage>>;
    let saved: { path: string };
    try {
      const approver = accounts?.find((a) => a.id === v.copyApprover);
      const opts = {
        recipient,
        ...(v.purpose ? { purpose: v.purpose } : {}),
        ...(v.classifiedMode ? { classifiedMode: v.classifiedMode } : {}),
        ...(approver ? { copyApprover: { userId: approver.id, name: approver.name } } : {}),
        ...(v.copyReference ? { copyReference: v.copyReference } : {}),
      };
      prepared = await writeTransferPackage(db, actor, selection, opts, { write: (b) => platform.appendWrite(start.handle, b) }, now);
      saved = await platform.finishWrite(start.handle);
    } catch (e) {
      await platform.abortWrite(start.handle).catch(() => undefined);
      throw e;
    }
    await recordOutput(db, actor, { kind: '迁移包', manifest: prepared.manifest, path: saved.path }, now);
    const files = prepared.manifest.attachments;
    return { passphrase: prepared.passphrase, path: saved.path, packageId: prepared.manifest.meta.packageId, summary: `${describeCounts(prepared.manifest.counts)}${files ? `，附件 ${files.files} 个（${formatSize(files.bytes)}）` : ''}` };
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        选择要交给另一台文枢的记录，导出为加密的迁移包文件。导出后显示一次性口令：请通过电话或当面告诉接收方，不要与文件通过同一渠道传递。涉密记录只能由保密员导出，并在涉密载体台账中登记为复制或移交。严禁通过微信、QQ、电子邮件等传递迁移包。
      </Typography.Paragraph>
      <Card size="small" title="导出迁移包">
        <Space orientation="vertical" style={{ width: '100%' }}>
          <CommandForm<ExportValues, ExportDone | null>
            form={form}
            verb="导出"
            formLabel="导出迁移包"
            submitDisabled={total === 0}
            formProps={{ layout: 'horizontal' }}
            initialValues={{ recipient: '' }}
            run={exportNow}
            onDone={(result) => {
              if (!result) return;
              setDone(result);
              setChosen(noneChosen());
              form.setFieldsValue({ classifiedMode: undefined, copyApprover: undefined, copyReference: undefined });
            }}
          >
            <Form.Item label={<span id={purposeId}>用途</span>} name="purpose" extra={purpose === '送往其他单位' ? '接收单位将每件收文、纪要登记为本单位收文并重新编号（保留原编号），涉密载体登记入其台账' : purpose ? '记录保留原编号与档号；与本机编号冲突的在导入预览中重新编号' : undefined}>
              <Radio.Group aria-labelledby={purposeId} options={TRANSFER_PURPOSES.map((p) => ({ value: p, label: p === '送往其他单位' ? '送往其他单位（对方作为收文接收）' : '本单位其他计算机' }))} />
            </Form.Item>
            <Form.Item label="接收单位" name="recipient">
              <Input maxLength={100} style={{ width: 280 }} />
            </Form.Item>
            {officer && anyClassified && (
              <Form.Item label={<span id={modeId}>涉密载体登记为</span>} name="classifiedMode">
                <Radio.Group aria-labelledby={modeId} options={CLASSIFIED_MODES.map((m) => ({ value: m, label: m === '复制' ? '复制（本单位留存原件，迁移包为电子副本）' : '移交（保管责任转交接收单位）' }))} />
              </Form.Item>
            )}
            {officer && anyClassified && classifiedMode === '复制' && (
              <Form.Item label="复制审批人" name="copyApprover" extra="机密、秘密载体复制须经本单位审批（安全保密管理员）">
                <AccountPicker style={{ width: 200 }} />
              </Form.Item>
            )}
            {officer && anyTopSecret && classifiedMode === '复制' && (
              <Form.Item label="原定密机关批准文号" name="copyReference" extra="绝密载体复制须经原定密机关批准">
                <Input maxLength={100} style={{ width: 280 }} />
              </Form.Item>
            )}
          </CommandForm>
          <Typography.Text>{`已选：${total ? describeCounts(counts) : '无'}（在下方各登记簿中勾选）`}</Typography.Text>
        </Space>
      </Card>
      {KINDS.map((kind) => (
        <CandidateList key={kind} kind={kind} purpose={purpose} chosen={chosenOf(chosen, kind)} onChange={(rows) => setKind(kind, rows)} />
      ))}
      <PassphraseModal done={done} onClose={() => setDone(null)} />
    </Space>
  );
}

/** One register's records, searchable and filtered like the registers, 50 a page, with a checkbox for each that may go. */
function CandidateList({ kind, purpose, chosen, onChange }: { kind: TransferKind; purpose: TransferPurpose | undefined; chosen: Map<string, TransferCandidate>; onChange(rows: Map<string, TransferCandidate>): void }) {
  const db = useDb();
  const actor = useActor();
  const today = todayIso();
  const label = kindLabel(kind);
  const ids = { search: useId(), year: useId(), cls: useId(), state: useId() };
  const [typed, setTyped] = useState('');
  const [search, setSearch] = useState('');
  const [where, setWhere] = useState<{ year?: number; classification?: Classification; state?: string }>({});
  const [page, setPage] = useState(1);
  useEffect(() => {
    const t = setTimeout(() => {
      setSearch(typed.trim());
      setPage(1);
    }, 200);
    return () => clearTimeout(t);
  }, [typed]);
  const filter = (patch: typeof where) => {
    setWhere((w) => ({ ...w, ...patch }));
    setPage(1);
  };
  const facets = useLiveQuery(() => transferFacets(db, actor, kind), [db, actor.id, kind]);
  const result = useLiveQuery(
    () => transferCandidates(db, actor, kind, { ...(search ? { search } : {}), ...(purpose ? { purpose } : {}), where, offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE }, today),
    [db, actor.id, kind, search, where, page, today, purpose],
  );
  const rows = result?.rows ?? [];
  return (
    <Card size="small" title={label} extra={chosen.size ? <Tag color="blue">{`已选 ${chosen.size}`}</Tag> : null}>
      <Form layout="inline" component="div" style={{ rowGap: 8, marginBottom: 8 }}>
        <Form.Item label={`搜索${label}`} htmlFor={ids.search}>
          <Input id={ids.search} allowClear value={typed} onChange={(e) => setTyped(e.target.value)} placeholder="编号、标题" style={{ width: 240 }} />
        </Form.Item>
        <Form.Item label="年度" htmlFor={ids.year}>
          <Select id={ids.year} allowClear placeholder="全部" style={{ width: 100 }} value={where.year} onChange={(v?: number) => filter({ year: v })} options={(facets?.years ?? []).map((y) => ({ value: y, label: String(y) }))} />
        </Form.Item>
        <Form.Item label="密级" htmlFor={ids.cls}>
          <Select id={ids.cls} allowClear placeholder="全部" style={{ width: 100 }} value={where.classification} onChange={(v?: Classification) => filter({ classification: v })} options={CLASSIFICATIONS.map((c) => ({ value: c, label: c }))} />
        </Form.Item>
        <Form.Item label="状态" htmlFor={ids.state}>
          <Select id={ids.state} allowClear placeholder="全部" style={{ width: 120 }} value={where.state} onChange={(v?: string) => filter({ state: v })} options={(facets?.states ?? []).map((st) => ({ value: st, label: st }))} />
        </Form.Item>
      </Form>
      <Table<TransferCandidate>
        rowKey="id"
        size="small"
        aria-label={`可选${label}`}
        tableLayout="fixed"
        loading={!result}
        dataSource={rows}
        scroll={{ y: 420 }}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: result?.total ?? 0, showSizeChanger: false, showTotal: (t) => `共 ${t} 件`, onChange: setPage }}
        rowSelection={{
          columnWidth: 32,
          preserveSelectedRowKeys: true,
          selectedRowKeys: [...chosen.keys()],
          // A chosen row refused now (the 用途 changed) can still be unticked.
          getCheckboxProps: (r) => ({ disabled: r.refusal !== null && !chosen.has(r.id), 'aria-label': `选择 ${r.number}` }),
          onChange: (keys) => {
            // Keys of other pages stay chosen; rows of this page come from this page.
            const next = new Map<string, TransferCandidate>();
            const onPage = new Map(rows.map((r) => [r.id, r]));
            for (const k of keys.map(String)) {
              const row = onPage.get(k) ?? chosen.get(k);
              if (row) next.set(k, row);
            }
            onChange(next);
          },
        }}
        columns={[
          // 载〔2026〕B-0005 份号000029 whole at 1366×768 (a carrier's 编号 carries its 份号).
          { ...ellipsisColumn<TransferCandidate>({ width: 240, text: (r) => r.number }), title: '编号' },
          { ...ellipsisColumn<TransferCandidate>({ text: (r) => r.title }), title: kind === 'tasks' ? '事项内容' : '标题' },
          { title: '密级', key: 'classification', width: 72, render: (_, r) => <ClassificationTag level={r.classification} /> },
          { title: '状态', dataIndex: 'state', width: 84 },
          { ...ellipsisColumn<TransferCandidate>({ width: 200, text: (r) => (r.refusal ? `不能导出：${r.refusal}` : null), secondary: () => true }), title: '说明', key: 'refusal' },
        ]}
      />
    </Card>
  );
}

/** The one-time passphrase, shown once after the file is saved; it is never stored anywhere. */
interface ExportValues {
  purpose?: TransferPurpose;
  recipient: string;
  classifiedMode?: ClassifiedMode;
  /** The approver's account id (the refusal names this field: copyApprover). */
  copyApprover?: string;
  copyReference?: string;
}

function PassphraseModal({ done, onClose }: { done: ExportDone | null; onClose(): void }) {
  const { message } = App.useApp();
  const id = useId();
  const copy = async () => {
    if (!done) return;
    try {
      await navigator.clipboard.writeText(done.passphrase);
      void message.success('口令已复制，请勿粘贴到聊天工具或与文件放在一起');
    } catch {
      void message.warning('无法复制到剪贴板，请照屏幕抄写口令');
    }
  };
  return (
    <Modal
      open={!!done}
      title="迁移包口令（只显示这一次）"
      onCancel={onClose}
      maskClosable={false}
      closable={false}
      // Shown only this once: a stray Esc must not throw it away; 关闭 is the one way out.
      keyboard={false}
      footer={
        <Button type="primary" onClick={onClose}>
          关闭
        </Button>
      }
    >
      {done && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text>{`迁移包已保存：${done.path}（${done.summary}）`}</Typography.Text>
          <label htmlFor={id}>迁移包口令</label>
          <Space.Compact style={{ width: '100%' }}>
            <Input id={id} readOnly value={done.passphrase} style={{ fontFamily: 'monospace', fontSize: 20, letterSpacing: 2 }} />
            <Button onClick={() => void copy()}>复制</Button>
          </Space.Compact>
          <Alert
            type="warning"
            showIcon
            title="请通过电话或当面把口令告诉接收方，不要与迁移包文件通过同一渠道传递。"
            description="本机不保存口令，关闭后无法再次查看；口令遗失只能重新导出。接收方在“迁移包 → 导入”中输入口令。"
          />
          <Typography.Text type="secondary">{`迁移包编号：${done.packageId}`}</Typography.Text>
        </Space>
      )}
    </Modal>
  );
}

// --- 导入 ------------------------------------------------------------------------------------------

const STATUS_COLORS: Record<TransferPreviewRow['status'], string> = {
  新增: 'green',
  '已存在（相同）': 'default',
  更新: 'blue',
  '已存在（本机较新，不导入）': 'orange',
  '编号冲突（不导入）': 'red',
  不接收: 'red',
};

/** Rows of a preview that will not come in (not 新增, not the same already, not an accepted 更新). */
const notImported = (byStatus: TransferPreview['byStatus'], updatesDeclined: number) => byStatus['已存在（本机较新，不导入）'] + byStatus['编号冲突（不导入）'] + byStatus['不接收'] + updatesDeclined;

function ImportPanel() {
  const db = useDb();
  const platform = usePlatform();
  const actor = useActor();
  const passId = useId();
  // Read a frame at a time, never whole (issue #17: a package of scans).
  const [file, setFile] = useChosenFile();
  const [passphrase, setPassphrase] = useState('');
  const [opened, setOpened] = useState<OpenedTransfer | null>(null);
  const [preview, setPreview] = useState<TransferPreview | null>(null);
  const [decisions, setDecisions] = useState<TransferDecisions>({});
  const candidates = usePeopleCandidates();
  const previewRun = useRef(0);
  const [result, setResult] = useState<TransferImportResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const unit = useLiveQuery(() => getUnitInfo(db), [db]);

  const pick = async () => {
    setError(null);
    const f = await platform.openFileForReading({ filters: TRANSFER_FILTERS });
    if (!f) return;
    setFile(f);
    setOpened(null);
    setPreview(null);
    setResult(null);
  };
  const open = async () => {
    if (!file) return;
    setError(null);
    setResult(null);
    setBusy(true);
    try {
      const o = await openTransferPackage(file, passphrase);
      setOpened(o);
      // Planned with the suggested counterparts (what it does without a mapping); the importer confirms the rest.
      const first = await previewTransferPackage(db, actor, o);
      setDecisions({ people: first.people.suggested });
      setPreview(first);
    } catch (e) {
      setOpened(null);
      setPreview(null);
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const importNow = async () => {
    if (!opened) return;
    setError(null);
    setBusy(true);
    try {
      try {
        setResult(await importTransferPackage(db, actor, opened, new Date(), undefined, decisions));
      } catch (e) {
        setError(`${errorText(e)}。没有导入任何记录。`);
        return;
      }
      // Imported (one transaction): a failed refresh of the preview must not say otherwise.
      try {
        setPreview(await previewTransferPackage(db, actor, opened, decisions));
      } catch (e) {
        setError(`已导入，但未能刷新迁移包内容：${errorText(e)}`);
      }
    } finally {
      setBusy(false);
    }
  };

  /** The preview planned again with the importer's choices (an 更新 accepted, a person confirmed). */
  const decide = async (next: TransferDecisions) => {
    if (!opened) return;
    setDecisions(next);
    setError(null);
    // Only the latest choice's preview is shown (a slower earlier one must not overwrite it).
    const run = ++previewRun.current;
    try {
      const p = await previewTransferPackage(db, actor, opened, next);
      if (run === previewRun.current) setPreview(p);
    } catch (e) {
      if (run === previewRun.current) setError(errorText(e));
    }
  };
  const toggleUpdate = (row: TransferPreviewRow, accept: boolean) => {
    const key = `${row.kind}:${row.id}`;
    const updates = new Set(decisions.updates ?? []);
    if (accept) updates.add(key);
    else updates.delete(key);
    return decide({ ...decisions, updates: [...updates] });
  };
  const toConfirm = preview ? peopleStillToConfirm(preview.people.persons, decisions.people ?? {}) : 0;

  const m = preview?.meta;
  const added = result ? KINDS.reduce((n, k) => n + (result.added[k] ?? 0), 0) : 0;
  const declined = preview ? preview.rows.filter((r) => r.status === '更新' && !r.accepted).length : 0;
  return (
    <section aria-label="导入迁移包">
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Space wrap>
          <Button onClick={() => void pick()}>选择文件</Button>
          <span>{file ? file.name : '未选择迁移包文件'}</span>
        </Space>
        {file && (
          <Space wrap>
            <label htmlFor={passId}>口令</label>
            <Input id={passId} value={passphrase} autoComplete="off" spellCheck={false} placeholder="如 K7MQ-3XHD-WP9R-TB2F-6NCV" onChange={(e) => setPassphrase(e.target.value)} onPressEnter={() => void open()} style={{ width: 320, fontFamily: 'monospace' }} />
            <Button onClick={() => void open()} loading={busy && !opened} disabled={!passphrase.trim()}>
              打开
            </Button>
          </Space>
        )}
        {m && preview && (
          <>
            <Descriptions size="small" column={2} bordered title="迁移包">
              <Descriptions.Item label="发送单位">{`${m.sender.unitName}${m.sender.fondsCode ? `（全宗号 ${m.sender.fondsCode}）` : ''}`}</Descriptions.Item>
              <Descriptions.Item label="发送人">{m.sender.userName}</Descriptions.Item>
              <Descriptions.Item label="生成时间">{formatLocalTime(m.createdAt)}</Descriptions.Item>
              <Descriptions.Item label="接收单位">{`${m.recipient}${unit?.name && unit.name !== m.recipient ? `（本机单位：${unit.name}）` : ''}`}</Descriptions.Item>
              <Descriptions.Item label="记录数">{describeCounts(preview.counts)}</Descriptions.Item>
              <Descriptions.Item label="附件">{preview.files.files ? `${preview.files.files} 个，共 ${formatSize(preview.files.bytes)}（已逐一校验 SHA-256）` : '无'}</Descriptions.Item>
              <Descriptions.Item label="用途">{preview.purpose === '送往其他单位' ? '送往其他单位：每件收文、纪要登记为本单位收文，涉密载体登记入本单位台账' : '本单位其他计算机：记录保留原编号'}</Descriptions.Item>
              <Descriptions.Item label="程序与数据版本">{`文枢 ${m.appVersion}，数据版本 ${m.schemaVersion}`}</Descriptions.Item>
              {preview.archive.total > 0 && (
                <Descriptions.Item label="归档文件目录" span={2}>
                  {`${preview.archive.total} 条（已归档记录保留档号）：新增 ${preview.archive.toAdd} 条${preview.archive.conflicts.length ? `；档号已被本机其他条目使用、不导入：${preview.archive.conflicts.join('、')}` : ''}`}
                </Descriptions.Item>
              )}
              <Descriptions.Item label="文件校验值（SHA-256）" span={2}>
                <Typography.Text style={{ fontFamily: 'monospace', fontSize: 12 }}>{preview.sha256}</Typography.Text>
              </Descriptions.Item>
              {m.classifiedMode && (
                <Descriptions.Item label="涉密载体" span={2}>
                  {`发送方已登记为${m.classifiedMode}`}
                </Descriptions.Item>
              )}
              <Descriptions.Item label="导入后" span={2}>
                {`${Object.values(preview.toAdd).some((n) => (n ?? 0) > 0) ? `新增 ${describeCounts(preview.toAdd)}` : '无新增记录'}；${preview.byStatus['更新'] ? `可更新 ${preview.byStatus['更新']} 条（已选 ${preview.byStatus['更新'] - declined} 条）；` : ''}已存在（相同）${preview.byStatus['已存在（相同）']} 条；不导入 ${notImported(preview.byStatus, declined)} 条${
                  preview.files.files
                    ? `；附件新增 ${preview.files.toAdd.files} 个（${formatSize(preview.files.toAdd.bytes)}），已存在 ${preview.files.byStatus['已存在（相同）']} 个${preview.files.files - preview.files.toAdd.files - preview.files.byStatus['已存在（相同）'] ? `，不导入 ${preview.files.files - preview.files.toAdd.files - preview.files.byStatus['已存在（相同）']} 个` : ''}`
                    : ''
                }`}
              </Descriptions.Item>
            </Descriptions>
            {preview.alreadyImported && <Alert type="info" showIcon title={preview.alreadyImported} />}
            {candidates && preview.people.persons.length > 0 && (
              <Card size="small" title="人员对应">
                <PeopleMappingTable persons={preview.people.persons} candidates={candidates} value={decisions.people ?? {}} onChange={(people) => void decide({ ...decisions, people })} disabled={busy || !!preview.alreadyImported} />
              </Card>
            )}
            <Table<TransferPreviewRow>
              rowKey={(r) => `${r.kind}:${r.id}`}
              size="small"
              aria-label="迁移包内容"
              dataSource={preview.rows}
              tableLayout="fixed"
              pagination={{ pageSize: PAGE_SIZE, showSizeChanger: false, showTotal: (t) => `共 ${t} 条`, hideOnSinglePage: true }}
              columns={[
                { title: '类别', key: 'kind', width: 84, render: (_, r) => kindLabel(r.kind) },
                // Wide enough for 收〔2026〕B-0021（原编号 收〔2026〕C-0003） at 1366×768: the 原编号 is what the importer checks.
                { ...ellipsisColumn<TransferPreviewRow>({ width: 340, text: (r) => (r.renumberedFrom ? `${r.number}（原编号 ${r.renumberedFrom}）` : r.number) }), title: '本机编号' },
                { ...ellipsisColumn<TransferPreviewRow>({ text: (r) => r.title }), title: '标题' },
                { title: '密级', key: 'classification', width: 72, render: (_, r) => <ClassificationTag level={r.classification} /> },
                {
                  title: '导入后',
                  key: 'status',
                  width: 230,
                  render: (_, r) => (
                    <Space size={4} wrap>
                      <Tag color={STATUS_COLORS[r.status]}>{r.renumberedFrom && r.status === '新增' && preview.purpose === '本单位其他计算机' ? '新增（编号冲突，重新编号）' : r.status}</Tag>
                      {r.needsPeople && <Tag color="gold">需确认</Tag>}
                      {r.why && <Typography.Text type="secondary">{r.why}</Typography.Text>}
                      {r.status === '更新' && (
                        <Checkbox checked={!!r.accepted} disabled={busy} onChange={(e) => void toggleUpdate(r, e.target.checked)} aria-label={`接受更新 ${r.number}`}>
                          接受更新
                        </Checkbox>
                      )}
                    </Space>
                  ),
                },
              ]}
            />
            <div>
              <Space wrap>
                <Button type="primary" loading={busy && !!opened} disabled={!!preview.alreadyImported || toConfirm > 0} onClick={() => void importNow()}>
                  导入
                </Button>
                {toConfirm > 0 && <Typography.Text type="warning">{`还有 ${toConfirm} 人需确认对应的本机人员`}</Typography.Text>}
              </Space>
            </div>
          </>
        )}
        {result && (
          <Alert
            type="success"
            showIcon
            title={
              added || result.updated
                ? `已导入：${added ? describeCounts(result.added) : '无新增'}${result.updated ? `，更新 ${result.updated} 条` : ''}${result.files.files ? `，附件 ${result.files.files} 个` : ''}`
                : `没有导入任何记录：迁移包中的记录本机都已存在或不能导入${result.files.files ? `（新增附件 ${result.files.files} 个）` : ''}`
            }
            description={`已存在（相同）${result.byStatus['已存在（相同）']} 条；未导入 ${notImported(result.byStatus, result.byStatus['更新'] - result.updated)} 条。`}
          />
        )}
        {error && <Alert type="error" showIcon role="alert" title={error} />}
      </Space>
    </section>
  );
}
