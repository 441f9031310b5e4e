import { formatChineseDate, isIsoDate } from '@shared/domain/dates';
import { formatClassificationMark } from '@shared/domain/enums';
import type { Attendance, Invitee, MeetingRecord } from '@shared/domain/meeting-types';
import { PrintDocument } from './PrintDocument';
import { CarrierTableHead, type CarrierColumn } from './carrier-print-parts';

// 会议签到表 (DOMAIN.md §5 签到), printed before the meeting and signed at the door: every invitee,
// 出席 first then 列席, with an empty 签名 cell tall enough to sign in, and a few blank rows at the
// end for a deputy (代会) or someone not on the list. The signed paper is then ticked into the
// meeting's 签到 in the app.

export interface SignInSheetProps {
  meeting: MeetingRecord;
  /**
   * The office using the app. Not printed: the meeting's name already says whose meeting it is;
   * taken so every print layout is called the same way.
   */
  unitName: string;
  /** Printed diagonally on every page (watermarkText); give it for classified meetings. */
  watermark?: string;
  /** Empty rows after the invitees, for deputies and people not invited. Default 3. */
  blankRows?: number;
}

/**
 * Widths in mm of the 156 mm portrait text block at 12pt: 签名 41 mm (40 mm clear between its
 * rules: room for a handwritten name, issue #15); 备注 six characters a line, its phrases one per
 * line (remarkLines); 单位 takes the rest (~23 mm).
 */
export const SIGN_IN_COLUMNS: readonly CarrierColumn[] = [
  { label: '序号', mm: 12 },
  { label: '姓名', mm: 20 },
  { label: '单位' },
  { label: '职务', mm: 20 },
  { label: '类别', mm: 12 },
  { label: '签名', mm: 41 },
  { label: '备注', mm: 28 },
];

/**
 * 备注 of one invitee as phrases, each printed on its own line so none is cut in the middle by the
 * column's edge: 请假 / （出差）, 由王五 / （副县长） / 代会. A phrase longer than the column (a long
 * 请假 reason, up to 100 characters) wraps inside itself.
 */
export function remarkLines(seen: Attendance | undefined): string[] {
  if (seen?.status === '请假') return ['请假', ...(seen.reason.trim() ? [`（${seen.reason.trim()}）`] : [])];
  if (seen?.status === '代会') {
    const title = seen.deputy.title.trim();
    return [`由${seen.deputy.name}`, ...(title ? [`（${title}）`] : []), '代会'];
  }
  return [];
}

/** 开始时间 'YYYY-MM-DDTHH:mm' → '2026年11月23日 09:00' (a local wall-clock time, no time zone). */
export function meetingTimeText(startAt: string): string {
  const [day = '', time = ''] = startAt.split('T');
  if (!isIsoDate(day)) return startAt;
  return time ? `${formatChineseDate(day)} ${time.slice(0, 5)}` : formatChineseDate(day);
}

/** 出席 before 列席, each in the order they were invited. */
function signInOrder(invitees: readonly Invitee[]): Invitee[] {
  return [...invitees.filter((i) => i.role === '出席'), ...invitees.filter((i) => i.role === '列席')];
}

/** 会议签到表 (A4 portrait). */
export function SignInSheet({ meeting, watermark, blankRows = 3 }: SignInSheetProps) {
  const heading = `${meeting.name}签到表`;
  const mark = formatClassificationMark({ level: meeting.classification, term: meeting.secrecyTerm ?? null });
  const people = signInOrder(meeting.invitees);
  const blanks = Math.max(0, Math.floor(blankRows));
  return (
    <PrintDocument orientation="portrait" watermark={watermark} title={heading}>
      {mark && <div className="ws-slip-marks">{mark}</div>}
      <h1 className="ws-minutes-form-title">{heading}</h1>
      <div className="ws-minutes-signin-info">
        <div>
          <span className="ws-minutes-signin-label">时间：</span>
          {meetingTimeText(meeting.startAt)}
        </div>
        <div>
          <span className="ws-minutes-signin-label">地点：</span>
          {meeting.location}
        </div>
        <div>
          <span className="ws-minutes-signin-label">主持人：</span>
          {meeting.host}
        </div>
      </div>
      <table className="ws-register-table ws-carrier-table--form ws-minutes-signin-table" aria-label="签到">
        <CarrierTableHead columns={SIGN_IN_COLUMNS} />
        <tbody>
          {people.map((p, i) => {
            const seen = meeting.attendance[p.personId];
            // 请假 is often known before the meeting: say so, so nobody waits for the signature.
            // A recorded 代会 is marked, never hidden (DOMAIN.md): the deputy signs in this row.
            return (
              <tr key={p.personId}>
                <td className="ws-c">{i + 1}</td>
                <td className="ws-c">{p.name}</td>
                <td>{p.unit}</td>
                <td>{p.title}</td>
                <td className="ws-c">{p.role}</td>
                <td>{seen?.status === '代会' ? `${seen.deputy.name}代签：` : ''}</td>
                <td>
                  {remarkLines(seen).map((line, j) => (
                    <span key={j} className="ws-minutes-signin-remark">
                      {line}
                    </span>
                  ))}
                </td>
              </tr>
            );
          })}
          {Array.from({ length: blanks }, (_, i) => (
            <tr key={`blank-${i}`}>
              <td className="ws-c">{people.length + i + 1}</td>
              <td />
              <td />
              <td />
              <td />
              <td />
              <td />
            </tr>
          ))}
        </tbody>
      </table>
    </PrintDocument>
  );
}
