import { screen, waitFor, within } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, test } from 'vitest';
import type { WenshuDB } from '../../../renderer/db/database';
import { completeSetup } from '../../../renderer/db/repositories/auth';
import { savePerson } from '../../../renderer/db/repositories/meetings';
import { toActor } from '../../../renderer/db/repositories/users';
import type { Actor } from '../../../renderer/db/types';
import { PeopleMappingTable, peopleStillToConfirm, usePeopleCandidates } from '../../../renderer/features/transfer/PeopleMapping';
import { peopleOf, suggestMapping, type PackagePerson, type PeopleMapping } from '../../../shared/domain/transfer-people';
import { carrierRecord } from '../../fixtures/carriers';
import { taskRecord } from '../../fixtures/meetings';
import { addApprovedUser } from '../../unit/db/helpers';
import { chooseOption } from '../antd-select';
import { freshDb, renderComponent, seededOnce } from '../render-component';

// 人员对应 in the 迁移包 preview (issue #20): the persons of an arriving package against this PC's
// accounts and 人员名录, suggested by name; two accounts of one name wait for the importer, and the
// import button (here a stand-in for the preview's) stays disabled until nobody is 需确认.

const NOW = new Date(2026, 10, 25, 10, 0);
const PASSWORD = 'Lanting#2026';

interface Office {
  db: WenshuDB;
  clerk: Actor;
  liu2: Actor;
}

/** This PC: a 秘书, 张三, two accounts named 刘洋, and 赵科长 in the 人员名录 without an account. */
const officeCopy = seededOnce<Office>(async () => {
  const db = freshDb();
  const admin = toActor(await completeSetup(db, { unitName: '测试县人民政府办公室', fondsCode: 'Z109', username: 'admin', password: 'Wenshu#2026x', passwordConfirm: 'Wenshu#2026x' }, NOW));
  const user = (username: string, displayName: string) => addApprovedUser(db, admin, { username, displayName, password: PASSWORD, roles: ['工作人员'] }, NOW);
  const clerk = await addApprovedUser(db, admin, { username: 'mishu', displayName: '李秘书', password: PASSWORD, roles: ['秘书'] }, NOW);
  await user('zhangsan', '张三');
  await user('liuyang', '刘洋');
  const liu2 = await user('liuyang2', '刘洋');
  await savePerson(db, clerk, { name: '赵科长', unit: '县财政局', title: '科长' }, NOW);
  return { db, clerk, liu2 };
}, NOW);

// The package: a carrier known to the sender's 张三, 刘洋 and 赵五 (nobody here), kept by 张三; a
// 督办 whose 责任人 is 赵科长.
const PERSONS: PackagePerson[] = peopleOf({
  carriers: [
    carrierRecord({
      knowers: [
        { userId: 's-zhang', name: '张三' },
        { userId: 's-liu', name: '刘洋' },
        { userId: 's-zhao', name: '赵五' },
      ],
      custodian: { userId: 's-zhang', name: '张三' },
    }),
  ],
  tasks: [taskRecord({ person: '赵科长' })],
});

/** The preview's part: the table, the import button it gates, the mapping as chosen. */
function Preview() {
  const candidates = usePeopleCandidates();
  // The suggestion until the importer changes something.
  const [chosen, setValue] = useState<PeopleMapping | null>(null);
  if (!candidates) return null;
  const value = chosen ?? suggestMapping(PERSONS, candidates);
  return (
    <>
      <PeopleMappingTable persons={PERSONS} candidates={candidates} value={value} onChange={setValue} />
      <button type="button" disabled={peopleStillToConfirm(PERSONS, value) > 0}>
        导入
      </button>
      <output data-testid="mapping">{JSON.stringify(value)}</output>
    </>
  );
}

function row(name: string): HTMLElement {
  const table = screen.getByRole('table');
  const r = within(table)
    .getAllByRole('row')
    .find((x) => x.closest('tbody') && within(x).queryByText(name, { selector: 'td *, td' }) && x.querySelector('td')?.textContent === name);
  if (!r) throw new Error(`no row ${name}`);
  return r;
}

const mapping = () => JSON.parse(screen.getByTestId('mapping').textContent ?? '{}') as PeopleMapping;

describe('人员对应', () => {
  test('suggested by name: one account → 已匹配, a 名录 entry → 已匹配, nobody → 外单位人员, two accounts → 需确认 until chosen', async () => {
    const { db, clerk, liu2 } = await officeCopy();
    const { user } = await renderComponent(db, clerk, <Preview />, { at: '/transfer' });
    await screen.findByRole('table', { name: '人员对应' });

    expect(screen.getByText(/迁移包记录中涉及 4 人：已匹配 2 人，外单位人员 1 人/)).toBeTruthy();
    expect(screen.getByText('，需确认 1 人（确认后才能导入）')).toBeTruthy();
    expect(within(row('张三')).getByText('知悉人 1、保管人 1')).toBeTruthy();
    expect(within(row('张三')).getByText('已匹配')).toBeTruthy();
    expect(within(row('张三')).getByTitle('张三（zhangsan）')).toBeTruthy();
    expect(within(row('赵科长')).getByText('责任人 1')).toBeTruthy();
    expect(within(row('赵科长')).getByTitle('赵科长（人员名录：县财政局 科长）')).toBeTruthy();
    expect(within(row('赵科长')).getByText('已匹配')).toBeTruthy();
    expect(within(row('赵五')).getByText('外单位人员', { selector: '.ant-tag' })).toBeTruthy();
    expect(within(row('刘洋')).getByText('需确认')).toBeTruthy();
    expect((screen.getByRole('button', { name: '导入' }) as HTMLButtonElement).disabled).toBe(true);

    await chooseOption(user, '刘洋对应的本机人员', '刘洋（liuyang2）');
    await waitFor(() => expect(within(row('刘洋')).getByText('已匹配')).toBeTruthy());
    expect(mapping()['s-liu']).toEqual({ kind: 'account', userId: liu2.id, name: '刘洋' });
    expect((screen.getByRole('button', { name: '导入' }) as HTMLButtonElement).disabled).toBe(false);
    expect(screen.queryByText(/需确认 \d 人/)).toBeNull();
  });

  test('a suggestion is changed: 张三 kept as 外单位人员 instead of the account', async () => {
    const { db, clerk } = await officeCopy();
    const { user } = await renderComponent(db, clerk, <Preview />, { at: '/transfer' });
    await screen.findByRole('table', { name: '人员对应' });
    await chooseOption(user, '张三对应的本机人员', '外单位人员（保留姓名“张三”）');
    await waitFor(() => expect(within(row('张三')).getByText('外单位人员', { selector: '.ant-tag' })).toBeTruthy());
    expect(mapping()['s-zhang']).toEqual({ kind: 'external', name: '张三' });
    expect(screen.getByText(/已匹配 1 人，外单位人员 2 人/)).toBeTruthy();
  });
});
