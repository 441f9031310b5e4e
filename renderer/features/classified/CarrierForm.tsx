import { App, AutoComplete, Card, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import { useLiveQuery } from '../../db/live';
import { useNavigate } from 'react-router';
import { CARRIER_DOC_NUMBER_MAX } from '@shared/domain/carrier';
import { todayIso } from '@shared/domain/dates';
import { CARRIER_TYPES, defaultSecrecyTerm, type CarrierType, type Classification } from '@shared/domain/enums';
import { parseSecrecyTermText, secrecyTermText } from '@shared/domain/secrecy-term';
import { useDb } from '../../db/DbContext';
import { carrierFacets } from '../../db/repositories/carriers';
import { useSend } from '../../db/commands/use-send';
import { CommandForm } from '../../ui/CommandForm';
import { enterToNext } from '../../ui/useEnterToNext';
import { useActor } from '../../ui/session';
import { personOptions, personRef, useCarrierPeople } from './carrier-ui';

interface Values {
  name: string;
  carrierType: CarrierType;
  classification: Classification;
  secrecyTerm: string;
  secrecyStart: string;
  copyNumber: string;
  quantity: number;
  pages?: number;
  docNumber?: string;
  unit: string;
  knowerIds: string[];
  custodianId: string;
  location: string;
}

// Form field names for the repository's RuleError names.
const RENAME = { knowers: 'knowerIds', custodian: 'custodianId', source: 'unit' };

/** 登记 of a carrier made or received outside 收文 (a 收文 of 秘密 and above is registered with it automatically). */
export function CarrierForm() {
  const db = useDb();
  const actor = useActor();
  const send = useSend();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const people = useCarrierPeople();
  const facets = useLiveQuery(() => carrierFacets(db, actor), [db, actor.id]);

  const run = (v: Values) => {
    const custodian = personRef(people, v.custodianId);
    const term = v.secrecyTerm?.trim() ? parseSecrecyTermText(v.secrecyTerm) : null;
    return send('carrier.register', {
      name: v.name,
      carrierType: v.carrierType,
      classification: v.classification,
      ...(term ? { secrecyTerm: term } : {}),
      secrecyStart: v.secrecyStart,
      copyNumber: v.copyNumber ?? '',
      quantity: v.quantity,
      ...(v.pages !== undefined && v.pages !== null ? { pages: v.pages } : {}),
      ...(v.docNumber?.trim() ? { docNumber: v.docNumber } : {}),
      source: { kind: '自制', unit: v.unit ?? '' },
      knowers: (v.knowerIds ?? []).map((id) => personRef(people, id)).filter((p) => !!p),
      custodian: custodian ?? { userId: '', name: '' },
      location: v.location ?? '',
    });
  };

  return (
    <Card title="涉密载体登记">
      <Typography.Paragraph type="secondary">秘密及以上密级的收文在收文登记时已自动建账（每份一条），这里登记自制或其他途径取得的载体。</Typography.Paragraph>
      <CommandForm<Values, { id: string; serial: string }>
        form={form}
        verb="登记"
        formLabel="涉密载体登记"
        formProps={{
          style: { maxWidth: 760 },
          onKeyDown: enterToNext,
          onValuesChange: (changed: Partial<Values>) => {
            if (changed.classification) form.setFieldValue('secrecyTerm', secrecyTermText(defaultSecrecyTerm(changed.classification)));
          },
        }}
        initialValues={{ carrierType: '纸质文件', classification: '秘密', secrecyTerm: '10年', secrecyStart: todayIso(), copyNumber: '1', quantity: 1, custodianId: actor.id, knowerIds: [actor.id] }}
        rename={RENAME}
        run={run}
        onDone={(record) => {
          void message.success(`已登记 ${record.serial}`);
          navigate(`/classified/${record.id}`);
        }}
        onCancel={() => navigate('/classified')}
      >
        <Form.Item label="名称" name="name" rules={[{ required: true, whitespace: true, message: '请填写名称' }]}>
          <Input autoFocus maxLength={200} />
        </Form.Item>
        <Form.Item label="来文字号" name="docNumber" extra="所载文件的文号，如 某政发〔2026〕12号；没有可不填">
          <Input maxLength={CARRIER_DOC_NUMBER_MAX} style={{ maxWidth: 360 }} />
        </Form.Item>
        <Space size="large" wrap>
          <Form.Item label="载体类型" name="carrierType">
            <Select style={{ width: 160 }} options={CARRIER_TYPES.map((t) => ({ value: t, label: t }))} />
          </Form.Item>
          <Form.Item label="密级" name="classification">
            <Select style={{ width: 100 }} options={(['秘密', '机密', '绝密'] as const).map((t) => ({ value: t, label: t }))} />
          </Form.Item>
          <Form.Item label="保密期限" name="secrecyTerm" extra="如 20年、长期、2031-06-30">
            <Input style={{ width: 140 }} />
          </Form.Item>
          <Form.Item label="保密期限起算日" name="secrecyStart" rules={[{ required: true, message: '请输入保密期限起算日' }]} extra="YYYY-MM-DD">
            <Input style={{ width: 130 }} />
          </Form.Item>
        </Space>
        <Space size="large" wrap>
          <Form.Item label="份号" name="copyNumber" rules={[{ required: true, whitespace: true, message: '请填写份号' }]}>
            <Input style={{ width: 100 }} />
          </Form.Item>
          <Form.Item label="数量" name="quantity" rules={[{ required: true, message: '请输入数量' }]}>
            <InputNumber min={1} max={100000} style={{ width: 100 }} />
          </Form.Item>
          <Form.Item label="页数" name="pages">
            <InputNumber min={0} max={100000} style={{ width: 100 }} />
          </Form.Item>
          <Form.Item label="制作单位" name="unit" rules={[{ required: true, whitespace: true, message: '请填写制作单位' }]} extra="来源：自制">
            <Input style={{ width: 200 }} />
          </Form.Item>
        </Space>
        <Form.Item label="知悉范围" name="knowerIds" rules={[{ required: true, message: '知悉范围至少要有一人' }]}>
          <Select mode="multiple" showSearch optionFilterProp="label" options={personOptions(people)} />
        </Form.Item>
        <Space size="large" wrap>
          <Form.Item label="保管人" name="custodianId" rules={[{ required: true, message: '请选择保管人' }]}>
            <Select style={{ width: 160 }} showSearch optionFilterProp="label" options={personOptions(people)} />
          </Form.Item>
          <Form.Item label="存放位置" name="location" rules={[{ required: true, whitespace: true, message: '请填写存放位置' }]}>
            <AutoComplete style={{ width: 260 }} options={(facets?.locations ?? []).map((l) => ({ value: l }))} filterOption={(input, o) => String(o?.value ?? '').includes(input)} />
          </Form.Item>
        </Space>
      </CommandForm>
    </Card>
  );
}
