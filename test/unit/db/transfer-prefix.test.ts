import { describe, expect, test } from 'vitest';
import type { WenshuDB } from '../../../renderer/db/database';
import { registerIncoming, saveNumberingSettings } from '../../../renderer/db/repositories/incoming';
import { buildTransferPackage, importTransferPackage, openTransferPackage, previewTransferPackage } from '../../../renderer/db/repositories/transfer';
import type { Actor } from '../../../renderer/db/types';
import type { Registration } from '../../../shared/domain/incoming-types';
import { DEFAULT_INCOMING_PATTERN } from '../../../shared/domain/numbering';
import { addUser, freshDb, setUpOffice } from './helpers';

// 迁移包 between two PCs of one office that have a 本机编号前缀 (issue #20): a record whose number
// the receiver already holds is renumbered in the RECEIVER's own series — with its prefix, whatever
// prefix the sender's number had — and its number kept as 原编号; numbers that do not collide stay.

const T = new Date(2026, 10, 23, 10, 0);
const T_IMPORT = new Date(2026, 10, 25, 9, 0);

const doc = (n: number): Registration => ({
  receivedDate: '2026-11-20',
  fromUnit: '县财政局',
  docNumber: `县财发〔2026〕${n}号`,
  title: `关于第${n}项工作的通知`,
  docType: '通知',
  classification: '非密',
  copies: 1,
  pages: 3,
  urgency: '普通',
  signedBy: '张秘书',
  handling: '办件',
});

async function setPrefix(db: WenshuDB, admin: Actor, seriesPrefix: string): Promise<void> {
  await saveNumberingSettings(db, admin, { incomingPattern: DEFAULT_INCOMING_PATTERN, seriesPrefix }, T);
}

/** A PC of the office: its 系统管理员 and a 秘书 who is also the 保密员; registers under each prefix in turn ('' = none). */
async function pcWith(prefixes: readonly string[], first: number) {
  const db = freshDb();
  const admin = await setUpOffice(db);
  const chief = await addUser(db, admin, 'chief', ['秘书', '安全保密管理员']);
  const serials: string[] = [];
  let n = first;
  for (const p of prefixes) {
    if (p) await setPrefix(db, admin, p);
    serials.push((await registerIncoming(db, chief, doc(n++), {}, T)).serial);
  }
  return { db, admin, chief, serials };
}

describe('迁移包 with 本机编号前缀', { timeout: 120_000 }, () => {
  test('a colliding number is renumbered in the receiver\'s prefixed series (from no prefix, and from another prefix), 原编号 kept; the rest keep theirs', async () => {
    // Sender: 收〔2026〕0001 from before the prefixes, then C-0001 and C-0002.
    const s = await pcWith(['', 'C', 'C'], 1);
    expect(s.serials).toEqual(['收〔2026〕0001', '收〔2026〕C-0001', '收〔2026〕C-0002']);
    // Receiver: its own 0001, a C-0001 from when it was (wrongly) set to C too, then B-0001.
    const r = await pcWith(['', 'C', 'B'], 100);
    expect(r.serials).toEqual(['收〔2026〕0001', '收〔2026〕C-0001', '收〔2026〕B-0001']);

    const ids = (await s.db.incoming.toArray()).map((x) => x.id);
    const prepared = await buildTransferPackage(s.db, s.chief, { incoming: ids }, { purpose: '本单位其他计算机', recipient: '本单位' }, T);
    const opened = await openTransferPackage(prepared.bytes, prepared.passphrase);
    const preview = await previewTransferPackage(r.db, r.chief, opened, {}, undefined, T_IMPORT);
    // C-0002 is free here: kept. 0001 and C-0001 are held here: the next two of B's series (in the package's order), 原编号 shown.
    expect(preview.rows.find((x) => x.number === '收〔2026〕C-0002')).toMatchObject({ status: '新增' });
    expect(preview.rows.find((x) => x.number === '收〔2026〕C-0002')!.renumberedFrom).toBeUndefined();
    const renumbered = preview.rows.filter((x) => x.renumberedFrom);
    expect(renumbered.map((x) => x.status)).toEqual(['新增', '新增']);
    expect(renumbered.map((x) => x.renumberedFrom).sort()).toEqual(['收〔2026〕0001', '收〔2026〕C-0001']);
    expect(renumbered.map((x) => x.number).sort()).toEqual(['收〔2026〕B-0002', '收〔2026〕B-0003']);

    await importTransferPackage(r.db, r.chief, opened, T_IMPORT);
    const came = await r.db.incoming.bulkGet(ids);
    // What the preview showed is what each got; the sender's number kept as 原编号.
    for (const x of preview.rows) {
      const got = came.find((c) => c!.id === x.id)!;
      expect([got.serial, got.legacyNumber]).toEqual([x.number, x.renumberedFrom]);
    }
    // The B counter moved past what the import took: the next registration here is B-0004.
    expect((await registerIncoming(r.db, r.chief, doc(200), {}, T_IMPORT)).serial).toBe('收〔2026〕B-0004');
  });
});
