import type { ReactElement } from 'react';
import type { Invitee, IssuedMinutes, MeetingRecord } from '../../shared/domain/meeting-types';
import { MinutesDocument, SignInSheet } from '../../renderer/print/index';
import { issuedMinutes, meeting } from '../component/print/meeting-fixtures';
import { longText } from './longest';

// 会议 prints with the longest values the schemas allow (meeting.ts: 会议名称 100, 地点 60, 主持人
// 20; invitee 姓名 20, 单位 60, 职务 40; 请假事由 100, 代会人 20 / 职务 40; 抄送 units 40 each,
// 印发机关 40). The 纪要 text is pure CJK, so each full line holds exactly 28 characters.

export const PROOF_UNIT = '某某县人民政府办公室';

/** 抄送 units at their longest (40 characters), enough to wrap the 抄送 line. */
const COPY_TO = [longText(40, 2), '县财政局', '县住房和城乡建设局', longText(40, 1)];

function minutes(paragraphs: string[]): IssuedMinutes {
  return { ...issuedMinutes(), paragraphs, copyTo: COPY_TO, printedBy: longText(40, 1), printedOn: '2026-11-26' };
}

/** 会议主要情况 long enough for three pages: odd and even page numbers both print. */
const LONG = Array.from({ length: 9 }, (_, i) => longText(150 + 20 * i, i));

function invitee(i: number, role: Invitee['role']): Invitee {
  return { personId: `p${i}`, name: longText(20, i), unit: longText(60, i + 1), title: longText(40, i + 2), role };
}

function signInMeeting(): MeetingRecord {
  const invitees = [invitee(1, '出席'), invitee(2, '出席'), invitee(3, '出席'), invitee(4, '列席'), { personId: 'p5', name: '张明', unit: '县人民政府', title: '县长', role: '出席' as const }];
  return meeting({
    name: longText(100, 0),
    location: longText(60, 1),
    host: longText(20, 2),
    invitees,
    attendance: {
      p1: { status: '代会', deputy: { name: longText(20, 0), unit: longText(60, 2), title: longText(40, 1) } },
      p2: { status: '请假', reason: longText(100, 2) },
      p3: { status: '请假', reason: '出差' },
      p5: { status: '代会', deputy: { name: '王五', unit: '县人民政府办公室', title: '副主任' } },
    },
  });
}

export const MEETING_PROOFS: Record<string, () => ReactElement> = {
  minutes: () => {
    const m = minutes(LONG);
    return <MinutesDocument meeting={meeting({ issued: m, minutesState: '已签发', draft: undefined })} minutes={m} unitName={PROOF_UNIT} />;
  },
  // A few lines: the 版记 goes to the bottom of page 1, well below the text.
  'minutes-short': () => {
    const m: IssuedMinutes = { ...minutes([longText(60, 0)]), decisions: [], copyTo: ['县财政局', '县住房和城乡建设局'], printedBy: PROOF_UNIT };
    return <MinutesDocument meeting={meeting({ issued: m, minutesState: '已签发', draft: undefined })} minutes={m} unitName={PROOF_UNIT} />;
  },
  'sign-in': () => <SignInSheet meeting={signInMeeting()} unitName={PROOF_UNIT} />,
};
