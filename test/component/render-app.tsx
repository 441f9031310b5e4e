import { render, screen } from '@testing-library/react';
import userEvent, { PointerEventsCheckLevel } from '@testing-library/user-event';
import { App } from '../../renderer/app/App';
import { WenshuDB } from '../../renderer/db/database';
import { createTestingPlatform, type TestingPlatform } from '../../renderer/platform/testing';

/** A business account made the real way (proposed, approved by a 保密员, password changed). */
export { addApprovedUser } from '../unit/db/helpers';

let n = 0;
export function freshDb(): WenshuDB {
  n += 1;
  return new WenshuDB(`component-${n}-${Math.random().toString(36).slice(2)}`);
}

/**
 * Renders the app on `db` and the testing platform (files saved and prints are recorded on it).
 * Pass `platform: null` to run on the platform the module renderer/platform detects.
 */
export function renderApp(db: WenshuDB = freshDb(), platform: TestingPlatform | null = createTestingPlatform()) {
  window.location.hash = '';
  return { db, platform, ...render(platform ? <App db={db} platform={platform} /> : <App db={db} />) };
}

export type TestUser = ReturnType<typeof userEvent.setup>;

/** Renders the app on `db` and signs `username` in through the login form; returns on 工作台. */
export async function signInToApp(db: WenshuDB, username: string, password: string, platform: TestingPlatform | null = null): Promise<TestUser> {
  renderApp(db, platform);
  // No pause between keystrokes, and no computed-style walk before each click (slow in jsdom).
  const user = userEvent.setup({ delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never });
  await user.type(await screen.findByLabelText('用户名'), username);
  await user.type(screen.getByLabelText('密码'), password);
  await user.click(screen.getByRole('button', { name: '登录' }));
  await screen.findByRole('heading', { name: '工作台' }, { timeout: 10_000 });
  return user;
}
