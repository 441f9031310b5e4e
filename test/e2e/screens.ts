import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

// Steps a person takes, written once: tests read as the user's story.

export async function completeSetup(
  page: Page,
  v: { unitName: string; fondsCode: string; username: string; password: string },
): Promise<void> {
  await page.getByLabel('单位名称').fill(v.unitName);
  await page.getByLabel('全宗号').fill(v.fondsCode);
  await page.getByLabel('用户名').fill(v.username);
  await page.getByLabel('密码', { exact: true }).fill(v.password);
  await page.getByLabel('确认密码').fill(v.password);
  await page.getByRole('button', { name: '完成设置' }).click();
  await page.getByRole('button', { name: '登录' }).waitFor();
}

export async function login(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}

export async function gotoNav(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: '主导航' }).getByRole('menuitem', { name }).click();
}

export async function textOf(page: Page, selector: string): Promise<string> {
  return (await page.locator(selector).innerText()).trim();
}


export async function logout(page: Page): Promise<void> {
  await page.getByRole('button', { name: '退出' }).click();
  await page.getByRole('button', { name: '登录' }).waitFor();
}

/**
 * 系统管理员: 设置 → 用户管理 → 新增用户. In 初始配置 (the first 保密员 / 审计员) the account is
 * created with `password`; otherwise the form has no password and goes to approval (提交审批).
 */
export async function createUserViaUi(page: Page, u: { username: string; name: string; roles: string[]; password?: string }): Promise<void> {
  await gotoNav(page, '设置');
  await page.getByRole('tab', { name: '用户管理' }).click();
  await page.getByRole('button', { name: '新增用户' }).click();
  const dialog = page.getByRole('dialog', { name: '新增用户' });
  await dialog.getByLabel('用户名').fill(u.username);
  await dialog.getByLabel('姓名').fill(u.name);
  await dialog.getByRole('checkbox', { name: '工作人员' }).uncheck();
  for (const r of u.roles) await dialog.getByRole('checkbox', { name: r }).check();
  // The password fields appear once the roles make a bootstrap account (a re-render after the
  // checkboxes): wait for them rather than sampling isVisible() before it.
  if (u.password !== undefined) {
    await dialog.getByLabel('初始密码').waitFor();
    await dialog.getByLabel('初始密码').fill(u.password ?? '');
    await dialog.getByLabel('确认密码').fill(u.password ?? '');
    await dialog.getByRole('button', { name: '保存' }).click();
  } else {
    await dialog.getByRole('button', { name: '提交审批' }).click();
  }
  await dialog.waitFor({ state: 'detached' });
}

/**
 * One-time passwords approvals handed out in this page's story, by user name: what the approver
 * reads off the screen and gives the person (firstLogin uses it as their initial password).
 */
const handedOver = new Map<string, string>();

/** 保密员 (signed in): 设置 → 账户审批 → 批准 the pending request about `username`; returns a one-time password if one was issued. */
export async function approveViaUi(page: Page, username: string): Promise<string | undefined> {
  await gotoNav(page, '设置');
  await page.getByRole('tab', { name: '账户审批' }).click();
  const row = page.getByRole('table', { name: '待审批' }).getByRole('row').filter({ has: page.getByRole('cell', { name: username, exact: true }) });
  // 新建账户 and 重置密码 issue a one-time password; the other kinds do not.
  const issues = (await row.getByRole('cell').first().innerText()).trim() === '新建账户' || (await row.getByRole('cell').first().innerText()).trim() === '重置密码';
  await row.getByRole('button', { name: '批准' }).click();
  await page.getByRole('dialog').filter({ hasText: `批准：` }).getByRole('button', { name: '批准' }).click();
  if (!issues) {
    await row.waitFor({ state: 'detached' });
    return undefined;
  }
  const shown = page.getByRole('dialog', { name: '一次性初始密码' });
  const password = (await shown.getByTestId('one-time-password').innerText()).trim();
  handedOver.set(username, password);
  await shown.getByRole('button', { name: '我已记下，关闭' }).click();
  await shown.waitFor({ state: 'detached' });
  return password;
}

/** The 保密员 of 初始配置 that setUpOffice creates to approve the office's accounts. */
export const OFFICER = { username: 'anquan', final: 'Baomi#Final2026' };

/**
 * The first login of a new account: replace the initial password, arrive in the app. `initial`
 * is the password typed in 初始配置; an approved account uses the one-time password its
 * approver was shown (approveViaUi) instead.
 */
export async function firstLogin(page: Page, username: string, initial: string, final: string): Promise<void> {
  initial = handedOver.get(username) ?? initial;
  await login(page, username, initial);
  await page.getByText('请修改初始密码').waitFor();
  await page.getByLabel('当前密码').fill(initial);
  await page.getByLabel('新密码', { exact: true }).fill(final);
  await page.getByLabel('确认新密码').fill(final);
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByRole('navigation', { name: '主导航' }).waitFor();
}

export async function addDepartment(page: Page, code: string, name: string): Promise<void> {
  await gotoNav(page, '设置');
  await page.getByRole('tab', { name: '单位信息' }).click();
  await page.getByLabel('机构代码').fill(code);
  await page.getByLabel('机构名称').fill(name);
  await page.getByRole('button', { name: '添加机构' }).click();
  await page.getByRole('cell', { name, exact: true }).waitFor();
}

/**
 * A new office: setup, the 系统管理员 adds departments, the 保密员 of 初始配置 (OFFICER) and
 * proposes the accounts; the 保密员 signs in, approves each and is handed their one-time passwords
 * (firstLogin uses them); signed out at the end.
 */
export async function setUpOffice(
  page: Page,
  o: {
    unitName: string;
    admin: { username: string; password: string };
    departments?: readonly (readonly [code: string, name: string])[];
    people: readonly { username: string; name: string; roles: string[] }[];
    password: string;
  },
): Promise<void> {
  await completeSetup(page, { unitName: o.unitName, fondsCode: 'Z109', ...o.admin });
  await login(page, o.admin.username, o.admin.password);
  for (const [code, name] of o.departments ?? []) await addDepartment(page, code, name);
  await createUserViaUi(page, { username: OFFICER.username, name: '安全保密管理员', roles: ['安全保密管理员'], password: o.password });
  for (const p of o.people) await createUserViaUi(page, p);
  await logout(page);
  await firstLogin(page, OFFICER.username, o.password, OFFICER.final);
  for (const p of o.people) await approveViaUi(page, p.username);
  await logout(page);
}

/** 秘书: 设置 → 人员名录 → 添加人员, one person at a time; returns when the last is in the table. */
export async function addPeople(page: Page, people: readonly { name: string; unit: string; title: string }[]): Promise<void> {
  await gotoNav(page, '设置');
  await page.getByRole('tab', { name: '人员名录' }).click();
  const form = page.getByRole('form', { name: '添加人员' });
  const table = page.getByRole('table');
  for (const p of people) {
    await form.getByLabel('姓名', { exact: true }).fill(p.name);
    if (p.unit) await pickName(page, form, '单位', p.unit);
    await form.getByLabel('职务', { exact: true }).fill(p.title);
    await form.getByRole('button', { name: '添加人员' }).click();
    let row = table.getByRole('row').filter({ has: page.getByRole('cell', { name: p.name, exact: true }) });
    for (const text of [p.unit, p.title]) if (text) row = row.filter({ has: page.getByRole('cell', { name: text, exact: true }) });
    await row.first().waitFor();
    // The form is cleared once the person is saved: the next one starts empty.
    await page.waitForFunction(() => !(document.querySelector<HTMLInputElement>('form[aria-label="添加人员"] input')?.value ?? ''));
  }
}

/**
 * Picks `name` in the picker (ui/pickers.tsx) labelled `label`: types it to filter, then takes the
 * name from the list, or its 添加“…” option when it is not in the list yet; returns once it shows as chosen.
 */
export async function pickName(page: Page, scope: Locator, label: string, name: string): Promise<void> {
  const box = scope.getByLabel(label, { exact: true });
  await box.click();
  await box.fill(name);
  const dropdown = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  await dropdown.locator([name, `添加“${name}”到人员名录`, `添加“${name}”到机构名录`].map((t) => `.ant-select-item-option[title="${t}"]`).join(', ')).first().click();
  await expect.poll(() => box.locator('xpath=..').getAttribute('title')).toBe(name);
}

/**
 * One step of the 收文 procedure on the record's page: the button, its dialog (named "<verb>：…"),
 * what `fill` types into it, the dialog's own button; returns when the dialog has closed.
 */
export async function incomingStep(page: Page, verb: string, fill?: () => Promise<void>): Promise<void> {
  await page.getByRole('button', { name: verb, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: new RegExp(`^${verb}：`) });
  await dialog.waitFor();
  if (fill) await fill();
  await dialog.getByRole('button', { name: verb, exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
}

/**
 * Picks people in the multiple-choice list labelled `label` (出席, 列席): each typed, then taken by
 * the start of its option (the list shows 张县长（县人民政府 县长）); the list closed after.
 */
export async function pickPeople(page: Page, scope: Locator, label: string, names: readonly string[]): Promise<void> {
  await scope.getByLabel(label, { exact: true }).click();
  for (const name of names) {
    await page.keyboard.type(name.slice(0, 3));
    await page.locator(`.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title^="${name}"]`).click();
  }
  await page.keyboard.press('Escape');
}

/**
 * 会议纪要 → 新建会议 through the form (主持人 张县长, at 县政府第一会议室 unless said); `beforeSave`
 * runs on the filled form. Returns on the meeting's page.
 */
export async function newMeeting(
  page: Page,
  m: { name: string; startAt: string; attend: readonly string[]; sitIn?: readonly string[]; topics?: string; location?: string },
  beforeSave?: (form: Locator) => Promise<void>,
): Promise<void> {
  await gotoNav(page, '会议纪要');
  await page.getByRole('button', { name: '新建会议' }).click();
  const form = page.getByRole('form', { name: '新建会议' });
  await form.getByLabel('会议名称').fill(m.name);
  await form.getByLabel('开始时间').fill(m.startAt);
  await form.getByLabel('地点').fill(m.location ?? '县政府第一会议室');
  await form.getByLabel('主持人').fill('张县长');
  if (m.topics) await form.getByLabel('议题').fill(m.topics);
  await pickPeople(page, form, '出席', m.attend);
  if (m.sitIn?.length) await pickPeople(page, form, '列席', m.sitIn);
  await beforeSave?.(form);
  await form.getByRole('button', { name: '保存' }).click();
  await page.getByRole('table', { name: '签到' }).waitFor();
}

/** 设置 → 局域网: the pairing form filled from what the server printed (not sent); returns the form. */
export async function fillPairingForm(page: Page, v: { port: number; code: string; fingerprint: string; name: string }): Promise<Locator> {
  await gotoNav(page, '设置');
  await page.getByRole('tab', { name: '局域网' }).click();
  const form = page.getByRole('form', { name: '与局域网服务器配对' });
  await form.getByLabel('服务器地址').fill('127.0.0.1');
  await form.getByLabel('端口').fill(String(v.port));
  await form.getByLabel('配对码').fill(v.code);
  await form.getByLabel('证书指纹').fill(v.fingerprint);
  await form.getByLabel('本机名称').fill(v.name);
  return form;
}
