import { describe, expect, test } from 'vitest';
import { fileRecords, getFilingSettings, saveFilingSettings } from '../../../renderer/db/repositories/filing';
import { getNumberingSettings, registerIncoming, saveNumberingSettings } from '../../../renderer/db/repositories/incoming';
import { buildTransferPackage, importTransferPackage, openTransferPackage, previewTransferPackage } from '../../../renderer/db/repositories/transfer';
import { baseRegistration, filingOffice, finishedIncoming } from '../../fixtures/filing';

// 迁移包 本单位其他计算机 (issue #20): two standalone PCs of one office, each with its own series prefix
// (设置 → 编号规则: B and C), exchange records: every number is kept (C's 收〔2026〕C-0001 is not B's
// 收〔2026〕B-0001), B's own counter is untouched, and a filed record arrives with its 档号 and its
// 归档文件目录 entry.

const T = new Date(2026, 11, 1, 9, 0);
const T_EXPORT = new Date(2026, 11, 2, 9, 0);
const T_IMPORT = new Date(2026, 11, 3, 9, 0);

async function pcWithPrefix(prefix: string) {
  const o = await filingOffice();
  await saveNumberingSettings(o.db, o.admin, { ...(await getNumberingSettings(o.db)), seriesPrefix: prefix }, T);
  return o;
}

describe('迁移包 本单位其他计算机', { timeout: 180_000 }, () => {
  test('prefixes B and C: every number kept, the receiver\'s own counter untouched; a filed record keeps its 档号 and arrives with its catalogue entry', async () => {
    const c = await pcWithPrefix('C');
    const filed = await finishedIncoming(c.db, c.clerk, { id: c.dept.id, name: c.dept.name });
    const open = await registerIncoming(c.db, c.clerk, { ...baseRegistration, docNumber: '县财发〔2026〕501号' }, {}, T);
    expect([filed.serial, open.serial]).toEqual(['收〔2026〕C-0001', '收〔2026〕C-0002']);
    await saveFilingSettings(c.db, c.clerk, { ...(await getFilingSettings(c.db)), defaultOrgCode: 'BGS' }, T);
    const [entry] = await fileRecords(c.db, c.clerk, 2026, [{ kind: '收文', recordId: filed.id, orgCode: 'BGS', retention: '永久' }], T);
    const prepared = await buildTransferPackage(c.db, c.clerk, { incoming: [filed.id, open.id] }, { purpose: '本单位其他计算机', recipient: '办公室 B 机' }, T_EXPORT);

    const b = await pcWithPrefix('B');
    const own = await registerIncoming(b.db, b.clerk, { ...baseRegistration, docNumber: '县财发〔2026〕601号' }, {}, T);
    expect(own.serial).toBe('收〔2026〕B-0001');
    const opened = await openTransferPackage(prepared.bytes, prepared.passphrase);
    expect(opened.package.archive).toHaveLength(1);
    const preview = await previewTransferPackage(b.db, b.clerk, opened, {}, undefined, T_IMPORT);
    expect(preview.rows.map((r) => [r.number, r.status, r.renumberedFrom])).toEqual([
      [filed.serial, '新增', undefined],
      [open.serial, '新增', undefined],
    ]);
    expect(preview.archive).toEqual({ total: 1, toAdd: 1, conflicts: [] });
    await importTransferPackage(b.db, b.clerk, opened, T_IMPORT);
    expect((await b.db.incoming.get(filed.id))!.serial).toBe('收〔2026〕C-0001');
    expect((await b.db.incoming.get(filed.id))!.filed).toEqual(filed.filed ?? (await c.db.incoming.get(filed.id))!.filed);
    expect(await b.db.archive.get(entry!.id)).toEqual(entry);
    // Each prefix its own counter: B's next is B-0002; C's counter here stands at C's numbers.
    expect((await registerIncoming(b.db, b.clerk, { ...baseRegistration, docNumber: '县财发〔2026〕602号' }, {}, T_IMPORT)).serial).toBe('收〔2026〕B-0002');
    expect((await b.db.counters.get('收文@C|2026'))!.last).toBe(2);
    // The 件号 counter of the class moved past the entry: B's next 归档 there never reuses its 档号.
    expect((await b.db.counters.get('归档:BGS:Y|2026'))!.last).toBe(entry!.itemNo);
  });
});
