import { Form, Modal } from 'antd';
import { useCallback, useRef, type ReactNode } from 'react';
import { CommandForm, useDiscardGuard, type CommandFormProps } from './CommandForm';

// Every dialog that sends a command: a CommandForm in an antd Modal. The dialog closes after
// success; typed input is asked about before it is thrown away, however the dialog is closed
// (Esc, the ×, 取消 or a click outside); nothing closes while the command runs. The cursor is in
// the dialog's field before the first key can arrive: React's autoFocus runs before the modal's
// portal is in the document and silently misses, so the dialog places it itself, once. Ctrl+Enter
// sends the dialog from any field.

/** The field a dialog opens in: the one marked data-autofocus, else the first enabled field. */
const FIRST_FIELD = '[data-autofocus], input:not([type=hidden]):not([disabled]):not([readonly]), textarea:not([disabled]), [role=combobox]:not([aria-disabled=true])';

function focusFirstField(body: HTMLElement | null): void {
  if (!body) return;
  // A microtask: after this commit (the portal attached), before any keystroke is handled.
  queueMicrotask(() => {
    if (!body.isConnected || body.contains(document.activeElement)) return;
    const marked = body.querySelector<HTMLElement>('[data-autofocus]');
    (marked ?? body.querySelector<HTMLElement>(FIRST_FIELD))?.focus();
  });
}

export interface CommandDialogProps<V, T> extends Omit<CommandFormProps<V, T>, 'onCancel' | 'guard' | 'block' | 'submitDisabled'> {
  title: ReactNode;
  onClose: () => void;
  width?: number;
}

export function CommandDialog<V, T>({ title, onClose, onDone, width, ...formProps }: CommandDialogProps<V, T>) {
  const [own] = Form.useForm<V>();
  const form = formProps.form ?? own;
  const guard = useDiscardGuard(form, onClose);
  const body = useRef<HTMLDivElement | null>(null);
  const placeCursor = useCallback((el: HTMLDivElement | null) => {
    body.current = el;
    focusFirstField(el);
  }, []);
  return (
    <>
      {/* Once more after opening: the modal's focus trap may move the cursor to its × meanwhile. */}
      <Modal open title={title} onCancel={guard.request} footer={null} destroyOnHidden width={width ?? 560} afterOpenChange={(open) => open && focusFirstField(body.current)}>
        <div
          ref={placeCursor}
          // Ctrl+Enter sends from any field, a multi-line one too (Enter there is a new line).
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !e.nativeEvent.isComposing) {
              e.preventDefault();
              form.submit();
            }
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
