import { Checkbox, Form, Tooltip } from 'antd';
import { useId } from 'react';
import { ROLE_DESCRIPTIONS, ROLES, type Role } from '@shared/domain/permissions';

/** 角色 as a checkbox group (form field `roles`); the 三员分立 rule is checked by the schema, and shown beside it. */
export function RoleCheckboxes() {
  const id = useId();
  return (
    <Form.Item label={<span id={id}>角色</span>} name="roles" required>
      <RoleGroup labelledBy={id} />
    </Form.Item>
  );
}

function RoleGroup({ labelledBy, value, onChange }: { labelledBy: string; value?: Role[]; onChange?: (v: Role[]) => void }) {
  return (
    <div role="group" aria-labelledby={labelledBy}>
      <Checkbox.Group<Role>
        value={value ?? []}
        onChange={(v) => onChange?.(v)}
        options={ROLES.map((r) => ({ value: r, label: <Tooltip title={ROLE_DESCRIPTIONS[r]}>{r}</Tooltip> }))}
      />
    </div>
  );
}
