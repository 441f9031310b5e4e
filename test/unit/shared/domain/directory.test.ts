import { describe, expect, test } from 'vitest';
import { isLeaderTitle, unitDirectorySchema } from '../../../../shared/domain/directory';
import { instructionTaskContent } from '../../../../shared/domain/supervision';

describe('人员名录 and 机构名录', () => {
  test('职务 of those who give 批示 mark a leader; section heads do not', () => {
    for (const t of ['县长', '副县长', '常务副县长', '局长', '办公室主任', '党组书记', '秘书长', '领导']) expect(isLeaderTitle(t), t).toBe(true);
    for (const t of ['科长', '副科长', '股长', '科员', '秘书', '']) expect(isLeaderTitle(t), t).toBe(false);
  });

  test('其他机构: cleaned, one of each, bounded', () => {
    expect(unitDirectorySchema.parse({ names: [' 县住建局', '县住建局', '', '县财\u200b政局'] })).toEqual({ names: ['县住建局', '县财政局'] });
    expect(unitDirectorySchema.safeParse({ names: ['局'.repeat(41)] }).error?.issues[0]?.message).toBe('机构名称不能超过 40 个字');
  });
});

describe('the 事项 of a 督办 made from a 批示', () => {
  const rec = { serial: '收〔2026〕0007', title: '关于开展冬季安全生产大检查的通知', classification: '非密' as const };

  test('says what is to be done: the 标题 and the 批示', () => {
    expect(instructionTaskContent(rec, { leader: '王县长', text: '同意。' })).toBe('落实《关于开展冬季安全生产大检查的通知》：王县长批示“同意。”');
  });

  test('a classified 收文 gives only the mask and its number (标题 and 批示 are hidden content)', () => {
    const c = instructionTaskContent({ ...rec, classification: '秘密' }, { leader: '王县长', text: '请应急局牵头检查' });
    expect(c).toBe('落实【涉密】收文 收〔2026〕0007 的领导批示（涉密，详见收文）');
    expect(c).not.toContain('安全生产');
    expect(c).not.toContain('应急局');
  });

  test('stays within the 500 characters a task takes', () => {
    const c = instructionTaskContent(rec, { leader: '王县长', text: '长'.repeat(600) });
    expect(Array.from(c)).toHaveLength(500);
    expect(c.endsWith('…”')).toBe(true);
  });
});
