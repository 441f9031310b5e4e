import { expect } from 'vitest';
import type { Page } from 'playwright-core';

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

export function expectNoForeignRequests(foreign: string[]): void {
  expect(foreign, `requests left the app's origin: ${foreign.join(', ')}`).toEqual([]);
}
