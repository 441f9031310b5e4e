import { Alert, App, Button, Card, Col, Form, Input, Row, Select, Typography } from 'antd';
import { useLiveQuery } from '../../db/live';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { todayIso } from '@shared/domain/dates';
import { CLASSIFICATIONS, DOC_TYPES, URGENCIES, defaultSecrecyTerm, isClassified, type Classification } from '@shared/domain/enums';
import { registrationSchema } from '@shared/domain/incoming';
import { HANDLING_KINDS } from '@shared/domain/incoming-types';
import { secrecyTermText } from '@shared/domain/secrecy-term';
import { useDb } from '../../db/DbContext';
import { seatOf } from '../../db/lan/seat';
import { checkDuplicate, DuplicateIncomingError, fromUnitSuggestions, previewSerial } from '../../db/repositories/incoming';
import { useSend } from '../../db/commands/use-send';
import { CommandForm } from '../../ui/CommandForm';
import { enterToNext } from '../../ui/useEnterToNext';
import { RadioField, toRegistration, type RegistrationValues } from './registration-values';
import { useActor } from '../../ui/session';
import { errorText } from '../../ui/error-text';
import { ScanBox } from './ScanBox';

type Values = RegistrationValues;

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

/**
 * 收文登记. Built for the keyboard: Enter moves to the next field, Ctrl+S 登记, Ctrl+Enter
 * 保存并新建 (keeps 收文日期 and 来文单位). 收文编号 is assigned on save.
 */
export function RegistrationForm() {
  const db = useDb();
  const actor = useActor();
  const send = useSend();
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  // The 原件扫描件 chosen or dropped on the form: attached once the 收文 is registered.
  const [scan, setScan] = useState<File | null>(null);
  // Why attaching it failed (the registration stands), said after the save.
  const attachFailure = useRef<string | null>(null);
  const ids = { docType: useId(), fromUnitList: useId(), dupReasonHelp: useId() };
  const [form] = Form.useForm<Values>();
  const [duplicate, setDuplicate] = useState<{ id: string; serial: string; receivedDate: string } | null>(null);
  const [dupReason, setDupReason] = useState('');
  // 登记 was pressed on a duplicate without a reason: said beside the reason box.
  const [dupReasonMissing, setDupReasonMissing] = useState(false);
  const [suggestions, setSuggestions] = useState<string[]>([]);
  // Which way the next submit goes: 登记 (open the record) or 保存并新建 (a blank form, same 来文单位).
  const andNew = useRef(false);
  const submit = useCallback(
    (newAfter: boolean) => {
      andNew.current = newAfter;
      form.submit();
    },
    [form],
  );
  const classification = Form.useWatch('classification', form) ?? '非密';
  const fromUnit = Form.useWatch('fromUnit', form) ?? '';

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
  const receivedDate = Form.useWatch('receivedDate', form) ?? todayIso();
  // A LAN seat does not number: the server does (offline: 待编号 until it is back).
  const onSeat = seatOf(db) !== null;
  const nextSerial = useLiveQuery(() => (onSeat ? '由服务器编号' : previewSerial(db, receivedDate)), [db, receivedDate, onSeat]);

  const warnIfDuplicate = async () => {
    const v = form.getFieldsValue(['fromUnit', 'docNumber']) as Pick<Values, 'fromUnit' | 'docNumber'>;
    if (!v.fromUnit?.trim() || !v.docNumber?.trim()) return setDuplicate(null);
    setDuplicate(await checkDuplicate(db, actor, v.fromUnit, v.docNumber));
  };

  const run = async (v: Values) => {
    const reg = toRegistration(v, 'defaults');
    // The rules of a registration, checked here so every problem shows beside its field at once.
    registrationSchema.parse(reg);
    try {
      const record = await send('incoming.register', { registration: reg, ...(duplicate || dupReason ? { duplicateReason: dupReason } : {}) });
      attachFailure.current = null;
      if (scan) {
        // A step of its own after the registration: a scan refused (too large, not a PDF) never
        // undoes the 登记; the secretary is told and adds it on the record's page.
        try {
          await send('attachment.add', { ownerKind: 'incoming', ownerId: record.id, role: '原件扫描件', file: scan });
        } catch (e) {
          attachFailure.current = errorText(e);
        }
      }
      return record;
    } catch (e) {
      if (!(e instanceof DuplicateIncomingError)) throw e;
      // Not an error: the warning names the first record and asks for a reason.
      setDuplicate(e.existing);
      setDupReasonMissing(true);
      setTimeout(() => document.querySelector<HTMLInputElement>('input[aria-label="重复登记理由"]')?.focus(), 0);
      return null;
    }
  };

  const done = (record: { id: string; serial: string } | null, v: Values) => {
    if (!record) return;
    const failure = attachFailure.current;
    if (failure) {
      attachFailure.current = null;
      modal.warning({
        title: `已登记 ${record.serial}，但原件扫描件未能保存`,
        content: `${failure}。登记已完成；请在该收文页面的“附件”中重新添加扫描件。`,
        okText: '知道了',
      });
    } else void message.success(scan ? `已登记 ${record.serial}，原件扫描件已保存` : `已登记 ${record.serial}`);
    setScan(null);
    setDuplicate(null);
    setDupReason('');
    setDupReasonMissing(false);
    if (andNew.current) {
      form.resetFields();
      form.setFieldsValue(blank(v.signedBy, { receivedDate: v.receivedDate, fromUnit: v.fromUnit }));
      setTimeout(() => document.getElementById('ws-docNumber')?.focus(), 0);
    } else navigate(`/incoming/${record.id}`);
  };


  // Ctrl+S (登记) and Ctrl+Enter (保存并新建) anywhere on the page.
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
        e.preventDefault();
        submit(false);
      } else if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
        e.preventDefault();
        submit(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [submit]);

  return (
    <Card
      title="收文登记"
      extra={<Typography.Text type="secondary">Enter 下一项 · Ctrl+S 登记 · Ctrl+Enter 保存并新建</Typography.Text>}
      // A scan dropped anywhere on the form is the 原件扫描件.
      onDragOver={(e) => e.preventDefault()}
      onDrop={(e) => {
        e.preventDefault();
        const f = e.dataTransfer.files[0];
        if (f) setScan(f);
      }}
    >
      <CommandForm<Values, { id: string; serial: string } | null>
        form={form}
        verb="登记"
        formLabel="收文登记"
        formProps={{
          onKeyDownCapture: enterToNext,
          // A native submit is the 登记 button (or Enter on it); 保存并新建 and the shortcuts call form.submit().
          onSubmitCapture: () => {
            andNew.current = false;
          },
          onValuesChange: (changed: Partial<Values>) => {
            if (changed.classification) {
              const term = defaultSecrecyTerm(changed.classification);
              form.setFieldValue('secrecyTerm', term ? secrecyTermText(term) : '');
            }
          },
        }}
        initialValues={blank(actor.displayName)}
        run={run}
        onDone={done}
        extraButtons={
          <>
            <Button onClick={() => submit(true)}>保存并新建</Button>
            <Button onClick={() => navigate('/incoming')}>返回登记簿</Button>
          </>
        }
      >
          <ScanBox
            file={scan}
            onFile={setScan}
            onAdopt={(field, value) => {
              form.setFieldValue(field, value);
              if (field === 'docNumber') void warnIfDuplicate();
            }}
          />
          <Row gutter={16}>
            <Col span={4}>
              <Form.Item label="收文编号" htmlFor="ws-serial" extra={onSeat ? '离线时为待编号' : '保存时分配'}>
                <Input id="ws-serial" value={nextSerial ?? ''} readOnly tabIndex={-1} />
              </Form.Item>
            </Col>
            <Col span={4}>
              <Form.Item label="收文日期" name="receivedDate" required>
                <Input placeholder="YYYY-MM-DD" autoFocus />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item label="来文单位" name="fromUnit" htmlFor="ws-fromUnit" required>
                <Input id="ws-fromUnit" list={ids.fromUnitList} autoComplete="off" onBlur={() => void warnIfDuplicate()} />
              </Form.Item>
              <datalist id={ids.fromUnitList}>
                {suggestions.map((s) => (
                  <option key={s} value={s} />
                ))}
              </datalist>
            </Col>
            <Col span={8}>
              <Form.Item label="来文字号" name="docNumber" htmlFor="ws-docNumber" validateStatus={duplicate ? 'warning' : undefined} extra="[2026]、(2026) 自动规范为〔2026〕">
                <Input id="ws-docNumber" autoComplete="off" onBlur={() => void warnIfDuplicate()} />
              </Form.Item>
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
                <Form.Item style={{ marginBottom: 0 }} validateStatus={dupReasonMissing ? 'error' : undefined} help={dupReasonMissing ? <span id={ids.dupReasonHelp}>请填写重复登记理由：确需重复登记时理由必填（将记录在案）</span> : undefined}>
                  <Input
                    aria-label="重复登记理由"
                    aria-invalid={dupReasonMissing || undefined}
                    aria-describedby={dupReasonMissing ? ids.dupReasonHelp : undefined}
                    placeholder="如确需重复登记，请填写理由（将记录在案）"
                    value={dupReason}
                    onChange={(e) => {
                      setDupReason(e.target.value);
                      if (e.target.value.trim()) setDupReasonMissing(false);
                    }}
                    style={{ width: 420 }}
                  />
                </Form.Item>
              }
            />
          )}
          <Row gutter={16}>
            <Col span={16}>
              <Form.Item label="标题" name="title" required>
                <Input />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item label="文种" name="docType" htmlFor={ids.docType} required>
                <Select id={ids.docType} showSearch options={DOC_TYPES.map((d) => ({ value: d, label: d }))} />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col span={10}>
              <RadioField name="classification" label="密级" options={CLASSIFICATIONS} />
            </Col>
            <Col span={5}>
              {/* Read from the form store in the same render as the 密级 change, not through useWatch
                  (which answers a task later): an Enter pressed right after choosing 秘密 must
                  land in 保密期限, not skip it as still disabled. */}
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
            <Col span={4}>
              <Form.Item label="份号" name="copyNumber" required={isClassified(classification)}>
                <Input placeholder="000001" />
              </Form.Item>
            </Col>
            <Col span={5}>
              <RadioField name="urgency" label="紧急程度" options={URGENCIES} />
            </Col>
          </Row>
          <Row gutter={16}>
            <Col span={3}>
              <Form.Item label="份数" name="copies" required>
                <Input />
              </Form.Item>
            </Col>
            <Col span={3}>
              <Form.Item label="页数" name="pages">
                <Input />
              </Form.Item>
            </Col>
            <Col span={5}>
              <Form.Item label="成文日期" name="writtenDate">
                <Input placeholder="YYYY-MM-DD" />
              </Form.Item>
            </Col>
            <Col span={7}>
              <Form.Item label="附件" name="attachments">
                <Input />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item label="签收人" name="signedBy" required>
                <Input />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col span={6}>
              <RadioField name="handling" label="办理方式" options={HANDLING_KINDS} />
            </Col>
            <Col span={18}>
              <Form.Item label="摘要" name="summary">
                <Input />
              </Form.Item>
            </Col>
          </Row>
      </CommandForm>
    </Card>
  );
}
