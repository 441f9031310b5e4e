import { Checkbox, Form, Tooltip } from 'antd';
import { useId } from 'react';
import { ROLE_DESCRIPTIONS, ROLES, type Role } from '@shared/domain/permissions';

/** 角色 as a checkbox group; the 三员分立 rule is checked by the schema, and shown beside it. */
export function RoleCheckboxes({ value, onChange, error }: { value: Role[]; onChange(v: Role[]): void; error?: string }) {
  const id = useId();
  return (
    <Form.Item label={<span id={id}>角色</span>} required validateStatus={error ? 'error' : undefined} help={error}>
      <div role="group" aria-labelledby={id}>
        <Checkbox.Group<Role>
          value={value}
          onChange={(v) => onChange(v)}
          options={ROLES.map((r) => ({ value: r, label: <Tooltip title={ROLE_DESCRIPTIONS[r]}>{r}</Tooltip> }))}
        />
      </div>
    </Form.Item>
  );
}
