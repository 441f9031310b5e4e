import { Alert, App, Col, Form, Input, Row, Select } from 'antd';
import { useId } from 'react';
import { CARRIER_DOC_NUMBER_MAX } from '@shared/domain/carrier';
import { carrierFieldsOf, type CarrierRegistrationFields } from '@shared/domain/carrier-correction';
import type { CarrierRecord } from '@shared/domain/carrier-types';
import { CARRIER_TYPES, CLASSIFICATIONS, isClassified, type CarrierType, type Classification } from '@shared/domain/enums';
import { parseSecrecyTermText, secrecyTermText } from '@shared/domain/secrecy-term';
import { useSend } from '../../db/commands/use-send';
import { CommandDialog } from '../../ui/CommandDialog';

// 更正 of a carrier's registration fields (issue #14): prefilled with what is registered, the reason
// required; the rules are shared/domain/carrier-correction.ts (the 编号 never changes).

interface Values {
  name: string;
  carrierType: CarrierType;
  classification: Classification;
  secrecyTerm: string;
  secrecyStart: string;
  copyNumber: string;
  quantity: string;
  pages: string;
  docNumber: string;
  unit: string;
  reason: string;
}

const number = (s: string | undefined) => {
  const t = (s ?? '').normalize('NFKC').trim();
  return t === '' ? Number.NaN : Number(t);
};

function toFields(v: Values, madeHere: boolean): CarrierRegistrationFields {
  const term = v.secrecyTerm?.trim() ? parseSecrecyTermText(v.secrecyTerm) : null;
  return {
    name: v.name ?? '',
    carrierType: v.carrierType,
    classification: v.classification,
    secrecyTerm: term,
    secrecyStart: (v.secrecyStart ?? '').trim(),
    copyNumber: v.copyNumber ?? '',
    quantity: number(v.quantity),
    ...((v.pages ?? '').trim() ? { pages: number(v.pages) } : {}),
    ...((v.docNumber ?? '').trim() ? { docNumber: v.docNumber } : {}),
    ...(madeHere ? { unit: v.unit ?? '' } : {}),
  };
}

export function CarrierCorrectionDialog({ record, onClose }: { record: CarrierRecord; onClose: () => void }) {
  const send = useSend();
  const { message } = App.useApp();
  const ids = { type: useId(), level: useId() };
  const f = carrierFieldsOf(record);
  // 制作单位 is corrected only on a carrier made here (a 收文's or another unit's keeps its source).
  const madeHere = record.source.kind === '自制';
  return (
    <CommandDialog<Values, CarrierRecord>
      title={`更正：${record.serial}`}
      verb="更正"
      width={720}
      initialValues={{
        name: f.name,
        carrierType: f.carrierType,
        classification: f.classification,
        secrecyTerm: secrecyTermText(f.secrecyTerm),
        secrecyStart: f.secrecyStart,
        copyNumber: f.copyNumber,
        quantity: String(f.quantity),
        pages: f.pages === undefined ? '' : String(f.pages),
        docNumber: f.docNumber ?? '',
        unit: f.unit ?? '',
        reason: '',
      }}
      run={(v) => send('carrier.correct', { id: record.id, fields: toFields(v, madeHere), reason: v.reason ?? '' })}
      onClose={onClose}
      onDone={() => void message.success(`${record.serial} 已更正`)}
    >
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={`编号 ${record.serial} 不变。更正登记时的错误；降密、解密和保管人、存放位置、知悉范围的变化不在此办理。`} />
      <Form.Item label="名称" name="name" required>
        <Input />
      </Form.Item>
      <Row gutter={12}>
        <Col span={8}>
          <Form.Item label="载体类型" name="carrierType" htmlFor={ids.type}>
            <Select id={ids.type} options={CARRIER_TYPES.map((t) => ({ value: t, label: t }))} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item label="密级" name="classification" htmlFor={ids.level}>
            <Select id={ids.level} options={CLASSIFICATIONS.filter(isClassified).map((t) => ({ value: t, label: t }))} />
          </Form.Item>
        </Col>
        <Col span={5}>
          <Form.Item label="保密期限" name="secrecyTerm">
            <Input placeholder="如 20年、长期" />
          </Form.Item>
        </Col>
        <Col span={5}>
          <Form.Item label="保密期限起算日" name="secrecyStart" required>
            <Input placeholder="YYYY-MM-DD" />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col span={6}>
          <Form.Item label="份号" name="copyNumber" required>
            <Input />
          </Form.Item>
        </Col>
        <Col span={5}>
          <Form.Item label="数量" name="quantity" required>
            <Input />
          </Form.Item>
        </Col>
        <Col span={5}>
          <Form.Item label="页数" name="pages">
            <Input />
          </Form.Item>
        </Col>
        {madeHere && (
          <Col span={8}>
            <Form.Item label="制作单位" name="unit" required>
              <Input />
            </Form.Item>
          </Col>
        )}
      </Row>
      <Form.Item label="来文字号" name="docNumber">
        <Input maxLength={CARRIER_DOC_NUMBER_MAX} placeholder="所载文件的文号，如 某政发〔2026〕12号" />
      </Form.Item>
      <Form.Item label="更正理由" name="reason" required>
        <Input.TextArea rows={2} placeholder="如：登记时误录" />
      </Form.Item>
    </CommandDialog>
  );
}
