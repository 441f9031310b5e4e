import { App, Button, Card, Col, Empty, Form, Input, Radio, Row, Select, Typography } from 'antd';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { CLASSIFICATIONS, DOC_TYPES, URGENCIES, defaultSecrecyTerm, isClassified, type Classification, type DocType, type Urgency } from '@shared/domain/enums';
import { DISCLOSURES, DOC_DIRECTIONS, type DocDirection, type DocNumberSeries, type Disclosure, type OutgoingDraft, type OutgoingRecord } from '@shared/domain/outgoing-types';
import { parseSecrecyTermText, secrecyTermText } from '@shared/domain/secrecy-term';
import { useDb } from '../../db/DbContext';
import { useLiveQuery } from '../../db/live';
import { useSend } from '../../db/commands/use-send';
import { useAccountChoices, type AccountChoice } from '../../db/hooks';
import type { DepartmentRecord } from '../../db/types';
import { getOutgoing, getOutgoingSeries } from '../../db/repositories/outgoing';
import { listDepartments } from '../../db/repositories/settings';
import { CommandForm } from '../../ui/CommandForm';
import { AccountPicker, UnitsPicker } from '../../ui/pickers';
import { enterToNext } from '../../ui/useEnterToNext';
import { useActor } from '../../ui/session';
import { proposeDirection } from '@shared/domain/outgoing';

/** The 拟稿 fields as the form holds them (ids for picked departments and accounts, text for numbers). */
interface DraftValues {
  title: string;
  docType: DocType;
  direction: DocDirection;
  seriesId?: string;
  mainTo: string[];
  copyTo: string[];
  classification: Classification;
  secrecyTerm: string;
  urgency: Urgency;
  draftingUnitId?: string;
  drafterId?: string;
  countersignUnitIds: string[];
  attachments: string;
  printCopies: string;
  disclosure: Disclosure;
  body: string;
  remark: string;
}

// The command's field names → this form's.
const RENAME = { draftingUnit: 'draftingUnitId', drafter: 'drafterId', countersignUnits: 'countersignUnitIds' };

function valuesOf(r: OutgoingDraft): DraftValues {
  return {
    title: r.title,
    docType: r.docType,
    direction: r.direction,
    seriesId: r.seriesId,
    mainTo: [...r.mainTo],
    copyTo: [...r.copyTo],
    classification: r.classification,
    secrecyTerm: r.secrecyTerm ? secrecyTermText(r.secrecyTerm) : '',
    urgency: r.urgency,
    draftingUnitId: r.draftingUnit.id,
    drafterId: r.drafter.userId,
    countersignUnitIds: r.countersignUnits.map((d) => d.id),
    attachments: r.attachments ?? '',
    printCopies: String(r.printCopies),
    disclosure: r.disclosure,
    body: r.body ?? '',
    remark: r.remark ?? '',
  };
}

function blank(drafterId: string, seriesId: string | undefined): DraftValues {
  return {
    title: '',
    docType: '通知',
    direction: proposeDirection('通知'),
    ...(seriesId ? { seriesId } : {}),
    mainTo: [],
    copyTo: [],
    classification: '非密',
    secrecyTerm: '',
    urgency: '普通',
    drafterId,
    countersignUnitIds: [],
    attachments: '',
    printCopies: '1',
    disclosure: '主动公开',
    body: '',
    remark: '',
  };
}

/** 拟稿 (/outgoing/new) and 修改 of a 草稿 (/outgoing/:id/edit). */
export function DraftPage() {
  const { id } = useParams();
  const db = useDb();
  const actor = useActor();
  const view = useLiveQuery(() => (id ? getOutgoing(db, actor, id).then((v) => v ?? false) : Promise.resolve(null)), [db, actor.id, id]);
  const series = useLiveQuery(() => getOutgoingSeries(db), [db]);
  // The lists the form turns picked ids into names with: loaded before the form can be sent.
  const departments = useLiveQuery(() => listDepartments(db), [db]);
  const accounts = useAccountChoices();
  if (view === undefined || series === undefined || departments === undefined || accounts === undefined) return <Card loading />;
  if (view === false) return <Empty description="没有这件发文" />;
  if (view && (view.record.state !== '草稿' || !view.canSeeContent)) return <Empty description="只有草稿可以修改" />;
  return <DraftForm record={view ? view.record : null} series={series} departments={departments} accounts={accounts} />;
}

function DraftForm({ record, series, departments, accounts }: { record: OutgoingRecord | null; series: readonly DocNumberSeries[]; departments: readonly DepartmentRecord[]; accounts: readonly AccountChoice[] }) {
  const actor = useActor();
  const send = useSend();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<DraftValues>();
  const ids = { docType: useId(), direction: useId(), series: useId(), mainTo: useId(), copyTo: useId(), unit: useId(), drafter: useId(), countersign: useId(), cls: useId(), urg: useId(), disc: useId() };
  const active = series.filter((s) => !s.retired || s.id === record?.seriesId);
  const deptOptions = departments.filter((d) => !d.disabled || d.id === record?.draftingUnit.id).map((d) => ({ value: d.id, label: d.name }));
  // The direction was chosen by hand: a later 文种 change no longer proposes one.
  const [directionTouched, setDirectionTouched] = useState(!!record);
  // The 印制份数 was typed (setFieldValue marks a field touched too, so the form cannot tell).
  const copiesTyped = useRef(!!record);

  const toDraft = (v: DraftValues): OutgoingDraft => {
    const dept = (deptId: string | undefined) => {
      const d = departments.find((x) => x.id === deptId);
      return d ? { id: d.id, name: d.name } : { id: '', name: '' };
    };
    const drafter = accounts.find((a) => a.id === v.drafterId);
    const term = isClassified(v.classification) ? parseSecrecyTermText(v.secrecyTerm ?? '') : null;
    const opt = (s: string | undefined) => (s ?? '').trim();
    const copies = (v.printCopies ?? '').normalize('NFKC').trim();
    return {
      title: v.title ?? '',
      docType: v.docType,
      direction: v.direction,
      seriesId: v.seriesId ?? '',
      mainTo: v.mainTo ?? [],
      copyTo: v.copyTo ?? [],
      classification: v.classification,
      ...(term ? { secrecyTerm: term } : {}),
      urgency: v.urgency,
      draftingUnit: dept(v.draftingUnitId),
      drafter: drafter ? { userId: drafter.id, name: drafter.name } : { userId: '', name: '' },
      countersignUnits: (v.countersignUnitIds ?? []).map(dept).filter((d) => d.id),
      ...(opt(v.attachments) ? { attachments: opt(v.attachments) } : {}),
      printCopies: copies === '' ? Number.NaN : Number(copies),
      disclosure: v.disclosure,
      ...(opt(v.body) ? { body: v.body.trim() } : {}),
      ...(opt(v.remark) ? { remark: opt(v.remark) } : {}),
    };
  };

  const run = async (v: DraftValues): Promise<string> => {
    const draft = toDraft(v);
    if (record) {
      await send('outgoing.edit', { id: record.id, draft });
      return record.id;
    }
    return (await send('outgoing.draft', { draft })).id;
  };

  const submit = useCallback(() => form.submit(), [form]);
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
        e.preventDefault();
        submit();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [submit]);

  const seriesOptions = active.map((s) => ({ value: s.id, label: s.code }));
  return (
    <Card title={record ? `修改发文稿：${record.title}` : '拟稿'} extra={<Typography.Text type="secondary">Enter 下一项 · Ctrl+S 保存</Typography.Text>}>
      <CommandForm<DraftValues, string>
        form={form}
        verb={record ? '保存修改' : '保存草稿'}
        formLabel={record ? '修改发文稿' : '拟稿'}
        rename={RENAME}
        formProps={{
          onKeyDownCapture: enterToNext,
          onValuesChange: (changed: Partial<DraftValues>) => {
            if (changed.classification) {
              const term = defaultSecrecyTerm(changed.classification);
              form.setFieldValue('secrecyTerm', term ? secrecyTermText(term) : '');
              // A classified 发文 is never published: 不予公开 follows the 密级 (and may not be changed back).
              if (isClassified(changed.classification)) form.setFieldValue('disclosure', '不予公开');
            }
            if (changed.docType && !directionTouched) form.setFieldValue('direction', proposeDirection(changed.docType));
            if (changed.direction) setDirectionTouched(true);
            // One copy per 主送/抄送 unit at least, proposed until the 印制份数 is typed.
            if ((changed.mainTo || changed.copyTo) && !copiesTyped.current) {
              const units = (form.getFieldValue('mainTo') as string[] | undefined)?.length ?? 0;
              const copies = (form.getFieldValue('copyTo') as string[] | undefined)?.length ?? 0;
              form.setFieldValue('printCopies', String(Math.max(1, units + copies)));
            }
          },
        }}
        initialValues={record ? valuesOf(record) : blank(actor.id, active.length === 1 ? active[0]!.id : undefined)}
        run={run}
        onDone={(id) => {
          void message.success(record ? '已保存修改' : '已保存草稿');
          navigate(`/outgoing/${id}`);
        }}
        extraButtons={<Button onClick={() => navigate(record ? `/outgoing/${record.id}` : '/outgoing')}>返回</Button>}
      >
        {series.length === 0 && (
          <Typography.Paragraph type="danger" role="alert">
            还没有发文字号：请在“设置 → 发文字号”中添加（如 县政办发）。
          </Typography.Paragraph>
        )}
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item label="标题" name="title" required>
              <Input autoFocus maxLength={200} />
            </Form.Item>
          </Col>
          <Col span={4}>
            <Form.Item label="文种" name="docType" htmlFor={ids.docType} required>
              <Select id={ids.docType} showSearch options={DOC_TYPES.map((d) => ({ value: d, label: d }))} />
            </Form.Item>
          </Col>
          <Col span={4}>
            <Form.Item label="行文方向" name="direction" htmlFor={ids.direction} required extra="按文种建议，可改">
              <Select id={ids.direction} options={DOC_DIRECTIONS.map((d) => ({ value: d, label: d }))} />
            </Form.Item>
          </Col>
          <Col span={4}>
            <Form.Item label="发文字号" name="seriesId" htmlFor={ids.series} required extra="文号在登记时编定">
              <Select id={ids.series} showSearch optionFilterProp="label" options={seriesOptions} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item label="主送" name="mainTo" htmlFor={ids.mainTo} required>
              <UnitsPicker id={ids.mainTo} addable />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="抄送" name="copyTo" htmlFor={ids.copyTo}>
              <UnitsPicker id={ids.copyTo} addable />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col span={9}>
            <Form.Item label={<span id={ids.cls}>密级</span>} name="classification" required>
              <Radio.Group aria-labelledby={ids.cls} options={CLASSIFICATIONS.map((o) => ({ value: o, label: o }))} />
            </Form.Item>
          </Col>
          <Col span={4}>
            {/* Read from the store in the same render as the 密级 change (see the 收文 form). */}
            <Form.Item noStyle dependencies={['classification']}>
              {() => {
                const secret = isClassified(form.getFieldValue('classification') as Classification);
                return (
                  <Form.Item label="保密期限" name="secrecyTerm">
                    <Input disabled={!secret} placeholder={secret ? '如 20年、长期' : '非涉密'} />
                  </Form.Item>
                );
              }}
            </Form.Item>
          </Col>
          <Col span={7}>
            <Form.Item label={<span id={ids.urg}>紧急程度</span>} name="urgency" required>
              <Radio.Group aria-labelledby={ids.urg} options={URGENCIES.map((o) => ({ value: o, label: o }))} />
            </Form.Item>
          </Col>
          <Col span={4}>
            <Form.Item label="印制份数" name="printCopies" required>
              <Input suffix="份" onChange={() => (copiesTyped.current = true)} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col span={6}>
            <Form.Item label="拟稿单位" name="draftingUnitId" htmlFor={ids.unit} required extra={deptOptions.length === 0 ? '尚无机构：请在“设置 → 单位信息”中添加' : undefined}>
              <Select id={ids.unit} showSearch optionFilterProp="label" options={deptOptions} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item label="拟稿人" name="drafterId" htmlFor={ids.drafter} required>
              <AccountPicker id={ids.drafter} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="会签单位" name="countersignUnitIds" htmlFor={ids.countersign} extra="涉及其他单位职权时选择；不需会签则留空">
              <Select id={ids.countersign} mode="multiple" showSearch optionFilterProp="label" options={deptOptions} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col span={9}>
            <Form.Item label="附件说明" name="attachments" extra="每个附件一行">
              <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label={<span id={ids.disc}>公开属性</span>} name="disclosure" required>
              <Radio.Group aria-labelledby={ids.disc} options={DISCLOSURES.map((o) => ({ value: o, label: o }))} />
            </Form.Item>
          </Col>
          <Col span={7}>
            <Form.Item label="附注" name="remark">
              <Input maxLength={200} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label="正文" name="body" extra="可不填：导出红头文件时留出正文位置">
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 6 }} />
        </Form.Item>
      </CommandForm>
    </Card>
  );
}
