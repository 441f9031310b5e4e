import { can, PermissionError } from '@shared/domain/permissions';
import { RuleError } from '@shared/domain/rule-error';
import { slipLayoutSchema, slipLayoutSummary, type SlipLayout } from '@shared/domain/slip-layout';
import { z } from 'zod';
import { defineCommand } from '../commands/define';
import type { WenshuDB } from '../database';
import { getSetting, getUnitInfo } from './settings';

// 设置 → 打印: the 收文处理笺 layout. Kept by the 系统管理员 (who keeps the unit's settings) or the
// 秘书 (who prints the slips and knows what the leaders want on them); it holds no record content.

export const SLIP_LAYOUT_KEY = 'slipLayout';

export function getSlipLayout(db: WenshuDB): Promise<SlipLayout> {
  return getSetting(db, 'slipLayout');
}

export const saveSlipLayoutCommand = defineCommand({
  name: 'settings.slipLayout.save',
  // Checked below by the layout's rules (with the unit's name), so every issue keeps its field path.
  input: z.object({ title: z.unknown(), rows: z.unknown() }),
  permission: null,
  tables: ['settings'],
  prepare: async (db, actor, input) => {
    if (!can(actor, 'settings.manage') && !can(actor, 'incoming.process')) throw new PermissionError('settings.manage');
    const unitName = (await getUnitInfo(db))?.name ?? '';
    const parsed = slipLayoutSchema(unitName).safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw RuleError.at(issue ? issue.path.join('.') : '', issue?.message ?? '输入有误');
    }
    return { layout: parsed.data as SlipLayout, before: await getSlipLayout(db) };
  },
  run: async ({ put, audit }, _input, { layout, before }): Promise<SlipLayout> => {
    await put('settings', { key: SLIP_LAYOUT_KEY, value: layout });
    audit({ action: '修改收文处理笺格式', entityType: '设置', entityId: SLIP_LAYOUT_KEY, summary: slipLayoutSummary(layout), details: { before, after: layout } });
    return layout;
  },
});
