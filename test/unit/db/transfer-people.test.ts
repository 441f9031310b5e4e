import { describe, expect, test } from 'vitest';
import { savePerson } from '../../../renderer/db/repositories/meetings';
import { peopleCandidates } from '../../../renderer/db/repositories/transfer-people';
import { setUserDisabled } from '../../../renderer/db/repositories/users';
import { addApprovedUser, freshDb, passwordOf, setUpOffice } from './helpers';

// The receiver's side of the 迁移包's people mapping (issue #20): whom the persons of a package may
// become — active accounts (with their 名录 单位 and 职务) and enabled 人员名录 entries.

describe('peopleCandidates', () => {
  test('active accounts and enabled 名录 entries, by name; a disabled account or entry is no candidate; 审计员 may not read', async () => {
    const db = freshDb();
    const admin = await setUpOffice(db);
    const user = (username: string, displayName: string, roles: Parameters<typeof addApprovedUser>[2]['roles']) =>
      addApprovedUser(db, admin, { username, displayName, roles, password: passwordOf(username) });
    const clerk = await user('mishu', '王秘书', ['秘书']);
    const zhang = await user('zhangsan', '张三', ['工作人员']);
    const gone = await user('lisi', '李四', ['工作人员']);
    const auditor = await user('shenji', '审计员甲', ['安全审计员']);
    await setUserDisabled(db, admin, gone.id, true);
    await savePerson(db, clerk, { name: '张三', unit: '县财政局', title: '科长', userId: zhang.id });
    await savePerson(db, clerk, { name: '赵科长', unit: '县教育局', title: '科长' });
    await savePerson(db, clerk, { name: '钱离任', unit: '县教育局', title: '局长', disabled: true });

    const c = await peopleCandidates(db, clerk);
    const names = c.accounts.map((a) => a.name);
    expect(names).toContain('王秘书');
    expect(names).not.toContain('李四');
    expect(names).toContain('审计员甲');
    expect(c.accounts.find((a) => a.userId === zhang.id)).toEqual({ userId: zhang.id, name: '张三', username: 'zhangsan', note: '县财政局 科长' });
    expect(c.accounts.find((a) => a.userId === clerk.id)?.note).toBe('');
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'zh')));
    expect(c.directory).toEqual([
      { personId: expect.any(String), name: '张三', unit: '县财政局', title: '科长', userId: zhang.id },
      { personId: expect.any(String), name: '赵科长', unit: '县教育局', title: '科长' },
    ]);
    await expect(peopleCandidates(db, auditor)).rejects.toThrow('查阅登记簿');
  });
});
