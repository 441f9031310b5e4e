import { App, Button, Divider, Form, Input, Space, Table, Tag, Typography } from 'antd';
import { useLiveQuery } from '../../db/live';
import { useEffect, useState } from 'react';
import type { z } from 'zod';
import { departmentSchema, unitInfoSchema } from '@shared/domain/settings-schemas';
import { useDb } from '../../db/DbContext';
import { getUnitInfo, listDepartments } from '../../db/repositories/settings';
import { useSend } from '../../db/commands/use-send';
import type { DepartmentRecord } from '../../db/types';
import { CommandForm } from '../../ui/CommandForm';

type UnitForm = z.infer<typeof unitInfoSchema>;
type DeptForm = z.infer<typeof departmentSchema>;

/** 设置 → 单位信息: 单位名称, 全宗号 and the 机构/部门 list with codes (used in 档号). */
export function UnitPanel() {
  const db = useDb();
  const send = useSend();
  const { message } = App.useApp();
  const [loaded, setLoaded] = useState(false);
  const departments = useLiveQuery(() => listDepartments(db), [db]);
  const [unitForm] = Form.useForm<UnitForm>();
  const [deptForm] = Form.useForm<DeptForm>();
  const [renaming, setRenaming] = useState<{ id: string; name: string } | null>(null);
  const [unit, setUnit] = useState<UnitForm>({ name: '', fondsCode: '' });

  // Loaded once, not live: a live reload would overwrite what the administrator is typing
  // (every audited write elsewhere touches the settings table).
  useEffect(() => {
    void getUnitInfo(db).then((u) => {
      if (u) setUnit({ name: u.name, fondsCode: u.fondsCode });
      setLoaded(true);
    });
  }, [db]);

  const update = async (d: DepartmentRecord, patch: Partial<DepartmentRecord>) => {
    try {
      await send('settings.department.save', { ...d, ...patch });
      setRenaming(null);
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <div>
      {loaded && (
        <CommandForm<UnitForm, unknown>
          form={unitForm}
          verb="保存"
          formLabel="单位信息"
          formProps={{ style: { maxWidth: 480 } }}
          schema={unitInfoSchema}
          initialValues={unit}
          run={(v) => send('settings.unit.save', v)}
          onDone={() => void message.success('单位信息已保存')}
        >
          <Form.Item label="单位名称" name="name" required>
            <Input />
          </Form.Item>
          <Form.Item label="全宗号" name="fondsCode" required>
            <Input />
          </Form.Item>
        </CommandForm>
      )}
      <Divider />
      <Typography.Title level={5}>机构/部门</Typography.Title>
      <CommandForm<DeptForm, unknown>
        form={deptForm}
        verb="添加机构"
        formLabel="新增机构"
        formProps={{ layout: 'inline', style: { rowGap: 8 } }}
        schema={departmentSchema}
        initialValues={{ code: '', name: '' }}
        run={(v) => send('settings.department.save', v)}
        onDone={(_, v) => {
          deptForm.resetFields();
          void message.success(`已添加机构 ${v.name}`);
        }}
      >
        <Form.Item label="机构代码" name="code">
          <Input placeholder="如 BGS" />
        </Form.Item>
        <Form.Item label="机构名称" name="name">
          <Input placeholder="如 办公室" />
        </Form.Item>
      </CommandForm>
      <Table<DepartmentRecord>
        style={{ marginTop: 16 }}
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={departments ?? []}
        columns={[
          { title: '机构代码', dataIndex: 'code', width: 120 },
          {
            title: '机构名称',
            dataIndex: 'name',
            render: (name: string, d) =>
              renaming?.id === d.id ? (
                <Space>
                  <Input aria-label="新名称" value={renaming.name} onChange={(e) => setRenaming({ id: d.id, name: e.target.value })} />
                  <Button size="small" type="primary" onClick={() => void update(d, { name: renaming.name })}>
                    保存
                  </Button>
                  <Button size="small" onClick={() => setRenaming(null)}>
                    取消
                  </Button>
                </Space>
              ) : (
                name
              ),
          },
          { title: '状态', dataIndex: 'disabled', width: 90, render: (x: boolean) => (x ? <Tag>已停用</Tag> : <Tag color="green">启用</Tag>) },
          {
            title: '操作',
            width: 180,
            render: (_, d) => (
              <Space>
                <Button size="small" onClick={() => setRenaming({ id: d.id, name: d.name })}>
                  改名
                </Button>
                <Button size="small" onClick={() => void update(d, { disabled: !d.disabled })}>
                  {d.disabled ? '启用' : '停用'}
                </Button>
              </Space>
            ),
          },
        ]}
      />
    </div>
  );
}
