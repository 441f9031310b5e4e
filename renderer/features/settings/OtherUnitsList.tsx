import { App, Button, Divider, Input, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { getSetting } from '../../db/repositories/settings';
import { useDb } from '../../db/DbContext';
import { useLiveQuery } from '../../db/live';
import { useSend } from '../../db/commands/use-send';
import { errorText } from '../../ui/error-text';

/**
 * 其他机构 (设置 → 人员名录, 秘书): units outside the office that 责任单位 and 单位 are picked from
 * (县财政局 …), beside the office's own 机构 kept in 单位信息. Added here or in place from any
 * picker; removing one changes no record that already names it.
 */
export function OtherUnitsList() {
  const db = useDb();
  const send = useSend();
  const { message } = App.useApp();
  const names = useLiveQuery(async () => (await getSetting(db, 'unitDirectory')).names, [db]);
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const save = async (next: string[], done: string) => {
    try {
      await send('settings.save', { key: 'unitDirectory', value: { names: next } });
      setError(null);
      void message.success(done);
      return true;
    } catch (e) {
      setError(errorText(e));
      return false;
    }
  };
  const add = async () => {
    const name = draft.trim();
    if (!name) return setError('请输入机构名称');
    if (names?.includes(name)) return setError(`“${name}”已在名录中`);
    if (await save([...(names ?? []), name], `已添加机构 ${name}`)) setDraft('');
  };
  return (
    <div>
      <Divider titlePlacement="start">其他机构</Divider>
      <Typography.Paragraph type="secondary">
        本单位以外的机构（如 县财政局），供填写责任单位、人员单位时选择；本单位的机构在“单位信息”中维护。删除不影响已登记的记录。
      </Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        {(names ?? []).map((n) => (
          <Tag key={n} closable closeIcon={<span aria-label={`删除机构 ${n}`}>×</span>} onClose={(e) => { e.preventDefault(); void save(names!.filter((x) => x !== n), `已删除机构 ${n}`); }}>
            {n}
          </Tag>
        ))}
        {names?.length === 0 && <Typography.Text type="secondary">还没有其他机构</Typography.Text>}
      </Space>
      <div>
        <label htmlFor="other-unit-name">机构名称</label>
        <Space.Compact style={{ display: 'flex', maxWidth: 360, marginTop: 4 }}>
          <Input id="other-unit-name" value={draft} maxLength={40} status={error ? 'error' : undefined} onChange={(e) => setDraft(e.target.value)} onPressEnter={() => void add()} />
          <Button onClick={() => void add()}>添加机构</Button>
        </Space.Compact>
        {error && <Typography.Text type="danger" role="alert">{error}</Typography.Text>}
      </div>
    </div>
  );
}
