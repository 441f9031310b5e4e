import { Tag, Typography } from 'antd';
import { useLiveQuery } from '../../db/live';
import { formatCarrierMarking } from '@shared/domain/carrier';
import type { CarrierRecord, CarrierState, PersonRef } from '@shared/domain/carrier-types';
import { can } from '@shared/domain/permissions';
import { useDb } from '../../db/DbContext';
import { carrierPeople } from '../../db/repositories/carriers';
import { useActor } from '../../ui/session';

// Small pieces the 台账's screens share: state tags, the 密级 marking with its struck-through
// predecessors, and the people a carrier can name.

const STATE_COLORS: Record<CarrierState, string> = {
  在库: 'green',
  借出: 'orange',
  已移交: 'default',
  已销毁: 'default',
  已解密: 'blue',
};

export function CarrierStateTag({ state }: { state: CarrierState }) {
  return <Tag color={STATE_COLORS[state]}>{state}</Tag>;
}

/** 机密★20年, with any earlier marking struck through before it (DOMAIN.md §4: the old marking stays visible). */
export function CarrierMarking({ record }: { record: Pick<CarrierRecord, 'classification' | 'secrecyTerm' | 'markingHistory'> }) {
  const m = formatCarrierMarking(record);
  return (
    <span>
      {m.previous.map((p, i) => (
        <Typography.Text key={i} delete type="secondary" style={{ marginRight: 6 }}>
          {p}
        </Typography.Text>
      ))}
      <Typography.Text type={record.classification === '非密' ? undefined : 'danger'}>{m.current}</Typography.Text>
    </span>
  );
}

export interface CarrierPerson {
  id: string;
  name: string;
  approver: boolean;
}

/** Everyone a carrier may name, and who among them may approve (安全保密管理员). */
export function useCarrierPeople(): CarrierPerson[] {
  const db = useDb();
  const actor = useActor();
  return (
    useLiveQuery(async () => (await carrierPeople(db, actor)).map((p) => ({ id: p.id, name: p.name, approver: can({ roles: p.roles }, 'classified.approve') })), [db, actor.id]) ?? []
  );
}

export function personOptions(people: readonly CarrierPerson[], only?: (p: CarrierPerson) => boolean) {
  return people.filter((p) => !only || only(p)).map((p) => ({ value: p.id, label: p.name }));
}

export function personRef(people: readonly CarrierPerson[], id: string | undefined): PersonRef | undefined {
  const p = people.find((x) => x.id === id);
  return p ? { userId: p.id, name: p.name } : undefined;
}

export { errorText } from '../../ui/error-text';
