import { Card, Form, Input, Typography } from 'antd';
import { setupFormSchema, type SetupForm } from '@shared/domain/account-schemas';
import { RuleError } from '@shared/domain/rule-error';
import { useDb } from '../../db/DbContext';
import { completeSetup } from '../../db/repositories/auth';
import { CommandForm } from '../../ui/CommandForm';
import { useAuth } from '../../ui/session';

/** First run only: the unit and its first 系统管理员. */
export function SetupPage() {
  const db = useDb();
  const { setupDone } = useAuth();
  const run = async (v: SetupForm) => {
    try {
      await completeSetup(db, v);
    } catch (e) {
      // Another window finished the setup first (a RuleError about no field): carry on to the login page.
      if (e instanceof RuleError && !e.field) return;
      throw e;
    }
  };

  return (
    <div className="ws-center-page">
      <Card style={{ width: 460 }}>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          文枢 · 首次使用设置
        </Typography.Title>
        <Typography.Paragraph type="secondary">
          填写本单位信息，并创建第一个系统管理员账户。数据只保存在本机。
        </Typography.Paragraph>
        <CommandForm<SetupForm, void>
          verb="完成设置"
          formLabel="首次使用设置"
          block
          schema={setupFormSchema}
          initialValues={{ unitName: '', fondsCode: '', username: '', password: '', passwordConfirm: '' }}
          run={run}
          onDone={setupDone}
        >
          <Form.Item label="单位名称" name="unitName" required>
            <Input autoFocus />
          </Form.Item>
          <Form.Item label="全宗号" name="fondsCode" required>
            <Input placeholder="如 Z109" />
          </Form.Item>
          <Form.Item label="用户名" name="username" required>
            <Input autoComplete="username" />
          </Form.Item>
          <Form.Item label="密码" name="password" required extra="至少 8 位，不能与用户名相同">
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item label="确认密码" name="passwordConfirm" required>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </CommandForm>
      </Card>
    </div>
  );
}
