import { Form, Input } from 'antd';
import { loginFormSchema, type LoginForm as LoginValues } from '@shared/domain/account-schemas';
import { RuleError } from '@shared/domain/rule-error';
import { useDb } from '../../db/DbContext';
import { login } from '../../db/repositories/auth';
import { attachSeat, detachSeat } from '../../db/lan/seat';
import { signInOnSeat } from '../../db/lan/seat-sign-in';
import { markSeatPc } from '../../db/lan/pull';
import { usePlatform } from '../../platform/context';
import type { UserView } from '../../db/repositories/users';
import { CommandForm } from '../../ui/CommandForm';

/** 用户名 + 密码 + 登录; used by the login page and the lock screen. */
export function LoginForm({ initialUsername = '', onSuccess }: { initialUsername?: string; onSuccess(user: UserView): void }) {
  const db = useDb();
  const { lan } = usePlatform();
  const [form] = Form.useForm<LoginValues>();
  const run = async (v: LoginValues) => {
    // A seat of the office LAN signs its people in with the server (db/lan/seat-sign-in.ts).
    const paired = lan ? await lan.link() : null;
    const result = lan && paired ? await signInOnSeat(db, lan, v.username, v.password) : { ...(await login(db, v.username, v.password)), seat: null };
    if (result.ok) {
      // Another person, or a local account, on this window: the seat before it ends.
      if (result.seat) attachSeat(result.seat);
      else await detachSeat(db);
      if (lan) await markSeatPc(db, !!paired);
      return result.user;
    }
    form.resetFields(['password']);
    // One neutral message for the whole form: it never says which of the two was wrong.
    throw new RuleError(result.message);
  };
  return (
    <CommandForm<LoginValues, UserView> form={form} verb="登录" block schema={loginFormSchema} initialValues={{ username: initialUsername, password: '' }} run={run} onDone={onSuccess}>
      <Form.Item label="用户名" name="username">
        <Input autoComplete="username" autoFocus={!initialUsername} />
      </Form.Item>
      <Form.Item label="密码" name="password">
        <Input.Password autoComplete="current-password" autoFocus={!!initialUsername} />
      </Form.Item>
    </CommandForm>
  );
}
