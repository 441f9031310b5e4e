import { Tag } from 'antd';
import type { Classification, Urgency } from '@shared/domain/enums';
import type { IncomingState } from '@shared/domain/incoming-types';

const STATE_COLORS: Record<IncomingState, string> = {
  已登记: 'default',
  已初审: 'blue',
  已拟办: 'cyan',
  已批示: 'geekblue',
  承办中: 'orange',
  传阅中: 'purple',
  已办结: 'green',
  已退回: 'red',
};

export function StateTag({ state }: { state: IncomingState }) {
  return <Tag color={STATE_COLORS[state]}>{state}</Tag>;
}

export function ClassificationTag({ level }: { level: Classification }) {
  if (level === '非密') return <span>非密</span>;
  return <Tag color={level === '内部' ? 'default' : 'red'}>{level}</Tag>;
}

export function UrgencyTag({ urgency }: { urgency: Urgency }) {
  if (urgency === '普通') return <span>普通</span>;
  return <Tag color={urgency === '特急' ? 'red' : 'volcano'}>{urgency}</Tag>;
}
