import { Alert, App, Col, Form, Input, Row, Select } from 'antd';
import { useId } from 'react';
import { CLASSIFICATIONS, isClassified, type Classification } from '@shared/domain/enums';
import { meetingInfoOf, type MeetingInfo } from '@shared/domain/meeting-correction';
import type { MeetingRecord } from '@shared/domain/meeting-types';
import { parseSecrecyTermText, secrecyTermText } from '@shared/domain/secrecy-term';
import { useSend } from '../../db/commands/use-send';
import { CommandDialog } from '../../ui/CommandDialog';
import { useMeetingSettings } from './meeting-ui';

// 更正 of a meeting's registration fields before 签发 (issue #14): prefilled, the reason required;
// the rules are shared/domain/meeting-correction.ts.

interface Values {
  name: string;
  meetingType: string;
  startAt: string;
  location: string;
  host: string;
  recorder: string;
  classification: Classification;
  secrecyTerm: string;
  topics: string;
  reason: string;
}

function toInfo(v: Values): MeetingInfo {
  const term = isClassified(v.classification) && v.secrecyTerm?.trim() ? parseSecrecyTermText(v.secrecyTerm) : null;
  return {
    name: v.name ?? '',
    meetingType: v.meetingType ?? '',
    startAt: (v.startAt ?? '').trim(),
    location: v.location ?? '',
    host: v.host ?? '',
    recorder: v.recorder ?? '',
    classification: v.classification,
    ...(term ? { secrecyTerm: term } : {}),
    topics: (v.topics ?? '')
      .split('\n')
      .map((t) => t.trim())
      .filter(Boolean),
  };
}

export function MeetingCorrectionDialog({ meeting, onClose }: { meeting: MeetingRecord; onClose: () => void }) {
  const send = useSend();
  const { message } = App.useApp();
  const settings = useMeetingSettings();
  const [form] = Form.useForm<Values>();
  const ids = { type: useId(), level: useId() };
  const classification = Form.useWatch('classification', form) ?? meeting.classification;
  const info = meetingInfoOf(meeting);
  const types = [...new Set([...(settings?.types ?? []), info.meetingType])];
  return (
    <CommandDialog<Values, MeetingRecord>
      title={`更正会议信息：${meeting.name}`}
      verb="更正"
      width={720}
      form={form}
      initialValues={{ ...info, startAt: info.startAt.replace('T', ' '), secrecyTerm: secrecyTermText(info.secrecyTerm), topics: info.topics.join('\n'), reason: '' }}
      run={(v) => send('meeting.correct', { id: meeting.id, meeting: toInfo(v), reason: v.reason ?? '' })}
      onClose={onClose}
      onDone={() => void message.success('会议信息已更正')}
    >
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title="纪要签发前更正会议登记信息；原内容、更正后内容和理由记入办理记录和审计日志。" />
      <Form.Item label="会议名称" name="name" required>
        <Input />
      </Form.Item>
      <Row gutter={12}>
        <Col span={8}>
          <Form.Item label="会议类型" name="meetingType" htmlFor={ids.type} required>
            <Select id={ids.type} options={types.map((t) => ({ value: t, label: t }))} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item label="开始时间" name="startAt" required>
            <Input placeholder="2026-11-23 09:00" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item label="地点" name="location" required>
            <Input />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col span={6}>
          <Form.Item label="主持人" name="host" required>
            <Input />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item label="记录人" name="recorder" required>
            <Input />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item label="密级" name="classification" htmlFor={ids.level}>
            <Select id={ids.level} options={CLASSIFICATIONS.map((c) => ({ value: c, label: c }))} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item label="保密期限" name="secrecyTerm">
            <Input disabled={!isClassified(classification)} placeholder={isClassified(classification) ? '如 10年、长期' : '非涉密'} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label="议题" name="topics" extra="每行一项">
        <Input.TextArea rows={3} />
      </Form.Item>
      <Form.Item label="更正理由" name="reason" required>
        <Input.TextArea rows={2} placeholder="如：地点登记有误" />
      </Form.Item>
    </CommandDialog>
  );
}
