import { describe, expect, test } from 'vitest';
import { send } from '../../../renderer/db/commands/client';
import { getSlipLayout } from '../../../renderer/db/repositories/slip-layout';
import { PermissionError } from '../../../shared/domain/permissions';
import { DEFAULT_SLIP_LAYOUT, type SlipLayout } from '../../../shared/domain/slip-layout';
import { staffedOffice } from './helpers';

const custom: SlipLayout = {
  title: '{单位名称}公文处理单',
  rows: [
    { kind: 'instruction', lines: 4 },
    { kind: 'extra', label: '核稿', lines: 1 },
    { kind: 'proposal', lines: 3 },
    { kind: 'handling', lines: 3 },
    { kind: 'extra', label: '领导圈阅', lines: 2 },
  ],
};

describe('settings.slipLayout.save', () => {
  test('the 系统管理员 and the 秘书 save it, audited; a 工作人员 is refused', async () => {
    const { db, admin, clerk, reader } = await staffedOffice();
    expect(await getSlipLayout(db)).toEqual(DEFAULT_SLIP_LAYOUT);
    await expect(send(db, reader, 'settings.slipLayout.save', custom)).rejects.toBeInstanceOf(PermissionError);
    expect(await getSlipLayout(db)).toEqual(DEFAULT_SLIP_LAYOUT);

    await send(db, clerk, 'settings.slipLayout.save', custom);
    expect(await getSlipLayout(db)).toEqual(custom);
    const entry = await db.auditLog.orderBy('seq').last();
    expect(entry).toMatchObject({
      action: '修改收文处理笺格式',
      entityId: 'slipLayout',
      actorId: clerk.id,
      summary: '标题：{单位名称}公文处理单；栏目：领导批示 4 行、核稿 1 行、拟办意见 3 行、办理结果 3 行、领导圈阅 2 行',
    });

    await send(db, admin, 'settings.slipLayout.save', DEFAULT_SLIP_LAYOUT);
    expect(await getSlipLayout(db)).toEqual(DEFAULT_SLIP_LAYOUT);
  });

  test('a bad layout is refused with the field at fault, and nothing is saved', async () => {
    const { db, clerk } = await staffedOffice();
    await send(db, clerk, 'settings.slipLayout.save', custom);
    const audits = await db.auditLog.count();
    await expect(send(db, clerk, 'settings.slipLayout.save', { ...custom, rows: [...custom.rows.slice(0, 4), { kind: 'extra', label: '领导圈阅签批意见栏', lines: 2 }] })).rejects.toMatchObject({
      field: 'rows.4.label',
      message: '栏目名称不能超过 8 个字',
    });
    // The unit's name (测试县人民政府办公室, 10 characters) makes this title 3 lines.
    await expect(send(db, clerk, 'settings.slipLayout.save', { ...custom, title: `{单位名称}${'某'.repeat(29)}` })).rejects.toMatchObject({ field: 'title' });
    await expect(send(db, clerk, 'settings.slipLayout.save', { ...custom, rows: custom.rows.filter((r) => r.kind !== 'handling') })).rejects.toMatchObject({
      field: 'rows',
      message: '“办理结果”记录办理过程，不能删去',
    });
    expect(await getSlipLayout(db)).toEqual(custom);
    expect(await db.auditLog.count()).toBe(audits);
  });
});
