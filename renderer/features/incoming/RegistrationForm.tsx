import { Alert, App, Button, Card, Col, Form, Input, Radio, Row, Select, Space, Typography } from 'antd';
import { useLiveQuery } from '../../db/live';
import { useEffect, useId, useRef, useState } from 'react';
import { Controller, useForm, useWatch, type Control } from 'react-hook-form';
import { useNavigate } from 'react-router';
import { todayIso } from '@shared/domain/dates';
import { CLASSIFICATIONS, DOC_TYPES, URGENCIES, defaultSecrecyTerm, isClassified, type Classification, type DocType, type Urgency } from '@shared/domain/enums';
import { registrationSchema } from '@shared/domain/incoming';
import { HANDLING_KINDS, type HandlingKind, type Registration } from '@shared/domain/incoming-types';
import { parseSecrecyTermText, secrecyTermText } from '@shared/domain/secrecy-term';
import { useDb } from '../../db/DbContext';
import { checkDuplicate, DuplicateIncomingError, fromUnitSuggestions, previewSerial, registerIncoming } from '../../db/repositories/incoming';
import { FormField } from '../../ui/FormField';
import { enterToNext } from '../../ui/useEnterToNext';
import { useActor } from '../../ui/session';
import { RuleError } from '@shared/domain/rule-error';

interface Values {
  receivedDate: string;
  fromUnit: string;
  docNumber: string;
  title: string;
  docType: DocType;
  classification: Classification;
  secrecyTerm: string;
  copyNumber: string;
  copies: string;
  pages: string;
  urgency: Urgency;
  writtenDate: string;
  attachments: string;
  signedBy: string;
  handling: HandlingKind;
  summary: string;
}

const FIELDS: (keyof Values)[] = ['receivedDate', 'fromUnit', 'docNumber', 'title', 'docType', 'classification', 'secrecyTerm', 'copyNumber', 'copies', 'pages', 'urgency', 'writtenDate', 'attachments', 'signedBy', 'handling', 'summary'];

function blank(signedBy: string, keep?: Pick<Values, 'receivedDate' | 'fromUnit'>): Values {
  return {
    receivedDate: keep?.receivedDate ?? todayIso(),
    fromUnit: keep?.fromUnit ?? '',
    docNumber: '',
    title: '',
    docType: '通知',
    classification: '非密',
    secrecyTerm: '',
    copyNumber: '',
    copies: '1',
    pages: '',
    urgency: '普通',
    writtenDate: '',
    attachments: '',
    signedBy,
    handling: '办件',
    summary: '',
  };
}

function toRegistration(v: Values): Registration {
  const term = isClassified(v.classification) ? parseSecrecyTermText(v.secrecyTerm) : null;
  return {
    receivedDate: v.receivedDate.trim(),
    fromUnit: v.fromUnit,
    docNumber: v.docNumber,
    title: v.title,
    docType: v.docType,
    classification: v.classification,
    ...(term ? { secrecyTerm: term } : {}),
    ...(v.copyNumber.trim() ? { copyNumber: v.copyNumber.trim() } : {}),
    // NFKC: digits typed with the Chinese IME in full-width mode (２) count as digits.
    copies: Number(v.copies.normalize('NFKC').trim() || '1'),
    pages: Number(v.pages.normalize('NFKC').trim() || '0'),
    urgency: v.urgency,
    ...(v.writtenDate.trim() ? { writtenDate: v.writtenDate.trim() } : {}),
    ...(v.attachments.trim() ? { attachments: v.attachments.trim() } : {}),
    signedBy: v.signedBy,
    handling: v.handling,
    ...(v.summary.trim() ? { summary: v.summary.trim() } : {}),
  };
}

function RadioField<K extends 'classification' | 'urgency' | 'handling'>({
  control,
  name,
  label,
  options,
  onPicked,
}: {
  control: Control<Values>;
  name: K;
  label: string;
  options: readonly Values[K][];
  onPicked?: (v: Values[K]) => void;
}) {
  const id = useId();
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <Form.Item label={<span id={id}>{label}</span>} required validateStatus={fieldState.error ? 'error' : undefined} help={fieldState.error?.message}>
          <Radio.Group
            aria-labelledby={id}
            value={field.value}
            onChange={(e) => {
              field.onChange(e.target.value);
              onPicked?.(e.target.value as Values[K]);
            }}
            options={options.map((o) => ({ value: o, label: o }))}
          />
        </Form.Item>
      )}
    />
  );
}

/**
 * 收文登记. Built for the keyboard: Enter moves to the next field, Ctrl+S 登记, Ctrl+Enter
 * 保存并新建 (keeps 收文日期 and 来文单位). 收文编号 is assigned on save.
 */
export function RegistrationForm() {
  const db = useDb();
  const actor = useActor();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const ids = { docType: useId(), fromUnitList: useId() };
  const { control, handleSubmit, setError, reset, setValue, setFocus, getValues, formState } = useForm<Values>({ defaultValues: blank(actor.displayName) });
  const [duplicate, setDuplicate] = useState<{ id: string; serial: string; receivedDate: string } | null>(null);
  const [dupReason, setDupReason] = useState('');
  const [formError, setFormError] = useState<string | null>(null);
  const [suggestions, setSuggestions] = useState<string[]>([]);
  const inFlight = useRef(false);
  const classification = useWatch({ control, name: 'classification' });
  const fromUnit = useWatch({ control, name: 'fromUnit' });

  useEffect(() => {
    let live = true;
    // Debounced: the suggestions follow typing, not every keystroke.
    const timer = setTimeout(() => {
      void fromUnitSuggestions(db, actor, fromUnit).then((s) => live && setSuggestions(s));
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [db, actor, fromUnit]);

  // 收文编号 the next save would get (assigned for real, gap-free, only on save).
  const receivedDate = useWatch({ control, name: 'receivedDate' });
  const nextSerial = useLiveQuery(() => previewSerial(db, receivedDate), [db, receivedDate]);

  useEffect(() => setFocus('receivedDate'), [setFocus]);

  const warnIfDuplicate = async () => {
    const v = getValues();
    if (!v.fromUnit.trim() || !v.docNumber.trim()) return setDuplicate(null);
    setDuplicate(await checkDuplicate(db, actor, v.fromUnit, v.docNumber));
  };

  const save = (andNew: boolean) => handleSubmit(async (v) => {
    // A second Ctrl+S while the first save runs must not register the document twice.
    if (inFlight.current) return;
    inFlight.current = true;
    try {
      await saveValues(v, andNew);
    } finally {
      inFlight.current = false;
    }
  });

  const saveValues = async (v: Values, andNew: boolean) => {
    setFormError(null);
    const reg = toRegistration(v);
    const parsed = registrationSchema.safeParse(reg);
    if (!parsed.success) {
      let first = true;
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? '') as keyof Values;
        if (FIELDS.includes(field)) {
          setError(field, { type: 'rule', message: issue.message }, { shouldFocus: first });
          first = false;
        }
      }
      return;
    }
    try {
      const record = await registerIncoming(db, actor, reg, duplicate || dupReason ? { duplicateReason: dupReason } : {});
      void message.success(`已登记 ${record.serial}`);
      setDuplicate(null);
      setDupReason('');
      if (andNew) {
        reset(blank(v.signedBy, { receivedDate: v.receivedDate, fromUnit: v.fromUnit }));
        setTimeout(() => setFocus('docNumber'), 0);
      } else navigate(`/incoming/${record.id}`);
    } catch (e) {
      if (e instanceof DuplicateIncomingError) {
        setDuplicate(e.existing);
        setTimeout(() => document.querySelector<HTMLInputElement>('input[aria-label="重复登记理由"]')?.focus(), 0);
      } else if (e instanceof RuleError && FIELDS.includes(e.field as keyof Values)) setError(e.field as keyof Values, { type: 'server', message: e.message }, { shouldFocus: true });
      else setFormError(e instanceof Error ? e.message : String(e));
    }
  };

  const submit = (newAfter: boolean) => void save(newAfter)();
  const submitRef = useRef(submit);
  useEffect(() => {
    submitRef.current = submit;
  });

  // Ctrl+S (登记) and Ctrl+Enter (保存并新建) anywhere on the page.
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
        e.preventDefault();
        submitRef.current(false);
      } else if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
        e.preventDefault();
        submitRef.current(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <Card title="收文登记" extra={<Typography.Text type="secondary">Enter 下一项 · Ctrl+S 登记 · Ctrl+Enter 保存并新建</Typography.Text>}>
      <form
        aria-label="收文登记"
        noValidate
        onKeyDownCapture={enterToNext}
        onSubmit={(e) => {
          e.preventDefault();
          submit(false);
        }}
      >
        <Form component={false} layout="vertical">
          <Row gutter={16}>
            <Col span={4}>
              <Form.Item label="收文编号" htmlFor="ws-serial" extra="保存时分配">
                <Input id="ws-serial" value={nextSerial ?? ''} readOnly tabIndex={-1} />
              </Form.Item>
            </Col>
            <Col span={4}>
              <FormField control={control} name="receivedDate" label="收文日期" required placeholder="YYYY-MM-DD" />
            </Col>
            <Col span={8}>
              <Controller
                control={control}
                name="fromUnit"
                render={({ field, fieldState }) => (
                  <Form.Item label="来文单位" htmlFor="ws-fromUnit" required validateStatus={fieldState.error ? 'error' : undefined} help={fieldState.error?.message}>
                    <Input id="ws-fromUnit" list={ids.fromUnitList} autoComplete="off" {...field} onBlur={() => {
                      field.onBlur();
                      void warnIfDuplicate();
                    }} />
                    <datalist id={ids.fromUnitList}>
                      {suggestions.map((s) => (
                        <option key={s} value={s} />
                      ))}
                    </datalist>
                  </Form.Item>
                )}
              />
            </Col>
            <Col span={8}>
              <Controller
                control={control}
                name="docNumber"
                render={({ field, fieldState }) => (
                  <Form.Item label="来文字号" htmlFor="ws-docNumber" validateStatus={fieldState.error ? 'error' : duplicate ? 'warning' : undefined} help={fieldState.error?.message} extra="[2026]、(2026) 自动规范为〔2026〕">
                    <Input id="ws-docNumber" autoComplete="off" {...field} onBlur={() => {
                      field.onBlur();
                      void warnIfDuplicate();
                    }} />
                  </Form.Item>
                )}
              />
            </Col>
          </Row>
          {duplicate && (
            <Alert
              type="warning"
              showIcon
              role="alert"
              style={{ marginBottom: 16 }}
              title={
                <span>
                  重复来文：同一来文单位、来文字号已于 {duplicate.receivedDate} 登记为{' '}
                  <a href={`#/incoming/${duplicate.id}`} target="_blank" rel="noreferrer">
                    {duplicate.serial}
                  </a>
                </span>
              }
              description={
                <Space>
                  <Input aria-label="重复登记理由" placeholder="如确需重复登记，请填写理由（将记录在案）" value={dupReason} onChange={(e) => setDupReason(e.target.value)} style={{ width: 420 }} />
                </Space>
              }
            />
          )}
          <Row gutter={16}>
            <Col span={16}>
              <FormField control={control} name="title" label="标题" required />
            </Col>
            <Col span={8}>
              <Controller
                control={control}
                name="docType"
                render={({ field, fieldState }) => (
                  <Form.Item label="文种" htmlFor={ids.docType} required validateStatus={fieldState.error ? 'error' : undefined} help={fieldState.error?.message}>
                    <Select id={ids.docType} showSearch value={field.value} onChange={field.onChange} options={DOC_TYPES.map((d) => ({ value: d, label: d }))} />
                  </Form.Item>
                )}
              />
            </Col>
          </Row>
          <Row gutter={16}>
            <Col span={10}>
              <RadioField
                control={control}
                name="classification"
                label="密级"
                options={CLASSIFICATIONS}
                onPicked={(level) => {
                  const term = defaultSecrecyTerm(level);
                  setValue('secrecyTerm', term ? secrecyTermText(term) : '');
                }}
              />
            </Col>
            <Col span={5}>
              <FormField control={control} name="secrecyTerm" label="保密期限" disabled={!isClassified(classification)} placeholder={isClassified(classification) ? '如 20年、长期' : '非涉密'} />
            </Col>
            <Col span={4}>
              <FormField control={control} name="copyNumber" label="份号" required={isClassified(classification)} placeholder="000001" />
            </Col>
            <Col span={5}>
              <RadioField control={control} name="urgency" label="紧急程度" options={URGENCIES} />
            </Col>
          </Row>
          <Row gutter={16}>
            <Col span={3}>
              <FormField control={control} name="copies" label="份数" required />
            </Col>
            <Col span={3}>
              <FormField control={control} name="pages" label="页数" />
            </Col>
            <Col span={5}>
              <FormField control={control} name="writtenDate" label="成文日期" placeholder="YYYY-MM-DD" />
            </Col>
            <Col span={7}>
              <FormField control={control} name="attachments" label="附件" />
            </Col>
            <Col span={6}>
              <FormField control={control} name="signedBy" label="签收人" required />
            </Col>
          </Row>
          <Row gutter={16}>
            <Col span={6}>
              <RadioField control={control} name="handling" label="办理方式" options={HANDLING_KINDS} />
            </Col>
            <Col span={18}>
              <FormField control={control} name="summary" label="摘要" />
            </Col>
          </Row>
          {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} />}
          <Space>
            <Button type="primary" htmlType="submit" loading={formState.isSubmitting}>
              登记
            </Button>
            <Button onClick={() => submit(true)} disabled={formState.isSubmitting}>
              保存并新建
            </Button>
            <Button onClick={() => navigate('/incoming')}>返回登记簿</Button>
          </Space>
        </Form>
      </form>
    </Card>
  );
}
