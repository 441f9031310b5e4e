import { configure, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { WenshuDB } from '../../../renderer/db/database';
import { completeSetup } from '../../../renderer/db/repositories/auth';
import { getNumberingSettings, registerIncoming } from '../../../renderer/db/repositories/incoming';
import { saveDepartment } from '../../../renderer/db/repositories/settings';
import { toActor } from '../../../renderer/db/repositories/users';
import type { Actor } from '../../../renderer/db/types';
import { contributionsFor, FEATURES } from '../../../renderer/app/features';
import { SettingsPage } from '../../../renderer/features/settings/SettingsPage';
import { baseRegistration } from '../../fixtures/filing';
import { addApprovedUser } from '../../unit/db/helpers';
import { freshDb, seededOnce, renderComponent, type TestUser } from '../render-component';

// 设置 → 编号规则 as the 系统管理员 uses it (issue #20): the 本机编号前缀 of this PC, upper-cased as
// typed, refused beside its field when it breaks the rule, with the next number of each series it
// goes into shown before it is saved. The clock is fixed (only Date is faked) on 2026-11-20.

const NOW = new Date(2026, 10, 20, 10, 0);

interface Office {
  db: WenshuDB;
  admin: Actor;
}

/** An office with a 系统管理员 and a 秘书 who has registered one 收文 (收〔2026〕0001). */
async function office(): Promise<Office> {
  const db = freshDb();
  const admin = toActor(await completeSetup(db, { unitName: '测试县人民政府办公室', fondsCode: 'Z109', username: 'admin', password: 'Wenshu#2026x', passwordConfirm: 'Wenshu#2026x' }, NOW));
  await saveDepartment(db, admin, { code: 'BGS', name: '办公室' });
  const clerk = await addApprovedUser(db, admin, { username: 'mishu', displayName: '李秘书', password: 'Lanting#2026', roles: ['秘书'] }, NOW);
  await registerIncoming(db, clerk, baseRegistration, {}, NOW);
  return { db, admin };
}

const officeCopy = seededOnce(office, NOW);

async function openTab(db: WenshuDB, admin: Actor): Promise<{ user: TestUser; form: HTMLElement }> {
  const { user } = await renderComponent(db, admin, <SettingsPage tabs={contributionsFor(FEATURES, admin).settingsTabs} />, { at: '/settings' });
  await user.click(await screen.findByRole('tab', { name: '编号规则' }));
  const form = await screen.findByRole('form', { name: '编号规则' });
  await waitFor(() => expect(within(form).getByLabelText('收文编号格式')).toHaveValue('收〔YYYY〕NNNN'));
  return { user, form };
}

/** The lines of the 下一个编号 preview. */
function previewLines(form: HTMLElement): string[] {
  const box = within(form).queryByLabelText('下一个编号');
  return box ? [...box.querySelectorAll('div')].map((d) => d.textContent ?? '') : [];
}

configure({ asyncUtilTimeout: 5000 });

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  window.location.hash = '';
});

describe('设置 → 编号规则: 本机编号前缀', () => {
  test('typed in lower case it shows upper case, the next numbers of each series carry it, and it is saved and audited', async () => {
    const { db, admin } = await officeCopy();
    const { user, form } = await openTab(db, admin);
    const box = within(form).getByLabelText('本机编号前缀');
    expect(box).toHaveValue('');
    // No prefix: today's numbers, after the 收文 already registered.
    await waitFor(() => expect(previewLines(form)).toContain('收文：收〔2026〕0002'));
    await user.type(box, 'b');
    expect(box).toHaveValue('B');
    await waitFor(() =>
      expect(previewLines(form)).toEqual(['收文：收〔2026〕B-0001', '涉密载体：载〔2026〕B-0001', '督办：督〔2026〕B-0001', '常务会议纪要：第B-1期', '专题会议纪要：第B-1期', '办公会议纪要：第B-1期', '党组会议纪要：第B-1期']),
    );
    await user.click(within(form).getByRole('button', { name: '保存' }));
    await waitFor(async () => expect(await getNumberingSettings(db)).toEqual({ incomingPattern: '收〔YYYY〕NNNN', seriesPrefix: 'B' }));
    const audit = await db.auditLog.toArray();
    expect(audit.find((a) => a.action === '修改编号规则')?.summary).toBe('收文编号格式：收〔YYYY〕NNNN；本机编号前缀：B');
  }, 60_000);

  test('a prefix that breaks the rule is refused beside its field, no preview, nothing saved', async () => {
    const { db, admin } = await officeCopy();
    const { user, form } = await openTab(db, admin);
    const box = within(form).getByLabelText('本机编号前缀');
    await user.type(box, 'b-1');
    expect(box).toHaveValue('B-1');
    const error = await within(form).findByText('本机编号前缀为 1–3 位大写字母或数字，如 B');
    expect(error.closest('.ant-form-item')).toContainElement(box);
    expect(previewLines(form)).toEqual([]);
    await user.click(within(form).getByRole('button', { name: '保存' }));
    await new Promise((r) => setTimeout(r, 300));
    expect(await getNumberingSettings(db)).toEqual({ incomingPattern: '收〔YYYY〕NNNN' });
    expect((await db.auditLog.toArray()).some((a) => a.action === '修改编号规则')).toBe(false);
  }, 60_000);
});
