import { z } from 'zod';
import { cleanLine } from './text';

// The lists the office picks names from (issue #14 "Pick, don't type"): the 人员名录 (people,
// meeting-types.ts DirectoryPerson) and the 机构: its own departments (settings, with 档号 codes,
// kept by the 系统管理员) plus the 其他机构 the 秘书 keeps here (县住建局, 县财政局 …), so a
// 督办通报 groups one unit under one name.

/**
 * 职务 that mark a leader who gives 批示: heads of a government, bureau or office and party
 * secretaries. 科长/股长 (section level) are not: they handle, they do not instruct.
 */
const LEADER_TITLE = /(县长|市长|区长|镇长|乡长|局长|厅长|部长|处长|主任|书记|主席|秘书长|常委|领导)/;

export function isLeaderTitle(title: string): boolean {
  return LEADER_TITLE.test(title);
}

/** One name in a list: cleaned, one line, at most `max` characters. */
export function pickedName(value: unknown, max: number): string {
  const name = cleanLine(value);
  return Array.from(name).length > max ? '' : name;
}

export const UNIT_NAME_MAX = 40;

/** 其他机构 (units outside the office) the 秘书 keeps; the office's own departments are separate. */
export const unitDirectorySchema = z.object({
  names: z
    .array(z.string())
    .transform((ns) => [...new Set(ns.map((n) => cleanLine(n)).filter(Boolean))])
    .refine((ns) => ns.every((n) => Array.from(n).length <= UNIT_NAME_MAX), `机构名称不能超过 ${UNIT_NAME_MAX} 个字`)
    .refine((ns) => ns.length <= 500, '其他机构最多 500 个'),
});
export type UnitDirectory = z.infer<typeof unitDirectorySchema>;
