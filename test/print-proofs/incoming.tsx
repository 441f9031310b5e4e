import type { ReactElement } from 'react';
import type { IncomingRecord } from '../../shared/domain/incoming-types';
import { REGISTER_COLUMN_KEYS } from '../../shared/domain/incoming-register';
import type { SecrecyTerm } from '../../shared/domain/enums';
import { UNIT_NAME_MAX } from '../../shared/domain/directory';
import { IncomingRegisterSheet, IncomingSlip, type RegisterSheetRow } from '../../renderer/print/index';
import { SLIP_MAX_TOTAL_LINES, UNIT_NAME_PLACEHOLDER, type SlipLayout } from '../../shared/domain/slip-layout';
import { longText, unbreakable } from './longest';

// 收文 prints with the longest values registrationSchema allows (来文单位 100, 来文字号 50, 标题 200,
// 签收人 20 characters, a 解密条件 of 100), 承办单位 names of UNIT_NAME_MAX (40) characters.

const TERMS: SecrecyTerm[] = [{ kind: 'years', years: 20 }, { kind: 'condition', condition: longText(100, 2) }, { kind: 'date', date: '2031-12-31' }];

function registerRow(i: number): RegisterSheetRow {
  const classified = i % 3 === 1;
  return {
    serial: `收〔2026〕${String(i + 1).padStart(4, '0')}`,
    receivedDate: '2026-11-23',
    fromUnit: longText(100, 1),
    // Every fourth 来文字号 typed in ASCII, with no break opportunity: it must still wrap in its cell.
    docNumber: i % 4 === 3 ? unbreakable(50) : `某某县住房和城乡建设局城市建设管理股发〔2026〕${1000 + i}号${longText(20, 2)}`.slice(0, 50),
    title: longText(200, 0),
    classification: classified ? '机密' : '非密',
    secrecyTerm: classified ? TERMS[i % TERMS.length]! : null,
    urgency: i % 2 ? '特急' : '普通',
    state: i % 5 === 4 ? '已办结' : '承办中',
    dueDate: '2026-12-31',
    hostDeptName: longText(UNIT_NAME_MAX, 2),
    docType: '通知',
    copyNumber: classified ? '999999' : undefined,
    copies: 999,
    pages: 9999,
    writtenDate: '2026-11-20',
    signedBy: longText(20, 1),
    handling: i % 2 ? '办件' : '阅件',
    closedDate: i % 5 === 4 ? '2026-12-30' : undefined,
    // Every seventh row is outside the reader's need to know.
    masked: i % 7 === 6,
  };
}

const registerRows = () => Array.from({ length: 30 }, (_, i) => registerRow(i));

export function longestIncomingRecord(): IncomingRecord {
  return {
    id: 'r1',
    year: 2026,
    seq: 9999,
    serial: '收〔2026〕9999',
    state: '已办结',
    receivedDate: '2026-11-23',
    fromUnit: longText(100, 1),
    docNumber: `某政办发〔2026〕1015号${longText(40, 2)}`.slice(0, 50),
    title: longText(200, 0),
    docType: '通知',
    classification: '机密',
    secrecyTerm: { kind: 'years', years: 20 },
    copyNumber: '000012',
    copies: 999,
    pages: 9999,
    urgency: '特急',
    signedBy: longText(20, 1),
    handling: '办件',
    duplicateKey: 'x',
    namedUserIds: [],
    history: [],
    reminders: [],
    createdAt: '2026-11-23T12:00:00.000Z',
    updatedAt: '2026-11-26T12:00:00.000Z',
    proposal: { text: longText(300, 0), at: '2026-11-23T12:10:00.000Z', byName: '王秘书' },
    instruction: { leader: '李局长', text: longText(300, 1), at: '2026-11-23T12:00:00.000Z', oral: true, recordedBy: '王秘书' },
    assignment: {
      host: { id: 'd1', name: longText(30, 2) },
      cooperating: [
        { id: 'd2', name: longText(30, 1) },
        { id: 'd3', name: longText(30, 0) },
      ],
      person: { userId: 'u9', name: '赵六' },
      deadline: { kind: 'workdays', days: 3 },
      at: '2026-11-23T12:00:00.000Z',
    },
    dueDate: '2026-11-26',
    circulation: Array.from({ length: 12 }, (_, i) => ({ userId: `u${i}`, name: `阅读人${i + 1}`, sentAt: '2026-11-24T12:00:00.000Z' })),
    result: { text: longText(300, 2), at: '2026-11-26T12:00:00.000Z', byName: '赵六' },
  };
}

/**
 * A 收文处理笺 layout at the limits 设置 → 打印 accepts: a two-line title (38 characters with the
 * unit's name), the built-in boxes reordered, two boxes of the office's own with 8-character labels,
 * every line of the page's budget taken.
 */
export const CUSTOM_SLIP_UNIT = longText(24, 1);
export const CUSTOM_SLIP_LAYOUT: SlipLayout = {
  title: `${UNIT_NAME_PLACEHOLDER}收文办理呈批单（机要件专用）`,
  rows: [
    { kind: 'instruction', lines: 3 },
    { kind: 'proposal', lines: 3 },
    { kind: 'extra', label: '办公室负责人核稿', lines: 2 },
    { kind: 'handling', lines: 3 },
    { kind: 'circulation', lines: SLIP_MAX_TOTAL_LINES - 13 },
    { kind: 'extra', label: '分管领导圈阅签批', lines: 2 },
  ],
};

/**
 * A 收文 with the registration the one-page budget plans for (slip-layout.ts: a classified mark, a
 * two-line 来文单位 (16 characters) and 标题 (44), a 份号) and a one-line 拟办意见 and 领导批示: printed at 批示, the
 * rest to be written by hand.
 */
export function budgetIncomingRecord(): IncomingRecord {
  const r = longestIncomingRecord();
  return {
    ...r,
    state: '已批示',
    fromUnit: longText(16, 1),
    docNumber: '某政办发〔2026〕1015号',
    title: longText(44, 0),
    proposal: { text: '拟请李局长阅示，由安全生产科牵头办理。', at: '2026-11-23T12:10:00.000Z', byName: '王秘书' },
    instruction: { leader: '李局长', text: '同意。请抓紧落实。', at: '2026-11-23T12:30:00.000Z', oral: false, recordedBy: '王秘书' },
    assignment: undefined,
    dueDate: undefined,
    circulation: [],
    result: undefined,
  };
}

export const INCOMING_PROOFS: Record<string, () => ReactElement> = {
  'incoming-register': () => <IncomingRegisterSheet rows={registerRows()} title={`${longText(60, 1)}收文登记簿`} filterText="年度：2026 状态：全部 密级：全部" />,
  'incoming-register-all': () => (
    <IncomingRegisterSheet rows={registerRows()} columns={REGISTER_COLUMN_KEYS} title={`${longText(60, 1)}收文登记簿`} filterText="年度：2026 状态：全部 密级：全部" />
  ),
  'incoming-slip': () => <IncomingSlip record={longestIncomingRecord()} unitName={longText(40, 1)} />,
  'incoming-slip-custom': () => <IncomingSlip record={budgetIncomingRecord()} unitName={CUSTOM_SLIP_UNIT} layout={CUSTOM_SLIP_LAYOUT} />,
};
