import { Alert, Button, Form, Space, type FormInstance, type FormProps } from 'antd';
import { useId, useState, type ReactNode } from 'react';
import type { ZodType } from 'zod';
import { useCommand, type FieldRename } from './command';
import { DiscardConfirm } from './CommandDialog';

// The inline sibling of CommandDialog (the 收文登记 form, settings panels): the same busy state,
// field errors, alert and verb-named submit button, without the modal. With `onCancel` it shows a
// 取消 that asks before discarding typed input, like the dialog.

export interface CommandFormProps<V, T> {
  verb: string;
  run: (values: V) => Promise<T>;
  onDone?: (result: T, values: V) => void;
  form?: FormInstance<V>;
  initialValues?: Partial<V>;
  rename?: FieldRename;
  /** Checked before the command is sent; its issues are shown beside their fields. */
  schema?: ZodType<V>;
  /** The form's accessible name; the verb when absent. */
  formLabel?: string;
  danger?: boolean;
  /** The submit button cannot be pressed yet (nothing chosen to export …). */
  submitDisabled?: boolean;
  /** The submit button spans the form (the login form). */
  block?: boolean;
  /** When given, a 取消 button: a dirty form asks first, a clean one cancels at once. */
  onCancel?: () => void;
  extraButtons?: ReactNode;
  formProps?: Omit<FormProps<V>, 'form' | 'initialValues' | 'onFinish'>;
  children: ReactNode;
}

export function CommandForm<V, T>(props: CommandFormProps<V, T>) {
  const [own] = Form.useForm<V>();
  const form = props.form ?? own;
  const command = useCommand(props.run, { form, ...(props.rename ? { rename: props.rename } : {}),
    ...(props.schema ? { schema: props.schema } : {}), ...(props.onDone ? { onDone: props.onDone } : {}) });
  const [asking, setAsking] = useState(false);
  // A name per form makes its input ids unique: two forms with a 密码 field may be open at once.
  const formName = `f${useId().replace(/[^a-zA-Z0-9]/g, '')}`;
  const { onCancel } = props;
  const cancel = () => {
    if (!onCancel || command.busy) return;
    if (form.isFieldsTouched()) setAsking(true);
    else onCancel();
  };
  return (
    <Form
      layout="vertical"
      name={formName}
      {...props.formProps}
      form={form}
      aria-label={props.formLabel ?? props.verb}
      initialValues={props.initialValues}
      // A field not shown now (a password only some roles need) is sent as its initial value.
      onFinish={(v) => void command.submit({ ...props.initialValues, ...v } as V)}
    >
      {props.children}
      {command.error && <Alert type="error" showIcon role="alert" title={command.error} style={{ marginBottom: 16 }} />}
      {props.block ? (
        <Button type="primary" htmlType="submit" block loading={command.busy} disabled={command.busy || props.submitDisabled} danger={props.danger}>
          {props.verb}
        </Button>
      ) : (
        <Space>
          <Button type="primary" htmlType="submit" loading={command.busy} disabled={command.busy || props.submitDisabled} danger={props.danger}>
            {props.verb}
          </Button>
          {props.extraButtons}
          {onCancel && <Button onClick={cancel} disabled={command.busy}>取消</Button>}
        </Space>
      )}
      {onCancel && <DiscardConfirm open={asking} onKeep={() => setAsking(false)} onDiscard={() => { setAsking(false); onCancel(); }} />}
    </Form>
  );
}
