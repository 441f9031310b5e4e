import { Form, Input, InputNumber } from 'antd';
import { useId, type ReactNode } from 'react';
import { Controller, type Control, type FieldPath, type FieldValues } from 'react-hook-form';

interface Props<T extends FieldValues> {
  control: Control<T>;
  name: FieldPath<T>;
  /** The DOMAIN.md field name: it is the visible <label>, and tests find the input by it. */
  label: string;
  type?: 'text' | 'password' | 'number';
  required?: boolean;
  autoFocus?: boolean;
  autoComplete?: string;
  placeholder?: string;
  disabled?: boolean;
  extra?: ReactNode;
  min?: number;
  max?: number;
}

/** One labelled input bound to react-hook-form; its error is shown right under it. */
export function FormField<T extends FieldValues>(props: Props<T>) {
  const id = useId();
  const { control, name, label, type = 'text', required, extra } = props;
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <Form.Item
          label={label}
          htmlFor={id}
          required={required}
          validateStatus={fieldState.error ? 'error' : undefined}
          help={fieldState.error?.message}
          extra={extra}
        >
          {type === 'password' ? (
            <Input.Password
              id={id}
              {...field}
              value={field.value ?? ''}
              autoFocus={props.autoFocus}
              autoComplete={props.autoComplete}
              disabled={props.disabled}
            />
          ) : type === 'number' ? (
            <InputNumber
              id={id}
              ref={field.ref}
              name={field.name}
              value={field.value}
              onChange={(v) => field.onChange(v)}
              onBlur={field.onBlur}
              min={props.min}
              max={props.max}
              disabled={props.disabled}
            />
          ) : (
            <Input
              id={id}
              {...field}
              value={field.value ?? ''}
              autoFocus={props.autoFocus}
              autoComplete={props.autoComplete}
              placeholder={props.placeholder}
              disabled={props.disabled}
            />
          )}
        </Form.Item>
      )}
    />
  );
}
