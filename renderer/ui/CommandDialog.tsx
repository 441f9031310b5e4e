import { Form, Modal } from 'antd';
import { useRef, type ReactNode } from 'react';
import { CommandForm, useDiscardGuard, type CommandFormProps } from './CommandForm';

// Every dialog that sends a command: a CommandForm in an antd Modal. The dialog closes after
// success; typed input is asked about before it is thrown away, however the dialog is closed
// (Esc, the ×, 取消 or a click outside); nothing closes while the command runs.

export interface CommandDialogProps<V, T> extends Omit<CommandFormProps<V, T>, 'onCancel' | 'guard' | 'block' | 'submitDisabled'> {
  title: ReactNode;
  onClose: () => void;
  width?: number;
}

export function CommandDialog<V, T>({ title, onClose, onDone, width, ...formProps }: CommandDialogProps<V, T>) {
  const [own] = Form.useForm<V>();
  const form = formProps.form ?? own;
  const guard = useDiscardGuard(form, onClose);
  const body = useRef<HTMLDivElement>(null);
  // The field that took the focus as the dialog appeared (its autoFocus), before the trap moved it.
  const autoFocused = useRef<HTMLElement | null>(null);
  return (
    <>
      <Modal open title={title} onCancel={guard.request} footer={null} destroyOnHidden width={width ?? 560} afterOpenChange={(open) => open && focusField(body.current, autoFocused.current)}>
        <div
          ref={body}
          onFocusCapture={(e) => {
            if (!autoFocused.current && e.target.matches('input, textarea')) autoFocused.current = e.target;
          }}
        >
          <CommandForm
            {...formProps}
            form={form}
            guard={guard}
            onCancel={onClose}
            onDone={(result, values) => {
              onDone?.(result, values);
              onClose();
            }}
          />
        </div>
      </Modal>
      {guard.confirm}
    </>
  );
}

/**
 * The cursor in the dialog's field once it has opened: the modal's focus trap moves the focus to
 * its × button on opening, overriding a field's autoFocus, so the first keys typed went nowhere.
 * Back to the field that had it, else the first field; left alone when a field has it.
 */
function focusField(body: HTMLElement | null, autoFocused: HTMLElement | null) {
  if (!body || (body.contains(document.activeElement) && document.activeElement?.matches('input, textarea'))) return;
  const target = autoFocused && body.contains(autoFocused) ? autoFocused : body.querySelector<HTMLElement>('input:not([type=hidden]):not([disabled]), textarea:not([disabled])');
  target?.focus();
}
