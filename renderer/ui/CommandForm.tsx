import { Alert, Button, Form, Modal, Space, type FormInstance, type FormProps } from 'antd';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { ZodType } from 'zod';
import { useCommand, type FieldRename } from './command';

// Every form that sends a command (the 收文登记 form, settings panels, and inside CommandDialog every
// dialog): the submit button named by its verb, busy while the command runs, field errors beside
// their fields, other errors as an alert, and a question before typed input is thrown away.

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
  /** The guard of a form inside something that closes by other ways too (the dialog's × and Esc). */
  guard?: DiscardGuard;
  extraButtons?: ReactNode;
  formProps?: Omit<FormProps<V>, 'form' | 'initialValues' | 'onFinish'>;
  children: ReactNode;
}

/** The confirm that guards typed input. */
export function DiscardConfirm({ open, onDiscard, onKeep }: { open: boolean; onDiscard(): void; onKeep(): void }) {
  return (
    <Modal open={open} title="放弃已填写的内容？" onCancel={onKeep} width={380} zIndex={1100} destroyOnHidden footer={
      <Space>
        <Button onClick={onKeep} autoFocus>继续填写</Button>
        <Button danger type="primary" onClick={onDiscard}>放弃</Button>
      </Space>
    }>
      已填写的内容尚未保存，放弃后不能恢复。
    </Modal>
  );
}

export interface DiscardGuard {
  /** Cancels at once when nothing was typed, asks first otherwise; does nothing while the command runs. */
  request(): void;
  /** Told by the form whether its command runs. */
  setBusy(busy: boolean): void;
  /** The question; rendered by whoever made the guard. */
  confirm: ReactNode;
}

/** One close guard for a form: shared by CommandForm's 取消 and CommandDialog's ×, Esc and outside click. */
export function useDiscardGuard(form: FormInstance, onCancel: (() => void) | undefined): DiscardGuard {
  const [asking, setAsking] = useState(false);
  const busy = useRef(false);
  return {
    request: () => {
      if (!onCancel || busy.current) return;
      if (form.isFieldsTouched()) setAsking(true);
      else onCancel();
    },
    setBusy: (b) => {
      busy.current = b;
    },
    confirm: onCancel && <DiscardConfirm open={asking} onKeep={() => setAsking(false)} onDiscard={() => { setAsking(false); onCancel(); }} />,
  };
}

export function CommandForm<V, T>(props: CommandFormProps<V, T>) {
  const [own] = Form.useForm<V>();
  const form = props.form ?? own;
  const command = useCommand(props.run, { form, ...(props.rename ? { rename: props.rename } : {}),
    ...(props.schema ? { schema: props.schema } : {}), ...(props.onDone ? { onDone: props.onDone } : {}) });
  const ownGuard = useDiscardGuard(form, props.onCancel);
  const guard = props.guard ?? ownGuard;
  useEffect(() => guard.setBusy(command.busy), [guard, command.busy]);
  // A name per form makes its input ids unique: two forms with a 密码 field may be open at once.
  const formName = `f${useId().replace(/[^a-zA-Z0-9]/g, '')}`;
  const submit = (
    <Button type="primary" htmlType="submit" block={props.block} loading={command.busy} disabled={command.busy || props.submitDisabled} danger={props.danger}>
      {props.verb}
    </Button>
  );
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
      {props.block ? submit : (
        <Space>
          {submit}
          {props.extraButtons}
          {props.onCancel && <Button onClick={guard.request} disabled={command.busy}>取消</Button>}
        </Space>
      )}
      {!props.guard && ownGuard.confirm}
    </Form>
  );
}
