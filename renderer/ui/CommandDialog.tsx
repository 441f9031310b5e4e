import { Alert, Button, Form, Modal, Space, type FormInstance, type FormProps } from 'antd';
import { useId, useState, type ReactNode } from 'react';
import type { ZodType } from 'zod';
import { useCommand, type FieldRename } from './command';

// Every dialog that sends a command: one antd Modal + Form with the submit button named by its
// verb, busy while the command runs, field errors beside their fields, other errors as an alert,
// and a question before typed input is thrown away (Esc, the ×, 取消 or a click outside).

export interface CommandDialogProps<V, T> {
  title: ReactNode;
  /** The submit button's name: the verb of the action (借出, 登记, 保存 …). */
  verb: string;
  /** Sends the command with the form's values; a rejection is shown, a result closes the dialog. */
  run: (values: V) => Promise<T>;
  /** After success, before the dialog closes (a success message, navigation …). */
  onDone?: (result: T, values: V) => void;
  onClose: () => void;
  /** Pass one when a field depends on another (Form.useWatch); otherwise the dialog makes its own. */
  form?: FormInstance<V>;
  initialValues?: Partial<V>;
  rename?: FieldRename;
  /** Checked before the command is sent; its issues are shown beside their fields. */
  schema?: ZodType<V>;
  /** The form's accessible name; the verb when absent. */
  formLabel?: string;
  danger?: boolean;
  width?: number;
  /** Extra form props (onValuesChange, layout …). */
  formProps?: Omit<FormProps<V>, 'form' | 'initialValues' | 'onFinish'>;
  /** Extra buttons beside the submit button (before 取消). */
  extraButtons?: ReactNode;
  children: ReactNode;
}

/** The confirm that guards typed input; shared by the dialog and inline forms with a 取消. */
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

export function CommandDialog<V, T>(props: CommandDialogProps<V, T>) {
  const [own] = Form.useForm<V>();
  const form = props.form ?? own;
  const { onClose, onDone } = props;
  const command = useCommand(props.run, {
    form,
    ...(props.rename ? { rename: props.rename } : {}),
    ...(props.schema ? { schema: props.schema } : {}),
    onDone: (result, values) => {
      onDone?.(result, values);
      onClose();
    },
  });
  const [asking, setAsking] = useState(false);
  // A name per form makes its input ids unique: two forms with a 密码 field may be open at once.
  const formName = `f${useId().replace(/[^a-zA-Z0-9]/g, '')}`;

  // A clean dialog closes at once; a dirty one asks first. Nothing closes while the command runs.
  const requestClose = () => {
    if (command.busy) return;
    if (form.isFieldsTouched()) setAsking(true);
    else onClose();
  };

  return (
    <>
      <Modal open title={props.title} onCancel={requestClose} footer={null} destroyOnHidden width={props.width ?? 560}>
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
          <Space>
            <Button type="primary" htmlType="submit" loading={command.busy} disabled={command.busy} danger={props.danger}>
              {props.verb}
            </Button>
            {props.extraButtons}
            <Button onClick={requestClose} disabled={command.busy}>取消</Button>
          </Space>
        </Form>
      </Modal>
      <DiscardConfirm open={asking} onKeep={() => setAsking(false)} onDiscard={() => { setAsking(false); onClose(); }} />
    </>
  );
}
