import { render, screen } from '@testing-library/react';
import userEvent, { PointerEventsCheckLevel } from '@testing-library/user-event';
import { App } from '../../renderer/app/App';
import { WenshuDB } from '../../renderer/db/database';

/** A business account made the real way (proposed, approved by a 保密员, password changed). */
export { addApprovedUser } from '../unit/db/helpers';

let n = 0;
export function freshDb(): WenshuDB {
  n += 1;
  return new WenshuDB(`component-${n}-${Math.random().toString(36).slice(2)}`);
}

export function renderApp(db: WenshuDB = freshDb()) {
  window.location.hash = '';
  return { db, ...render(<App db={db} />) };
}

export type TestUser = ReturnType<typeof userEvent.setup>;

/** Renders the app on `db` and signs `username` in through the login form; returns on 工作台. */
export async function signInToApp(db: WenshuDB, username: string, password: string): Promise<TestUser> {
  renderApp(db);
  // No pause between keystrokes, and no computed-style walk before each click (slow in jsdom).
  const user = userEvent.setup({ delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never });
  await user.type(await screen.findByLabelText('用户名'), username);
  await user.type(screen.getByLabelText('密码'), password);
  await user.click(screen.getByRole('button', { name: '登录' }));
  await screen.findByRole('heading', { name: '工作台' }, { timeout: 10_000 });
  return user;
}
