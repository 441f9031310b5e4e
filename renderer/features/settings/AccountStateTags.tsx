import { Space, Tag } from 'antd';
import type { AccountRequest } from '@shared/domain/account-approval';

/** An account's state in a list of accounts (this PC's or the LAN server's): 启用/已停用, 待改密码, and each request waiting for approval. */
export function AccountStateTags({ account, pending }: { account?: { disabled: boolean; mustChangePassword: boolean } | undefined; pending: readonly AccountRequest[] }) {
  return (
    <Space size={4} wrap>
      {account && (account.disabled ? <Tag>已停用</Tag> : <Tag color="green">启用</Tag>)}
      {account?.mustChangePassword && <Tag color="orange">待改密码</Tag>}
      {pending.map((p) => (
        <Tag key={p.id} color="gold">
          待审批：{p.kind}
          {p.kind === '修改角色' && p.roles ? `（→ ${p.roles.join('、')}）` : ''}
        </Tag>
      ))}
    </Space>
  );
}
