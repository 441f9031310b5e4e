import { Alert, App, Button, Descriptions, Form, Input, InputNumber, Popconfirm, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { lanPairingSchema, type LanPairingInput } from '@shared/domain/lan-pairing';
import { RuleError } from '@shared/domain/rule-error';
import { useSend } from '../../db/commands/use-send';
import { useDb } from '../../db/DbContext';
import { pairingDataKey, pairingNotice } from '../../db/repositories/lan';
import { useLiveQuery } from '../../db/live';
import { usePlatform } from '../../platform/context';
import type { LanLinkCapability, LanLinkView } from '../../platform/types';
import { CommandForm } from '../../ui/CommandForm';
import { LanSeats } from './LanSeats';
import { can } from '@shared/domain/permissions';
import { useActor } from '../../ui/session';

// 设置 → 局域网 (issue #19, 系统管理员): pairs this PC, as a seat, with the office LAN server, from
// what the server printed when it started. The main process pins the server's certificate and
// keeps the pairing sealed; this page only shows it. Once paired, the office's accounts sign in
// here with the server and 收文 goes through it (renderer/db/lan); the other registers do not yet,
// and the page says so.

const PARTLY_SYNCING =
  '配对后，服务器上的账户在本机登录，收文的登记和办理经服务器进行（离线时先存本机、恢复后上传），本机配对前登记的收文可交到服务器；会议和纪要经服务器办理（须在线），签发时由服务器编号，会议设置由服务器为全办公室保存；督办事项（批示件承办、口头交办、纪要议定事项）由服务器编号，其进展反馈、办结和催办经服务器进行（离线时先存本机、恢复后上传）。发文、涉密载体和归档的同步尚未完成（未完成）：仍只保存在本机。';

/** The server's refusal, beside the field it is about ('address' is the host and port). */
const RENAME = { address: 'host' } as const;

function PairForm({ lan, onPaired }: { lan: LanLinkCapability; onPaired: (link: NonNullable<LanLinkView>) => void }) {
  const send = useSend();
  const db = useDb();
  const [form] = Form.useForm<LanPairingInput>();
  const notice = useLiveQuery(() => pairingNotice(db), [db]);
  return (
    <>
    {notice && <Alert type="info" showIcon message={notice} style={{ maxWidth: 560, marginBottom: 16 }} />}
    <CommandForm<LanPairingInput, NonNullable<LanLinkView>>
      form={form}
      verb="配对"
      formLabel="与局域网服务器配对"
      formProps={{ layout: 'vertical', style: { maxWidth: 560 } }}
      initialValues={{ port: 8443 }}
      schema={lanPairingSchema as never}
      rename={RENAME}
      run={async (values) => {
        const v = lanPairingSchema.parse(values);
        const reply = await lan.pair({ ...v, dataKey: pairingDataKey(db) });
        if (!reply.ok) throw new RuleError(reply.message, reply.field);
        await send('lan.recordLink', { change: '配对', host: reply.link.host, port: reply.link.port, fingerprint: reply.link.fingerprint, name: reply.link.name });
        return reply.link;
      }}
      onDone={(link) => onPaired(link)}
    >
      <Space.Compact block>
        <Form.Item label="服务器地址" name="host" required style={{ flex: 1 }}>
          <Input placeholder="192.168.1.10" autoComplete="off" />
        </Form.Item>
        <Form.Item label="端口" name="port" required>
          <InputNumber precision={0} style={{ width: 110 }} />
        </Form.Item>
      </Space.Compact>
      <Form.Item label="配对码" name="code" required extra="服务器启动时显示的 12 位数字，10 分钟内有效，只能用一次。">
        <Input placeholder="1234-5678-9012" autoComplete="off" />
      </Form.Item>
      <Form.Item label="证书指纹" name="fingerprint" required extra="服务器启动时显示的 SHA-256 指纹。请逐位核对：指纹不符时本机拒绝连接，以防假冒的服务器。">
        <Input.TextArea rows={2} autoComplete="off" style={{ fontFamily: 'monospace' }} />
      </Form.Item>
      <Form.Item label="本机名称" name="name" required extra="系统管理员在服务器的座席列表中看到的名称。">
        <Input placeholder="办公室张秘书的电脑" maxLength={60} />
      </Form.Item>
    </CommandForm>
    </>
  );
}

function Linked({ lan, link, onUnpaired }: { lan: LanLinkCapability; link: NonNullable<LanLinkView>; onUnpaired: () => void }) {
  const send = useSend();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const unpair = async () => {
    setBusy(true);
    try {
      await lan.unpair();
      await send('lan.recordLink', { change: '解除配对', host: link.host, port: link.port, fingerprint: link.fingerprint, name: link.name });
      void message.success('已解除配对');
      onUnpaired();
    } catch (e) {
      void message.error(`解除配对失败：${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Descriptions size="small" column={1} bordered style={{ maxWidth: 720, marginBottom: 16 }} styles={{ label: { width: 96, whiteSpace: "nowrap" } }} aria-label="局域网配对">
        <Descriptions.Item label="服务器">{`https://${link.host}:${link.port}`}</Descriptions.Item>
        <Descriptions.Item label="证书指纹">
          <Typography.Text code style={{ wordBreak: 'break-all' }}>
            {link.fingerprint}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label="本机名称">{link.name}</Descriptions.Item>
        <Descriptions.Item label="座席编号">{link.seatId}</Descriptions.Item>
      </Descriptions>
      <Popconfirm title="解除配对？服务器将停用本座席，再次使用须重新配对。" okText="解除配对" cancelText="取消" onConfirm={() => void unpair()}>
        <Button danger loading={busy}>
          解除配对
        </Button>
      </Popconfirm>
      <LanSeats lan={lan} ownSeatId={link.seatId} />
    </>
  );
}

export function LanPanel() {
  const { lan } = usePlatform();
  const actor = useActor();
  const [link, setLink] = useState<LanLinkView | undefined>(undefined);
  useEffect(() => {
    if (lan) void lan.link().then(setLink);
  }, [lan]);
  if (!lan) {
    return <Alert type="info" showIcon message="本机为单机模式" description="局域网座席只能在桌面版中配对：网页版不连接任何服务器。" style={{ maxWidth: 720 }} />;
  }
  if (link === undefined) return null;
  // The 安全保密管理员 (and the 安全审计员) come here for the server's account approvals only.
  if (!can(actor, 'settings.manage')) {
    return link ? <LanSeats lan={lan} ownSeatId={link.seatId} /> : <Alert type="info" showIcon message="本机未与局域网服务器配对" style={{ maxWidth: 720 }} />;
  }
  return (
    <>
      <Alert type="warning" showIcon message={PARTLY_SYNCING} style={{ maxWidth: 720, marginBottom: 16 }} />
      {link ? <Linked lan={lan} link={link} onUnpaired={() => setLink(null)} /> : <PairForm lan={lan} onPaired={setLink} />}
    </>
  );
}
