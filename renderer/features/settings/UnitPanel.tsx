import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, App, Button, Divider, Form, Input, Space, Table, Tag, Typography } from 'antd';
import { useLiveQuery } from '../../db/live';
import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { departmentSchema, unitInfoSchema } from '@shared/domain/settings-schemas';
import { useDb } from '../../db/DbContext';
import { getUnitInfo, listDepartments, saveDepartment, saveUnitInfo } from '../../db/repositories/settings';
import type { DepartmentRecord } from '../../db/types';
import { applyError } from '../../ui/apply-error';
import { FormField } from '../../ui/FormField';
import { useActor } from '../../ui/session';

type UnitForm = z.infer<typeof unitInfoSchema>;
type DeptForm = z.infer<typeof departmentSchema>;

/** 设置 → 单位信息: 单位名称, 全宗号 and the 机构/部门 list with codes (used in 档号). */
export function UnitPanel() {
  const db = useDb();
  const actor = useActor();
  const { message } = App.useApp();
  const [loaded, setLoaded] = useState(false);
  const departments = useLiveQuery(() => listDepartments(db), [db]);
  const [error, setFormError] = useState<string | null>(null);
  const unitForm = useForm<UnitForm>({ resolver: zodResolver(unitInfoSchema), defaultValues: { name: '', fondsCode: '' } });
  const deptForm = useForm<DeptForm>({ resolver: zodResolver(departmentSchema), defaultValues: { code: '', name: '' } });
  const [renaming, setRenaming] = useState<{ id: string; name: string } | null>(null);

  // Loaded once, not live: a live reload would overwrite what the administrator is typing
  // (every audited write elsewhere touches the settings table).
  useEffect(() => {
    void getUnitInfo(db).then((u) => {
      if (u) unitForm.reset(u);
      setLoaded(true);
    });
  }, [db, unitForm]);

  const saveUnit = unitForm.handleSubmit(async (v) => {
    setFormError(null);
    try {
      await saveUnitInfo(db, actor, v);
      void message.success('单位信息已保存');
    } catch (e) {
      setFormError(applyError(e, unitForm.setError, ['name', 'fondsCode']));
    }
  });

  const addDept = deptForm.handleSubmit(async (v) => {
    try {
      await saveDepartment(db, actor, v);
      deptForm.reset({ code: '', name: '' });
      void message.success(`已添加机构 ${v.name}`);
    } catch (e) {
      const rest = applyError(e, deptForm.setError, ['code', 'name']);
      if (rest) void message.error(rest);
    }
  });

  const update = async (d: DepartmentRecord, patch: Partial<DepartmentRecord>) => {
    try {
      await saveDepartment(db, actor, { ...d, ...patch });
      setRenaming(null);
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <div>
      {loaded && (
      <form onSubmit={saveUnit} noValidate aria-label="单位信息" style={{ maxWidth: 480 }}>
        <Form component={false} layout="vertical">
          <FormField control={unitForm.control} name="name" label="单位名称" required />
          <FormField control={unitForm.control} name="fondsCode" label="全宗号" required />
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
          <Button type="primary" htmlType="submit">
            保存
          </Button>
        </Form>
      </form>
      )}
      <Divider />
      <Typography.Title level={5}>机构/部门</Typography.Title>
      <form onSubmit={addDept} noValidate aria-label="新增机构">
        <Form component={false} layout="inline">
          <Space align="start" wrap>
            <FormField control={deptForm.control} name="code" label="机构代码" placeholder="如 BGS" />
            <FormField control={deptForm.control} name="name" label="机构名称" placeholder="如 办公室" />
            <Button htmlType="submit">添加机构</Button>
          </Space>
        </Form>
      </form>
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
