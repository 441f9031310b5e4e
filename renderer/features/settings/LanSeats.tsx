import { App, Button, Card, Form, Input, Popconfirm, Select, Table, Tag } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { z } from 'zod';
import { formatLocalDateTime } from '@shared/domain/dates';
import { CLASSIFICATIONS, classificationSchema, type Classification } from '@shared/domain/enums';
import type { LanLinkCapability } from '../../platform/types';
import { bodyOf, serverCommand } from './lan-server';
import { ServerAccounts, ServerApprovals } from './LanAccounts';
import { LanOfficeBackup } from './LanOfficeBackup';
import { can, type Role } from '@shared/domain/permissions';
import { RuleError } from '@shared/domain/rule-error';
import { CommandForm } from '../../ui/CommandForm';

// The seats of the office LAN, as the server knows them (issue #19: "the 系统管理员 sees the seats
// (last contact, outbox length, version), can revoke one"), the LAN's 最高密级 and the server's
// accounts (LanAccounts.tsx). Shown on a paired PC once an administrator signs in with their
// account ON THE SERVER: the 系统管理员 gets all three, the 安全保密管理员 (and the 安全审计员)
// the account approvals. The session lives in this page only and ends with it (and on the server
// after 12 hours).

interface Seat {
  id: string;
  name: string;
  lastContact: string | null;
  outboxLength: number;
  appVersion: string;
  revoked: boolean;
}

const signInSchema = z.object({
  login: z.string({ error: '请填写服务器账户' }).trim().min(1, '请填写服务器账户'),
  password: z.string({ error: '请填写密码' }).min(1, '请填写密码'),
});
type SignIn = z.infer<typeof signInSchema>;

const levelSchema = z.object({ maxClassification: classificationSchema });
type Level = z.infer<typeof levelSchema>;

/** The LAN's 最高密级 (a server setting): records above it cannot be made on the LAN and never travel. */
function LanLevel({ lan, token }: { lan: LanLinkCapability; token: string }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Level>();
  const [current, setCurrent] = useState<Classification | null>(null);
  useEffect(() => {
    void lan.post('/api/lan-settings', {}, token).then((r) => {
      const s = bodyOf<Level>(r);
      setCurrent(s.maxClassification);
      form.setFieldsValue(s);
    });
  }, [lan, token, form]);
  if (!current) return null;
  return (
    <CommandForm<Level, Level>
      form={form}
      verb="保存"
      formLabel="局域网最高密级"
      formProps={{ layout: 'inline', style: { marginBottom: 16 } }}
      schema={levelSchema}
      run={(v) => serverCommand<Level>(lan, token, 'lan.setMaxClassification', v)}
      onDone={(v) => {
        setCurrent(v.maxClassification);
        void message.success(`局域网最高密级已设为${v.maxClassification}`);
      }}
    >
      <Form.Item
        label="局域网最高密级"
        name="maxClassification"
        required
        extra="高于此密级的记录不能在局域网登记，也不会传到任何座席。只有经批准的涉密网才可提高到秘密及以上；目前服务器仍不登记秘密及以上的件（未完成）。"
        style={{ maxWidth: 640 }}
      >
        <Select style={{ width: 120 }} options={CLASSIFICATIONS.map((c) => ({ value: c, label: c }))} />
      </Form.Item>
    </CommandForm>
  );
}

/** The page's server session: its token and who signed in (their roles on the server decide what is shown). */
interface ServerSession {
  token: string;
  login: string;
  roles: Role[];
}

export function LanSeats({ lan, ownSeatId }: { lan: LanLinkCapability; ownSeatId: string }) {
  const { message } = App.useApp();
  const [session, setSession] = useState<ServerSession | null>(null);
  const token = session?.token ?? null;
  const [seats, setSeats] = useState<Seat[] | null>(null);
  const [form] = Form.useForm<SignIn>();

  const load = useCallback(
    async (t: string) => {
      setSeats(bodyOf<Seat[]>(await lan.post('/api/seats', {}, t)));
    },
    [lan],
  );
  useEffect(() => {
    // Sign out on the server when the page goes.
    return () => {
      if (token) void lan.post('/api/sign-out', {}, token);
    };
  }, [lan, token]);

  const revoke = async (seat: Seat) => {
    try {
      await serverCommand(lan, token!, 'seats.revoke', { seatId: seat.id });
      void message.success(`已停用座席“${seat.name}”`);
      await load(token!);
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <Card size="small" title="局域网服务器管理" style={{ maxWidth: 960, marginTop: 24 }}>
      {!token ? (
        <CommandForm<SignIn, ServerSession>
          form={form}
          verb="登录服务器"
          formLabel="以服务器账户登录"
          formProps={{ layout: 'inline' }}
          schema={signInSchema}
          run={async (v) => {
            const signed = bodyOf<{ token: string; account: { login: string; roles: Role[] }; mustChangePassword?: boolean }>(await lan.post('/api/sign-in', { login: v.login, password: v.password }));
            if (signed.mustChangePassword) {
              void lan.post('/api/sign-out', {}, signed.token);
              throw RuleError.at('password', '这是一次性初始密码：请先以该账户在本机登录并修改密码');
            }
            const { roles, login } = signed.account;
            if (!can({ roles }, 'users.manage') && !can({ roles }, 'accounts.approve')) {
              void lan.post('/api/sign-out', {}, signed.token);
              throw RuleError.at('login', '该账户不是服务器的系统管理员、安全保密管理员或安全审计员');
            }
            if (can({ roles }, 'users.manage')) await load(signed.token);
            return { token: signed.token, login, roles };
          }}
          onDone={(s) => setSession(s)}
        >
          <Form.Item label="服务器账户" name="login" required>
            <Input autoComplete="off" style={{ width: 180 }} />
          </Form.Item>
          <Form.Item label="密码" name="password" required>
            <Input.Password autoComplete="off" style={{ width: 180 }} />
          </Form.Item>
        </CommandForm>
      ) : !can(session!, 'users.manage') ? (
        <ServerApprovals lan={lan} token={token} />
      ) : (
        <>
          <LanLevel lan={lan} token={token} />
          <Table<Seat>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={seats ?? []}
            aria-label="座席"
            columns={[
              { title: '名称', dataIndex: 'name', render: (name: string, s) => (s.id === ownSeatId ? `${name}（本机）` : name) },
              { title: '最近联系', dataIndex: 'lastContact', width: 170, render: (t: string | null) => (t ? formatLocalDateTime(t) : '—') },
              { title: '待发送', dataIndex: 'outboxLength', width: 80, align: 'right' },
              { title: '版本', dataIndex: 'appVersion', width: 90, render: (v: string) => v || '—' },
              { title: '状态', dataIndex: 'revoked', width: 90, render: (r: boolean) => (r ? <Tag>已停用</Tag> : <Tag color="green">使用中</Tag>) },
              {
                title: '操作',
                width: 90,
                render: (_: unknown, s) =>
                  s.revoked ? null : (
                    <Popconfirm title={`停用座席“${s.name}”？它的登录立即失效，须重新配对才能再用。`} okText="停用" cancelText="取消" onConfirm={() => revoke(s)}>
                      <Button size="small" danger>
                        停用
                      </Button>
                    </Popconfirm>
                  ),
              },
            ]}
          />
          <ServerAccounts lan={lan} token={token} selfLogin={session!.login} />
          <LanOfficeBackup lan={lan} token={token} />
        </>
      )}
    </Card>
  );
}
