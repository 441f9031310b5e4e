import { describe, expect, test } from 'vitest';
import { incomingRegisterEntries, registerIncoming } from '../../../renderer/db/repositories/incoming';
import { REGISTER_COLUMN_KEYS, REGISTER_COLUMNS, registerCellText } from '../../../shared/domain/incoming-register';
import type { Registration } from '../../../shared/domain/incoming-types';
import { staffedOffice } from './helpers';

// The 收文登记簿's lines as the repository gives them to the print page: in the list's order,
// each built for the reader (a classified record outside the need to know from its masked view).

const base: Registration = {
  receivedDate: '2026-11-20',
  fromUnit: '县财政局',
  docNumber: '县财发〔2026〕12号',
  title: '关于做好年终财务决算工作的通知',
  docType: '通知',
  classification: '非密',
  copies: 2,
  pages: 3,
  urgency: '普通',
  signedBy: '张秘书',
  handling: '办件',
};

describe('incomingRegisterEntries', () => {
  test('the 秘书 gets every field; a 工作人员 outside the need to know gets the classified line masked', async () => {
    const { db, clerk, outsider } = await staffedOffice();
    await registerIncoming(db, clerk, { ...base, writtenDate: '2026-11-18' });
    await registerIncoming(db, clerk, { ...base, docNumber: '县保发〔2026〕7号', title: '关于开展年度保密检查的通知', fromUnit: '县国家保密局', classification: '机密', copyNumber: '12', docType: '决定', pages: 47 });
    const q = { sort: { field: 'serial' as const, direction: 'ascend' as const } };

    const clerkLines = (await incomingRegisterEntries(db, clerk, q, '2026-11-23')).map((e) => e.line);
    expect(clerkLines.map((l) => [l.serial, l.masked, l.docType, l.copyNumber, l.pages, l.signedBy, l.writtenDate])).toEqual([
      ['收〔2026〕0001', false, '通知', undefined, 3, '张秘书', '2026-11-18'],
      ['收〔2026〕0002', false, '决定', '000012', 47, '张秘书', undefined],
    ]);

    const entries = await incomingRegisterEntries(db, outsider, q, '2026-11-23');
    // The output log names the records by number and 密级 only.
    expect(entries.map((e) => [e.ref.serial, e.ref.classification])).toEqual([
      ['收〔2026〕0001', '非密'],
      ['收〔2026〕0002', '机密'],
    ]);
    const [open, secret] = entries.map((e) => e.line);
    expect(open!.masked).toBe(false);
    expect(secret!.masked).toBe(true);
    const printed = REGISTER_COLUMN_KEYS.map((k) => `${REGISTER_COLUMNS[k].label}=${registerCellText(k, secret!, 1)}`).join(' ');
    expect(printed).toContain('标题=【涉密】');
    expect(printed).toContain('份数=2');
    for (const hidden of ['县国家保密局', '县保发', '年度保密检查', '决定', '000012', '47', '张秘书']) expect(printed).not.toContain(hidden);
    // Even the line handed to the print holds none of it.
    expect(JSON.stringify(secret)).not.toMatch(/县国家保密局|县保发|年度保密检查|000012|张秘书/);
  });
});
