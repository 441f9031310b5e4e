import { Tag } from 'antd';
import { allowedOutgoingActions, pendingCountersigns, pendingDistributions } from '@shared/domain/outgoing';
import type { Role } from '@shared/domain/permissions';
import type { OutgoingActionType, OutgoingRecord, OutgoingState } from '@shared/domain/outgoing-types';

// Small pieces the 发文 screens share: the state tag and the text of a 文号 not yet taken.

const STATE_COLORS: Record<OutgoingState, string> = {
  草稿: 'default',
  待核稿: 'blue',
  待会签: 'cyan',
  待签发: 'geekblue',
  待复核: 'purple',
  待登记: 'orange',
  待印制: 'gold',
  待用印: 'gold',
  待核发: 'volcano',
  已核发: 'green',
  已作废: 'red',
};

export function OutgoingStateTag({ state }: { state: OutgoingState }) {
  return <Tag color={STATE_COLORS[state]}>{state}</Tag>;
}

/** The 文号, or 未编号 before 登记. */
export function numberText(r: Pick<OutgoingRecord, 'docNumber'>): string {
  return r.docNumber ?? '未编号';
}


/** The steps the actor may take now, as buttons: 会签 while a 会签单位 is waiting, 核发 while a unit is. */
export function nextOutgoingActions(r: OutgoingRecord, actor: { roles: readonly Role[] }): OutgoingActionType[] {
  return allowedOutgoingActions(r, actor).filter((a) => (a === '会签' ? pendingCountersigns(r).length > 0 : a === '核发' ? pendingDistributions(r).length > 0 : true));
}
