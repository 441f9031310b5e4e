import { render, screen, waitFor } from '@testing-library/react';
import userEvent, { PointerEventsCheckLevel } from '@testing-library/user-event';
import { App as AntApp, ConfigProvider, Form, Input } from 'antd';
import type { ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { PermissionError } from '@shared/domain/permissions';
import { RuleError } from '@shared/domain/rule-error';
import { CommandDialog } from '../../../renderer/ui/CommandDialog';
import { CommandForm } from '../../../renderer/ui/CommandForm';

// As the app configures antd: no space inserted between two Chinese characters, no motion.
function Shell({ children }: { children: ReactNode }) {
  return (
    <ConfigProvider button={{ autoInsertSpace: false }} theme={{ token: { motion: false } }}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

interface V { receiver?: string; place?: string }

function dialog(run: (v: V) => Promise<unknown>, onClose = vi.fn(), rename?: Record<string, string>) {
  render(
    <Shell>
      <CommandDialog<V, unknown> title="移交" verb="移交" run={run} onClose={onClose} {...(rename ? { rename } : {})}>
        <Form.Item label="接收方" name="receiver"><Input /></Form.Item>
        <Form.Item label="地点" name="place"><Input /></Form.Item>
      </CommandDialog>
    </Shell>,
  );
  return { onClose, user: userEvent.setup({ delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never }) };
}

describe('CommandDialog', () => {
  it('closes a clean dialog at once on 取消', async () => {
    const { onClose, user } = dialog(() => Promise.resolve());
    await user.click(screen.getByRole('button', { name: '取消' }));
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(screen.queryByText('放弃已填写的内容？')).not.toBeInTheDocument();
  });

  it('asks before discarding typed input, and 继续填写 keeps it', async () => {
    const { onClose, user } = dialog(() => Promise.resolve());
    await user.type(screen.getByLabelText('接收方'), '市档案馆');
    await user.click(screen.getByRole('button', { name: '取消' }));
    expect(await screen.findByText('放弃已填写的内容？')).toBeInTheDocument();
    expect(onClose).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: '继续填写' }));
    await waitFor(() => expect(screen.queryByText('放弃已填写的内容？')).not.toBeInTheDocument());
    expect(screen.getByLabelText('接收方')).toHaveValue('市档案馆');
    expect(onClose).not.toHaveBeenCalled();
  });

  it('asks on Esc too, and 放弃 closes the dialog', async () => {
    const { onClose, user } = dialog(() => Promise.resolve());
    await user.type(screen.getByLabelText('接收方'), '市档案馆');
    await user.keyboard('{Escape}');
    expect(await screen.findByText('放弃已填写的内容？')).toBeInTheDocument();
    expect(onClose).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: '放弃' }));
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('sends the values and closes after success', async () => {
    const run = vi.fn((_v: V) => Promise.resolve('ok'));
    const { onClose, user } = dialog(run);
    await user.type(screen.getByLabelText('接收方'), '市档案馆');
    await user.click(screen.getByRole('button', { name: '移交' }));
    await waitFor(() => expect(onClose).toHaveBeenCalledTimes(1));
    expect(run).toHaveBeenCalledWith(expect.objectContaining({ receiver: '市档案馆' }));
  });

  it('puts a RuleError with a field beside that field, announced there, with no form-level alert', async () => {
    const { onClose, user } = dialog(() => Promise.reject(RuleError.at('receiver', '请填写接收方')));
    await user.click(screen.getByRole('button', { name: '移交' }));
    const input = screen.getByLabelText('接收方');
    await waitFor(() => expect(input).toHaveAttribute('aria-invalid', 'true'));
    // The only alert is the field's own help text (the input is described by it).
    const help = document.getElementById(input.getAttribute('aria-describedby') ?? '');
    const alerts = screen.getAllByRole('alert');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toHaveTextContent('请填写接收方');
    expect(help).toContainElement(alerts[0]!);
    expect(screen.getByLabelText('地点')).not.toHaveAttribute('aria-invalid', 'true');
    expect(onClose).not.toHaveBeenCalled();
  });

  it('maps a repository field name to the form field through the rename map', async () => {
    const { user } = dialog(() => Promise.reject(RuleError.at('location', '请填写地点')), vi.fn(), { location: 'place' });
    await user.click(screen.getByRole('button', { name: '移交' }));
    await waitFor(() => expect(screen.getByLabelText('地点')).toHaveAttribute('aria-invalid', 'true'));
    expect(screen.getByLabelText('接收方')).not.toHaveAttribute('aria-invalid', 'true');
  });

  it('shows a RuleError without a field, or about a field the form lacks, as the alert', async () => {
    const errors = [new RuleError('该载体已销毁'), RuleError.at('approver', '请选择审批人')];
    const { user } = dialog(() => Promise.reject(errors.shift()!));
    await user.click(screen.getByRole('button', { name: '移交' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('该载体已销毁');
    await user.click(screen.getByRole('button', { name: '移交' }));
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('请选择审批人'));
  });

  it('shows a permission refusal as the alert', async () => {
    const { user } = dialog(() => Promise.reject(new PermissionError('users.manage')));
    await user.click(screen.getByRole('button', { name: '移交' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('没有权限执行此操作（需要：用户管理）');
  });

  it('disables the submit button while the command runs and sends it once', async () => {
    let finish!: () => void;
    const run = vi.fn(() => new Promise<void>((r) => { finish = r; }));
    const { onClose, user } = dialog(run);
    await user.click(screen.getByRole('button', { name: '移交' }));
    await waitFor(() => expect(screen.getByRole('button', { name: /移交/ })).toBeDisabled());
    await user.click(screen.getByRole('button', { name: /移交/ }));
    expect(run).toHaveBeenCalledTimes(1);
    finish();
    await waitFor(() => expect(onClose).toHaveBeenCalledTimes(1));
  });
});

describe('CommandForm', () => {
  it('puts a field error beside the field and asks before cancelling typed input', async () => {
    const onCancel = vi.fn();
    render(
      <Shell>
        <CommandForm<V, unknown> verb="保存" run={() => Promise.reject(RuleError.at('receiver', '请填写接收方'))} onCancel={onCancel}>
          <Form.Item label="接收方" name="receiver"><Input /></Form.Item>
        </CommandForm>
      </Shell>,
    );
    const user = userEvent.setup({ delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never });
    await user.type(screen.getByLabelText('接收方'), 'x');
    await user.click(screen.getByRole('button', { name: '保存' }));
    await waitFor(() => expect(screen.getByLabelText('接收方')).toHaveAttribute('aria-invalid', 'true'));
    expect(screen.getByText('请填写接收方')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '取消' }));
    expect(await screen.findByText('放弃已填写的内容？')).toBeInTheDocument();
    expect(onCancel).not.toHaveBeenCalled();
  });

  it('checks the schema before sending: each issue beside its field, nothing sent', async () => {
    const run = vi.fn(() => Promise.resolve());
    const schema = z.object({ receiver: z.string().min(1, '请填写接收方'), place: z.string().min(1, '请填写地点') });
    render(
      <Shell>
        <CommandForm<V, unknown> verb="保存" schema={schema as never} initialValues={{ receiver: '', place: '' }} run={run}>
          <Form.Item label="接收方" name="receiver"><Input /></Form.Item>
          <Form.Item label="地点" name="place"><Input /></Form.Item>
        </CommandForm>
      </Shell>,
    );
    const user = userEvent.setup({ delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never });
    await user.type(screen.getByLabelText('地点'), '机要室');
    await user.click(screen.getByRole('button', { name: '保存' }));
    await waitFor(() => expect(screen.getByLabelText('接收方')).toHaveAttribute('aria-invalid', 'true'));
    expect(screen.getByText('请填写接收方')).toBeInTheDocument();
    expect(screen.getByLabelText('地点')).not.toHaveAttribute('aria-invalid', 'true');
    expect(run).not.toHaveBeenCalled();
  });
});
