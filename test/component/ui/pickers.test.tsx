import { screen, waitFor, within } from '@testing-library/react';
import { Form, Input } from 'antd';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { WenshuDB } from '../../../renderer/db/database';
import { completeSetup } from '../../../renderer/db/repositories/auth';
import { savePerson } from '../../../renderer/db/repositories/meetings';
import { getPhrases } from '../../../renderer/db/repositories/phrases';
import { getSetting, saveDepartment } from '../../../renderer/db/repositories/settings';
import { toActor } from '../../../renderer/db/repositories/users';
import type { Actor } from '../../../renderer/db/types';
import { PersonPicker, PhrasePicker, UnitPicker } from '../../../renderer/ui/pickers';
import { addApprovedUser } from '../../unit/db/helpers';
import { freshDb, renderComponent, seededOnce } from '../render-component';

// The picker kit (renderer/ui/pickers.tsx) in a bare form: typing filters, a new name is added to
// its list in place (through its audited command), everything by keyboard. The dialogs that use
// the kit are driven end to end in test/e2e/pick-lists.e2e.ts.

const NOW = new Date(2026, 10, 25, 10, 0);

// rc-select reads the legacy keyCode (React's `which`) for Enter and ↓; browsers set it, jsdom and
// user-event leave it 0. Give it the browsers' value for this file, so the keyboard is tested as it works.
const LEGACY_CODES: Record<string, number> = { Enter: 13, ArrowDown: 40, ArrowUp: 38, Escape: 27, Tab: 9, Backspace: 8 };
const keyCodeBefore = Object.getOwnPropertyDescriptor(KeyboardEvent.prototype, 'keyCode');
beforeAll(() => {
  Object.defineProperty(KeyboardEvent.prototype, 'keyCode', { configurable: true, get(this: KeyboardEvent) { return LEGACY_CODES[this.key] ?? 0; } });
});
afterAll(() => {
  if (keyCodeBefore) Object.defineProperty(KeyboardEvent.prototype, 'keyCode', keyCodeBefore);
});

interface Office {
  db: WenshuDB;
  clerk: Actor;
}

const officeCopy = seededOnce<Office>(async () => {
  const db = freshDb();
  const admin = toActor(await completeSetup(db, { unitName: '测试县人民政府办公室', fondsCode: 'Z109', username: 'admin', password: 'Wenshu#2026x', passwordConfirm: 'Wenshu#2026x' }, NOW));
  await saveDepartment(db, admin, { code: 'BGS', name: '办公室' });
  const clerk = await addApprovedUser(db, admin, { username: 'mishu', displayName: '李秘书', password: 'Lanting#2026', roles: ['秘书'] }, NOW);
  await savePerson(db, clerk, { name: '张县长', unit: '县人民政府', title: '县长' }, NOW);
  await savePerson(db, clerk, { name: '李科长', unit: '县财政局', title: '科长' }, NOW);
  return { db, clerk };
}, NOW);

interface Values {
  leader?: string;
  unit?: string;
  note?: string;
}

function Picks({ onValues }: { onValues: (v: Values) => void }) {
  return (
    <Form<Values> aria-label="测试" onValuesChange={(_, all) => onValues(all)}>
      <Form.Item label="批示领导" name="leader">
        <PersonPicker leaders />
      </Form.Item>
      <Form.Item label="责任单位" name="unit">
        <UnitPicker />
      </Form.Item>
      <Form.Item label="批示内容" name="note">
        <Input.TextArea />
      </Form.Item>
      <PhrasePicker kind="批示" field="note" />
    </Form>
  );
}

async function open(db: WenshuDB, clerk: Actor) {
  let values: Values = {};
  const r = await renderComponent(db, clerk, <Picks onValues={(v) => (values = v)} />, { at: '/' });
  return { ...r, values: () => values };
}

/** The options the open dropdown of `box` lists, by their text. */
function optionTexts(box: HTMLElement): string[] {
  const list = document.getElementById(box.getAttribute('aria-controls') ?? '');
  const dropdown = list?.closest('.ant-select-dropdown') ?? document.body;
  return [...dropdown.querySelectorAll('.ant-select-item-option')].map((o) => o.textContent ?? '');
}

/** The name shown as chosen in the Select of `box`. */
const chosen = (box: HTMLElement) => box.closest('.ant-select-content')?.getAttribute('title');

describe('PersonPicker', () => {
  test('lists leaders first, filters as one types and picks with Enter', async () => {
    const { db, clerk } = await officeCopy();
    const { user, values } = await open(db, clerk);
    const box = screen.getByLabelText('批示领导');
    await user.click(box);
    await waitFor(() => expect(optionTexts(box)).toEqual(['张县长县人民政府 县长', '李科长县财政局 科长']));
    expect(screen.getByText('领导')).toBeInTheDocument();
    expect(screen.getByText('其他人员')).toBeInTheDocument();

    await user.type(box, '财政');
    await waitFor(() => expect(optionTexts(box)).toEqual(['李科长县财政局 科长', '添加“财政”到人员名录']));
    await user.clear(box);
    await user.type(box, '张{Enter}');
    await waitFor(() => expect(values().leader).toBe('张县长'));
    expect(chosen(box)).toBe('张县长');
  }, 30_000);

  test('a new name is added to the 人员名录 in place (audited) and picked, by keyboard', async () => {
    const { db, clerk } = await officeCopy();
    const { user, values } = await open(db, clerk);
    const box = screen.getByLabelText('批示领导');
    await user.type(box, '王副县长');
    await waitFor(() => expect(optionTexts(box)).toEqual(['添加“王副县长”到人员名录']));
    await user.keyboard('{Enter}');
    await waitFor(() => expect(values().leader).toBe('王副县长'));
    const added = (await db.people.toArray()).find((p) => p.name === '王副县长');
    // Added from the 批示领导 box: listed among the leaders from now on.
    expect(added).toMatchObject({ name: '王副县长', title: '领导' });
    const audit = await db.auditLog.orderBy('seq').last();
    expect(audit).toMatchObject({ action: '新增人员名录', actorName: 'mishu' });
    await user.click(box);
    await waitFor(() => expect(optionTexts(box)).toContain('王副县长领导'));
  }, 30_000);
});

describe('UnitPicker', () => {
  test('offers the own 机构 and the other units, and adds a new one to the 机构名录', async () => {
    const { db, clerk } = await officeCopy();
    const { user, values } = await open(db, clerk);
    const box = screen.getByLabelText('责任单位');
    await user.click(box);
    // 县财政局 and 县人民政府: the 单位 of people in the 人员名录.
    await waitFor(() => expect(optionTexts(box)).toEqual(['办公室', '县财政局', '县人民政府']));
    expect(screen.getByText('本单位机构')).toBeInTheDocument();

    await user.type(box, '县住建局');
    await waitFor(() => expect(optionTexts(box)).toEqual(['添加“县住建局”到机构名录']));
    await user.keyboard('{Enter}');
    await waitFor(() => expect(values().unit).toBe('县住建局'));
    expect((await getSetting(db, 'unitDirectory')).names).toEqual(['县住建局']);
    expect(await db.auditLog.orderBy('seq').last()).toMatchObject({ action: '修改机构名录' });

    // Typing an existing name offers it, not a second copy.
    await user.type(box, '县住建');
    await waitFor(() => expect(optionTexts(box)).toEqual(['县住建局', '添加“县住建”到机构名录']));
  }, 30_000);
});

describe('PhrasePicker', () => {
  test('a 常用意见 is inserted by keyboard and the text box takes the focus back', async () => {
    const { db, clerk } = await officeCopy();
    const { user } = await open(db, clerk);
    const note = screen.getByLabelText('批示内容');
    await user.click(note);
    await user.type(note, '拟');
    await user.tab();
    const phrases = screen.getByLabelText('常用意见');
    expect(phrases).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    await waitFor(() => expect(optionTexts(phrases)[0]).toBe('同意'));
    await user.keyboard('{Enter}');
    await waitFor(() => expect(note).toHaveValue('拟，同意'));
    await waitFor(() => expect(note).toHaveFocus());
  }, 30_000);

  test('the user adds and removes their own phrases (saved per user)', async () => {
    const { db, clerk } = await officeCopy();
    const { user } = await open(db, clerk);
    await user.click(screen.getByRole('button', { name: '管理' }));
    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent('批示常用意见');
    await user.click(within(dialog).getByRole('button', { name: '添加' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('请输入常用意见');
    await user.type(within(dialog).getByLabelText('新的常用意见'), '请财政科研究办理{Enter}');
    await waitFor(async () => expect((await getPhrases(db, clerk)).批示).toContain('请财政科研究办理'));
    await user.click(within(dialog).getByRole('button', { name: '删除 同意' }));
    await waitFor(async () => expect((await getPhrases(db, clerk)).批示).not.toContain('同意'));
    expect(await db.auditLog.orderBy('seq').last()).toMatchObject({ action: '修改常用意见', actorName: 'mishu' });
    // Another user's phrases are their own: still the defaults.
    expect((await getPhrases(db, { id: 'someone-else' })).批示).toContain('同意');
  }, 30_000);
});
