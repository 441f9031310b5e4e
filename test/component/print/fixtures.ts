import type { IncomingRecord } from '../../../shared/domain/incoming-types';
import type { RegisterSheetRow } from '../../../renderer/print/index';

// Times are at 12:xx UTC, so the local day is the same in every time zone a test may run in.

/** A 机密 加急 record that went the whole procedure: every box of the slip has something in it. */
export function fullRecord(): IncomingRecord {
  return {
    id: 'r1',
    year: 2026,
    seq: 1,
    serial: '收〔2026〕0001',
    state: '已办结',
    receivedDate: '2026-11-23',
    fromUnit: '某某省人民政府办公厅',
    docNumber: '某政办发〔2026〕15号',
    title: '关于做好2026年度安全生产大检查工作的通知',
    docType: '通知',
    classification: '机密',
    secrecyTerm: { kind: 'years', years: 20 },
    copyNumber: '000012',
    copies: 3,
    pages: 12,
    urgency: '加急',
    signedBy: '王秘书',
    handling: '办件',
    duplicateKey: '某某省人民政府办公厅|某政办发〔2026〕15号',
    namedUserIds: ['u9', 'u1', 'u2'],
    history: [],
    reminders: [],
    createdAt: '2026-11-23T12:00:00.000Z',
    updatedAt: '2026-11-26T12:00:00.000Z',
    proposal: { text: '拟请李局长阅示，由安全生产科牵头办理。', at: '2026-11-23T12:10:00.000Z', byName: '王秘书' },
    instruction: {
      leader: '李局长',
      text: '同意。请抓紧落实，三日内报送方案。',
      at: '2026-11-23T12:00:00.000Z',
      oral: true,
      recordedBy: '王秘书',
    },
    assignment: {
      host: { id: 'd1', name: '安全生产科' },
      cooperating: [
        { id: 'd2', name: '办公室' },
        { id: 'd3', name: '财务科' },
      ],
      person: { userId: 'u9', name: '赵六' },
      deadline: { kind: 'workdays', days: 3 },
      at: '2026-11-23T12:00:00.000Z',
    },
    dueDate: '2026-11-26',
    circulation: [
      { userId: 'u1', name: '张三', sentAt: '2026-11-24T12:00:00.000Z', readAt: '2026-11-24T12:20:00.000Z' },
      { userId: 'u2', name: '李四', sentAt: '2026-11-24T12:00:00.000Z' },
      { userId: 'u3', name: '王五', sentAt: '2026-11-24T12:00:00.000Z' },
    ],
    result: { text: '已制定工作方案并报送。', at: '2026-11-26T12:00:00.000Z', byName: '赵六' },
  };
}

/** Just registered: nothing but the registration. */
export function freshRecord(): IncomingRecord {
  return {
    ...fullRecord(),
    id: 'r2',
    serial: '收〔2026〕0002',
    state: '已登记',
    classification: '非密',
    secrecyTerm: undefined,
    copyNumber: undefined,
    urgency: '普通',
    proposal: undefined,
    instruction: undefined,
    assignment: undefined,
    dueDate: undefined,
    circulation: [],
    result: undefined,
    namedUserIds: [],
  };
}

export function registerRows(count: number): RegisterSheetRow[] {
  return Array.from({ length: count }, (_, i) => ({
    serial: `收〔2026〕${String(i + 1).padStart(4, '0')}`,
    receivedDate: '2026-11-23',
    fromUnit: `来文单位${i + 1}`,
    docNumber: `某发〔2026〕${i + 1}号`,
    title: `标题文字${i + 1}`,
    classification: i === 1 ? '机密' : '非密',
    secrecyTerm: i === 1 ? { kind: 'years', years: 20 } : null,
    urgency: i === 0 ? '特急' : '普通',
    state: '承办中',
    dueDate: i === 0 ? '2026-11-26' : undefined,
    hostDeptName: '办公室',
    docType: '通知',
    copies: 2,
    pages: 3,
    signedBy: '张秘书',
    masked: i === 1,
  }));
}
