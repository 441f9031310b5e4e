import { Alert, App, Col, Form, Input, Row, Select } from 'antd';
import { useId } from 'react';
import { CLASSIFICATIONS, DOC_TYPES, URGENCIES, isClassified } from '@shared/domain/enums';
import { registrationOf } from '@shared/domain/incoming-correction';
import { HANDLING_KINDS, type IncomingRecord } from '@shared/domain/incoming-types';
import { secrecyTermText } from '@shared/domain/secrecy-term';
import { useSend } from '../../db/commands/use-send';
import { CommandDialog } from '../../ui/CommandDialog';
import { RadioField, toRegistration, type RegistrationValues } from './registration-values';

// 更正 of a registered 收文 (issue #14): the registration form's fields prefilled with the stored
// values, and the reason. The rules (who, when, which fields, the number unchanged) are the
// domain's (shared/domain/incoming-correction.ts); its field errors land beside their boxes.

interface Values extends RegistrationValues {
  reason: string;
}

function valuesOf(r: IncomingRecord): Values {
  const g = registrationOf(r);
  return {
    receivedDate: g.receivedDate,
    fromUnit: g.fromUnit,
    docNumber: g.docNumber,
    title: g.title,
    docType: g.docType,
    classification: g.classification,
    secrecyTerm: secrecyTermText(g.secrecyTerm),
    copyNumber: g.copyNumber ?? '',
    copies: String(g.copies),
    pages: String(g.pages),
    urgency: g.urgency,
    writtenDate: g.writtenDate ?? '',
    attachments: g.attachments ?? '',
    signedBy: g.signedBy,
    handling: g.handling,
    summary: g.summary ?? '',
    reason: '',
  };
}

/** The 更正 dialog of one 收文; closes after the 更正 is saved. */
export function IncomingCorrectionDialog({ record, onClose }: { record: IncomingRecord; onClose: () => void }) {
  const send = useSend();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const docTypeId = useId();
  const classification = Form.useWatch('classification', form) ?? record.classification;
  return (
    <CommandDialog<Values, IncomingRecord>
      title={`更正：${record.serial}`}
      verb="更正"
      width={820}
      form={form}
      initialValues={valuesOf(record)}
      run={(v) => send('incoming.correct', { id: record.id, registration: toRegistration(v, 'refuse'), reason: v.reason ?? '' })}
      onClose={onClose}
      onDone={() => void message.success(`${record.serial} 已更正`)}
    >
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={`收文编号 ${record.serial} 不变。更正的项目（原内容 → 新内容）和理由记入办理过程和审计日志。`} />
      <Row gutter={12}>
        <Col span={6}>
          <Form.Item label="收文日期" name="receivedDate" required>
            <Input placeholder="YYYY-MM-DD" />
          </Form.Item>
        </Col>
        <Col span={9}>
          <Form.Item label="来文单位" name="fromUnit" required>
            <Input />
          </Form.Item>
        </Col>
        <Col span={9}>
          <Form.Item label="来文字号" name="docNumber">
            <Input />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col span={17}>
          <Form.Item label="标题" name="title" required>
            <Input />
          </Form.Item>
        </Col>
        <Col span={7}>
          <Form.Item label="文种" name="docType" htmlFor={docTypeId} required>
            <Select id={docTypeId} showSearch options={DOC_TYPES.map((d) => ({ value: d, label: d }))} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col span={12}>
          <RadioField name="classification" label="密级" options={CLASSIFICATIONS} />
        </Col>
        <Col span={6}>
          <Form.Item label="保密期限" name="secrecyTerm">
            <Input disabled={!isClassified(classification)} placeholder={isClassified(classification) ? '如 20年、长期' : '非涉密'} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item label="份号" name="copyNumber" required={isClassified(classification)}>
            <Input placeholder="000001" />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col span={4}>
          <Form.Item label="份数" name="copies" required>
            <Input />
          </Form.Item>
        </Col>
        <Col span={4}>
          <Form.Item label="页数" name="pages" required>
            <Input />
          </Form.Item>
        </Col>
        <Col span={8}>
          <RadioField name="urgency" label="紧急程度" options={URGENCIES} />
        </Col>
        <Col span={8}>
          <Form.Item label="成文日期" name="writtenDate">
            <Input placeholder="YYYY-MM-DD" />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col span={10}>
          <Form.Item label="附件" name="attachments">
            <Input />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item label="签收人" name="signedBy" required>
            <Input />
          </Form.Item>
        </Col>
        <Col span={8}>
          <RadioField name="handling" label="办理方式" options={HANDLING_KINDS} />
        </Col>
      </Row>
      <Form.Item label="摘要" name="summary">
        <Input />
      </Form.Item>
      <Form.Item label="更正理由" name="reason" required>
        <Input.TextArea rows={2} placeholder="如：登记时误录" />
      </Form.Item>
    </CommandDialog>
  );
}
