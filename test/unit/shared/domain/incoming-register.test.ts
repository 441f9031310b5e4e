import { describe, expect, test } from 'vitest';
import {
  DEFAULT_REGISTER_COLUMNS,
  incomingRegisterSettingsSchema,
  orderedRegisterColumns,
  REGISTER_COLUMN_KEYS,
  REGISTER_COLUMNS,
  registerCellText,
  registerLine,
} from '../../../../shared/domain/incoming-register';
import type { IncomingRecord } from '../../../../shared/domain/incoming-types';
import { GENERIC_SETTING_KEYS, SETTINGS } from '../../../../shared/domain/settings-schemas';

// The 收文登记簿's columns: what each prints of a record, and of a record outside the reader's
// need to know (nothing but what maskIncoming keeps: number, dates, 密级 level, 份数, 紧急程度,
// 办件/阅件, state, 办理时限, 办结日期).

const SECRET_TEXTS = ['县国家保密局', '县保发〔2026〕7号', '关于开展年度保密检查的通知', '决定', '000012', '2026-11-18', '王秘书', '保密科', '条件：项目验收后'];

function record(): IncomingRecord {
  return {
    id: 'r1',
    year: 2026,
    seq: 12,
    serial: '收〔2026〕0012',
    state: '已办结',
    receivedDate: '2026-11-20',
    fromUnit: '县国家保密局',
    docNumber: '县保发〔2026〕7号',
    title: '关于开展年度保密检查的通知',
    docType: '决定',
    classification: '机密',
    secrecyTerm: { kind: 'condition', condition: '条件：项目验收后' },
    copyNumber: '000012',
    copies: 3,
    pages: 47,
    urgency: '加急',
    writtenDate: '2026-11-18',
    signedBy: '王秘书',
    handling: '办件',
    duplicateKey: '',
    namedUserIds: ['u1'],
    circulation: [],
    reminders: [],
    assignment: { host: { id: 'd1', name: '保密科' }, cooperating: [], at: '2026-11-21T02:00:00.000Z' },
    dueDate: '2026-11-30',
    history: [
      { action: '登记', at: '2026-11-20T01:00:00.000Z', byId: 'u0', byName: '王秘书' },
      // 23:30 UTC is 07:30 the next morning in Beijing: the 办结日期 is the local day.
      { action: '办结', at: '2026-11-27T23:30:00.000Z', byId: 'u1', byName: '赵科长', note: '已检查' },
    ],
    createdAt: '2026-11-20T01:00:00.000Z',
    updatedAt: '2026-11-27T23:30:00.000Z',
  };
}

const texts = (masked: boolean) => Object.fromEntries(REGISTER_COLUMN_KEYS.map((k) => [REGISTER_COLUMNS[k].label, registerCellText(k, registerLine(record(), masked), 4)]));

describe('收文登记簿 columns', () => {
  test('a record the reader may see: every column', () => {
    expect(texts(false)).toEqual({
      序号: '5',
      收文编号: '收〔2026〕0012',
      收文日期: '2026-11-20',
      来文单位: '县国家保密局',
      来文字号: '县保发〔2026〕7号',
      标题: '关于开展年度保密检查的通知',
      文种: '决定',
      密级: '机密★条件：项目验收后',
      份号: '000012',
      份数: '3',
      页数: '47',
      紧急程度: '加急',
      成文日期: '2026-11-18',
      签收人: '王秘书',
      '办件/阅件': '办件',
      承办单位: '保密科',
      办理时限: '2026-11-30',
      状态: '已办结',
      办结日期: expect.stringMatching(/^2026-11-2[78]$/),
    });
  });

  test('outside the need to know: 标题 【涉密】, every column that could reveal content blank', () => {
    const masked = texts(true);
    expect(masked).toEqual({
      序号: '5',
      收文编号: '收〔2026〕0012',
      收文日期: '2026-11-20',
      来文单位: '',
      来文字号: '',
      标题: '【涉密】',
      文种: '',
      密级: '机密',
      份号: '',
      份数: '3',
      页数: '',
      紧急程度: '加急',
      成文日期: '',
      签收人: '',
      '办件/阅件': '办件',
      承办单位: '',
      办理时限: '2026-11-30',
      状态: '已办结',
      办结日期: texts(false).办结日期,
    });
    const all = JSON.stringify(masked);
    for (const secret of SECRET_TEXTS) expect(all).not.toContain(secret);
  });

  test('the sheet masks by itself too: a line marked masked never prints its content columns', () => {
    const line = { ...registerLine(record(), false), masked: true };
    for (const k of REGISTER_COLUMN_KEYS) {
      const text = registerCellText(k, line, 0);
      for (const secret of SECRET_TEXTS) expect(text, k).not.toContain(secret);
    }
  });

  test('the office set: unknown columns refused, 收文编号 required, kept in the register’s order, each once', () => {
    expect(incomingRegisterSettingsSchema.parse({ columns: ['title', 'serial', 'title', 'index'] }).columns).toEqual(['index', 'serial', 'title']);
    expect(incomingRegisterSettingsSchema.safeParse({ columns: ['title'] }).error?.issues[0]?.message).toBe('收文编号必须打印');
    expect(incomingRegisterSettingsSchema.safeParse({ columns: ['serial', 'summary'] }).success).toBe(false);
    expect(orderedRegisterColumns(['state', 'title'])).toEqual(['serial', 'title', 'state']);
  });

  test('the setting: saved by the generic command, owned by whoever keeps the register (incoming.process), default set as issue #15 asks', () => {
    expect(GENERIC_SETTING_KEYS).toContain('incomingRegister');
    expect(SETTINGS.incomingRegister.owner).toBe('incoming.process');
    expect(SETTINGS.incomingRegister.default.columns).toEqual(DEFAULT_REGISTER_COLUMNS);
    for (const added of ['docType', 'copies', 'pages', 'signedBy'] as const) expect(DEFAULT_REGISTER_COLUMNS).toContain(added);
    expect(SETTINGS.incomingRegister.audit!({ columns: ['serial', 'title'] }).summary).toBe('收文登记簿打印列：收文编号、标题');
  });
});
