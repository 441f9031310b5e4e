import { configure, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { completeSetup } from '../../../renderer/db/repositories/auth';
import { toActor } from '../../../renderer/db/repositories/users';
import { IncomingDetail } from '../../../renderer/features/incoming/IncomingDetail';
import type { IncomingRecord } from '../../../shared/domain/incoming-types';
import { issueMinutes, saveMinutesDraft } from '../../../shared/domain/meeting';
import { receiveAsIncoming, type ReceiveContext } from '../../../shared/domain/transfer-receive';
import { createWorkCalendar } from '../../../shared/domain/workdays';
import { meetingRecord, minutesInput, secretary as senderSecretary } from '../../fixtures/meetings';
import { addApprovedUser } from '../../unit/db/helpers';
import { freshDb, renderComponent, seededOnce } from '../render-component';

// The 收文 detail page of a record received from another unit (送往其他单位, issue #20): the
// 来文单位办理记录 section shows the sender's number, state and history, and a 纪要's text with its
// 议定事项, read-only; a reader outside the need to know of a classified one sees none of it.

const NOW = new Date(2026, 11, 3, 10, 0);
const T1 = '2026-11-20T01:00:00.000Z';
const T2 = '2026-11-23T02:00:00.000Z';

function ctx(actor: { id: string; name: string }, seq: number): ReceiveContext {
  return { sender: { unitName: '甲县人民政府办公室' }, packageId: 'pkg-7', today: '2026-12-03', now: NOW, actor, number: { year: 2026, seq, serial: `收〔2026〕${String(seq).padStart(4, '0')}` } };
}

function senderIncoming(): IncomingRecord {
  return {
    id: 'snd-in-7',
    receivedDate: '2026-11-20',
    fromUnit: '省财政厅',
    docNumber: '财预〔2026〕45号',
    title: '关于专项资金的通知',
    docType: '通知',
    classification: '非密',
    copies: 1,
    pages: 4,
    urgency: '普通',
    signedBy: '甲秘书',
    handling: '办件',
    year: 2026,
    seq: 7,
    serial: '收〔2026〕0007',
    state: '已办结',
    duplicateKey: '省财政厅|财预〔2026〕45号',
    circulation: [],
    reminders: [],
    namedUserIds: [],
    history: [
      { action: '登记', at: T1, byId: 'snd-u-1', byName: '甲秘书' },
      { action: '批示', at: T2, byId: 'snd-u-1', byName: '甲秘书', note: '甲县长：请乙县协助办理' },
    ],
    createdAt: T1,
    updatedAt: T2,
  };
}

async function office() {
  const db = freshDb();
  const admin = toActor(await completeSetup(db, { unitName: '乙县人民政府办公室', fondsCode: 'Z102', username: 'admin', password: 'Wenshu#2026x', passwordConfirm: 'Wenshu#2026x' }, NOW));
  const clerk = await addApprovedUser(db, admin, { username: 'mishu', displayName: '乙秘书', password: 'Lanting#2026', roles: ['秘书'] }, NOW);
  const staff = await addApprovedUser(db, admin, { username: 'yuangong', displayName: '钱员工', password: 'Lanting#2026', roles: ['工作人员'] }, NOW);
  const cal = createWorkCalendar();
  const drafted = saveMinutesDraft(meetingRecord({ id: 'snd-m-1' }), minutesInput(), cal, senderSecretary, new Date(2026, 10, 27, 11, 0));
  const issued = issueMinutes({ ...drafted, classification: '秘密' }, { number: '第1期', year: 2026, seq: 1 }, cal, senderSecretary, new Date(2026, 10, 30, 10, 0));
  const who = { id: clerk.id, name: clerk.displayName };
  const fromIncoming = receiveAsIncoming(senderIncoming(), '收文', ctx(who, 21));
  const fromMinutes = receiveAsIncoming(issued, '纪要', ctx(who, 22));
  await db.incoming.bulkAdd([fromIncoming, fromMinutes]);
  return { db, clerk, staff, fromIncoming, fromMinutes };
}

const officeCopy = seededOnce(office, NOW);
configure({ asyncUtilTimeout: 5000 });

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});
afterEach(() => {
  vi.useRealTimers();
  window.location.hash = '';
});

describe('收文 detail: 来文单位办理记录', () => {
  test('a received 收文: the sender unit, 原编号, state and its history, read-only beside the receiver\'s own', async () => {
    const { db, clerk, fromIncoming } = await officeCopy();
    await renderComponent(db, clerk, <IncomingDetail />, { at: `/incoming/${fromIncoming.id}`, path: '/incoming/:id' });
    const section = (await screen.findByText('来文单位办理记录')).closest('.ant-card') as HTMLElement;
    expect(within(section).getByText('甲县人民政府办公室')).toBeVisible();
    expect(within(section).getByText('收〔2026〕0007')).toBeVisible();
    expect(within(section).getByText('已办结')).toBeVisible();
    expect(within(section).getByText('省财政厅')).toBeVisible();
    expect(within(section).getByText('甲县长：请乙县协助办理')).toBeVisible();
    // Nothing in it to act with: the receiver's steps are on the record above.
    expect(within(section).queryByRole('button')).toBeNull();
    // The receiver's own record: its number, 来文单位 the sender, the 原编号 tag, its own 登记 line.
    expect(screen.getByText('收〔2026〕0021')).toBeVisible();
    expect(screen.getByText('原编号 收〔2026〕0007')).toBeVisible();
    expect(screen.getByText('由迁移包接收：来自甲县人民政府办公室，原编号 收〔2026〕0007（迁移包 pkg-7）')).toBeVisible();
  }, 60_000);

  test('a received 纪要: its paragraphs and 议定事项 readable by the 秘书; hidden from a reader outside the need to know', async () => {
    const { db, clerk, staff, fromMinutes } = await officeCopy();
    const first = await renderComponent(db, clerk, <IncomingDetail />, { at: `/incoming/${fromMinutes.id}`, path: '/incoming/:id' });
    const text = (await screen.findByRole('region', { name: '纪要正文' })) as HTMLElement;
    expect(within(text).getByText('会议研究了年终财政决算和寒假安全工作。')).toBeVisible();
    expect(within(text).getByText(/县财政局牵头起草年终财政决算报告（责任单位：县财政局；责任人：王局长；完成时限：2026-12-10）/)).toBeVisible();
    first.unmount();

    await renderComponent(db, staff, <IncomingDetail />, { at: `/incoming/${fromMinutes.id}`, path: '/incoming/:id' });
    expect(await screen.findByText('涉密文件：您不在知悉范围内，只能看到编号和状态。')).toBeVisible();
    expect(screen.queryByText('来文单位办理记录')).toBeNull();
    expect(document.body.textContent).not.toContain('会议研究了年终财政决算');
    expect(document.body.textContent).not.toContain('甲县人民政府办公室');
  }, 60_000);
});
