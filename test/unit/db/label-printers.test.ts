import { describe, expect, test } from 'vitest';
import { send } from '../../../renderer/db/commands/client';
import { getLabelPrinters } from '../../../renderer/db/repositories/carriers';
import { labelCell, LABEL_SHEETS } from '../../../shared/domain/carrier-label';
import { carrierOffice } from './helpers';

// 标签打印机 (issue #15): one profile per printer, its label sheet and offsets; saved by a command,
// audited, by the 保密员 only; bad input names its field and changes nothing.

describe('label printer profiles', () => {
  test('the 保密员 saves a profile by name (the same name replaces it), audited', async () => {
    const { db, baomi } = await carrierOffice();
    await send(db, baomi, 'carrier.labelPrinter.save', { name: ' 机要室 HP ', sheet: 'a4-3x8', offsetXMm: 1.25, offsetYMm: -0.5 });
    expect((await getLabelPrinters(db)).profiles).toEqual([{ name: '机要室 HP', sheet: 'a4-3x8', offsetXMm: 1.3, offsetYMm: -0.5 }]);
    expect(await db.auditLog.orderBy('seq').last()).toMatchObject({
      action: '修改标签打印机配置',
      entityType: '设置',
      summary: '机要室 HP：A4 不干胶 3×8（70×37 mm，每张 24 枚），左右偏移 +1.3 mm，上下偏移 -0.5 mm',
    });
    await send(db, baomi, 'carrier.labelPrinter.save', { name: '办公室 Canon', sheet: 'a4-4x10', offsetXMm: 0, offsetYMm: 5 });
    await send(db, baomi, 'carrier.labelPrinter.save', { name: '机要室 HP', sheet: 'a4-4x10', offsetXMm: -5, offsetYMm: 0 });
    expect((await getLabelPrinters(db)).profiles).toEqual([
      { name: '办公室 Canon', sheet: 'a4-4x10', offsetXMm: 0, offsetYMm: 5 },
      { name: '机要室 HP', sheet: 'a4-4x10', offsetXMm: -5, offsetYMm: 0 },
    ]);
  });

  test('bad input is refused with the field named; someone without 涉密载体管理 may not save', async () => {
    const { db, baomi, reader } = await carrierOffice();
    const before = await db.auditLog.count();
    const refused = (input: Record<string, unknown>) => send(db, baomi, 'carrier.labelPrinter.save', { name: '机要室 HP', sheet: 'a4-3x8', offsetXMm: 0, offsetYMm: 0, ...input } as never);
    await expect(refused({ name: ' ' })).rejects.toMatchObject({ field: 'name', message: '请填写打印机名称' });
    await expect(refused({ name: '长'.repeat(31) })).rejects.toMatchObject({ field: 'name', message: '打印机名称不能超过 30 个字' });
    await expect(refused({ sheet: 'a3-1x1' })).rejects.toMatchObject({ field: 'sheet', message: '请选择标签纸' });
    await expect(refused({ offsetXMm: 5.5 })).rejects.toMatchObject({ field: 'offsetXMm', message: '左右偏移应为 −5 到 5 之间的毫米数' });
    await expect(refused({ offsetYMm: Number.NaN })).rejects.toMatchObject({ field: 'offsetYMm', message: '上下偏移应为 −5 到 5 之间的毫米数' });
    await expect(send(db, reader, 'carrier.labelPrinter.save', { name: 'x', sheet: 'a4-3x8', offsetXMm: 0, offsetYMm: 0 })).rejects.toThrow();
    // The generic settings command cannot write it either.
    await expect(send(db, baomi, 'settings.save', { key: 'labelPrinters', value: { profiles: [] } })).rejects.toThrow('carrier.labelPrinter.save');
    expect((await getLabelPrinters(db)).profiles).toEqual([]);
    expect(await db.auditLog.count()).toBe(before);
  });
});

describe('deleting a label printer profile', () => {
  test('the 保密员 deletes one by name, audited with what it held; an unknown name or another role changes nothing', async () => {
    const { db, baomi, reader } = await carrierOffice();
    await send(db, baomi, 'carrier.labelPrinter.save', { name: '机要室 HP', sheet: 'a4-3x8', offsetXMm: 1, offsetYMm: -0.5 });
    await send(db, baomi, 'carrier.labelPrinter.save', { name: '办公室 Canon', sheet: 'a4-4x10', offsetXMm: 0, offsetYMm: 5 });
    const before = await db.auditLog.count();
    await expect(send(db, baomi, 'carrier.labelPrinter.delete', { name: '档案室 Epson' })).rejects.toMatchObject({ field: 'name', message: '没有名为“档案室 Epson”的打印机配置' });
    await expect(send(db, reader, 'carrier.labelPrinter.delete', { name: '机要室 HP' })).rejects.toThrow();
    expect((await getLabelPrinters(db)).profiles).toHaveLength(2);
    expect(await db.auditLog.count()).toBe(before);
    await send(db, baomi, 'carrier.labelPrinter.delete', { name: '机要室 HP' });
    expect((await getLabelPrinters(db)).profiles).toEqual([{ name: '办公室 Canon', sheet: 'a4-4x10', offsetXMm: 0, offsetYMm: 5 }]);
    expect(await db.auditLog.orderBy('seq').last()).toMatchObject({
      action: '删除标签打印机配置',
      entityType: '设置',
      summary: '机要室 HP：A4 不干胶 3×8（70×37 mm，每张 24 枚），左右偏移 +1 mm，上下偏移 -0.5 mm',
    });
  });
});

describe('label sheet geometry', () => {
  test('the cells tile the sheet: 3×8 of 70×37 mm and 4×10 of 52.5×29.7 mm fill A4; an offset moves them', () => {
    const s38 = LABEL_SHEETS['a4-3x8'];
    expect(labelCell(s38, 0)).toEqual({ x0: 0, y0: 0.5, x1: 70, y1: 37.5 });
    expect(labelCell(s38, 23)).toEqual({ x0: 140, y0: 259.5, x1: 210, y1: 296.5 });
    const s410 = LABEL_SHEETS['a4-4x10'];
    const last = labelCell(s410, 39);
    expect([last.x1, last.y1].map((n) => Number(n.toFixed(6)))).toEqual([210, 297]);
    expect(labelCell(s410, 40)).toEqual(labelCell(s410, 0)); // the next sheet starts over
    expect(labelCell(s38, 4, { xMm: 2, yMm: -1.5 })).toEqual({ x0: 72, y0: 36, x1: 142, y1: 73 });
  });
});
