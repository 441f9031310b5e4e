import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { defineCommand } from '../../../renderer/db/commands/define';
import { runCommand } from '../../../renderer/db/commands/execute';
import type { WenshuDB } from '../../../renderer/db/database';
import { peekRegisterNumber, takeRegisterNumber } from '../../../renderer/db/numbering';
import { getNumberingSettings, importIncoming, previewSerial, registerIncoming, saveNumberingSettings } from '../../../renderer/db/repositories/incoming';
import { registerCarrier } from '../../../renderer/db/repositories/carriers';
import { createManualTask } from '../../../renderer/db/repositories/supervision';
import { createMeetingRecord, issueMeetingMinutes, previewMinutesNumber, saveMinutes } from '../../../renderer/db/repositories/meetings';
import type { Actor } from '../../../renderer/db/types';
import { DEFAULT_INCOMING_PATTERN } from '../../../shared/domain/numbering';
import { RuleError } from '../../../shared/domain/rule-error';
import { baseRegistration } from '../../fixtures/filing';
import { meetingInput, minutesInput } from '../../fixtures/meetings';
import { carrierOffice } from './helpers';

// 本机编号前缀 (issue #20) through the repositories: every register that takes a number takes it
// from takeRegisterNumber, in this PC's prefix, on the prefix's own gap-free counter.

const T = new Date(2026, 10, 20, 10, 0); // Friday 2026-11-20, local

async function setPrefix(db: WenshuDB, admin: Actor, seriesPrefix?: string): Promise<void> {
  await saveNumberingSettings(db, admin, { incomingPattern: DEFAULT_INCOMING_PATTERN, ...(seriesPrefix !== undefined ? { seriesPrefix } : {}) }, T);
}

let docNo = 0;
async function register(db: WenshuDB, clerk: Actor, over: Partial<typeof baseRegistration> = {}) {
  return registerIncoming(db, clerk, { ...baseRegistration, docNumber: `县财发〔2026〕${++docNo}号`, ...over }, {}, T);
}

/** The transfer's use: a number of this PC's series for a record's own year, taken in a command, that may fail. */
const renumber = defineCommand({
  name: 'test.renumber',
  input: z.object({ year: z.number(), fail: z.boolean() }),
  permission: null,
  tables: ['counters'],
  run: async ({ db, put, audit }, { year, fail }) => {
    const n = await takeRegisterNumber(db, '收文', year, { put });
    audit({ action: '测试改号', entityType: '收文', entityId: n.serial, summary: n.serial });
    if (fail) throw new Error('保存失败');
    return n;
  },
});

describe('本机编号前缀', () => {
  test('the setting: typed in lower case it is stored upper case; a bad one is refused beside its field, nothing changes', async () => {
    const { db, admin } = await carrierOffice();
    await setPrefix(db, admin, 'b');
    expect(await getNumberingSettings(db)).toEqual({ incomingPattern: DEFAULT_INCOMING_PATTERN, seriesPrefix: 'B' });
    const before = await db.settings.get('numbering');
    const refused = await setPrefix(db, admin, 'B-2').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RuleError);
    expect(refused).toMatchObject({ field: 'seriesPrefix', message: '本机编号前缀为 1–3 位大写字母或数字，如 B' });
    expect(await db.settings.get('numbering')).toEqual(before);
  });

  test('收文, their carriers, 载体, 督办 and 纪要 carry the prefix, each prefix counting from 1 without gaps', async () => {
    const { db, admin, clerk, baomi, carrierInput } = await carrierOffice();
    // Numbers taken before a prefix was set stay as they are, on today's counters.
    expect((await register(db, clerk)).serial).toBe('收〔2026〕0001');
    await setPrefix(db, admin, 'B');
    expect(await previewSerial(db, '2026-11-20')).toBe('收〔2026〕B-0001');
    expect((await register(db, clerk)).serial).toBe('收〔2026〕B-0001');
    const secret = await register(db, clerk, { classification: '秘密', copies: 2, copyNumber: '000003' });
    expect(secret).toMatchObject({ serial: '收〔2026〕B-0002', year: 2026, seq: 2 });
    const carriers = await db.carriers.bulkGet(secret.carrierIds!);
    expect(carriers.map((c) => c!.serial).sort()).toEqual(['载〔2026〕B-0001', '载〔2026〕B-0002']);
    expect((await registerCarrier(db, baomi, carrierInput, T)).serial).toBe('载〔2026〕B-0003');
    expect((await createManualTask(db, clerk, { assignedBy: '张县长', content: '清理拖欠企业账款', unit: '县财政局', person: '王局长', dueDate: '2026-12-10' }, T)).serial).toBe('督〔2026〕B-0001');

    // PC C's numbers: its own counters from 1, whatever B took.
    await setPrefix(db, admin, 'C');
    expect((await register(db, clerk)).serial).toBe('收〔2026〕C-0001');
    expect((await registerCarrier(db, baomi, carrierInput, T)).serial).toBe('载〔2026〕C-0001');
    // Back to B: B's run goes on where it stopped; without a prefix, today's run where it stopped.
    await setPrefix(db, admin, 'B');
    expect((await register(db, clerk)).serial).toBe('收〔2026〕B-0003');
    await setPrefix(db, admin, '');
    expect((await register(db, clerk)).serial).toBe('收〔2026〕0002');
    expect(Object.fromEntries((await db.counters.toArray()).map((c) => [c.key, c.last]))).toEqual({
      '收文|2026': 2,
      '收文@B|2026': 3,
      '收文@C|2026': 1,
      '载体@B|2026': 3,
      '载体@C|2026': 1,
      '督办@B|2026': 1,
    });
  });

  test('纪要: the preview and the issue carry the prefix (第B-1期), its 督办 tasks too', async () => {
    const { db, admin, clerk } = await carrierOffice();
    await setPrefix(db, admin, 'B');
    const m = await createMeetingRecord(db, clerk, meetingInput(), T);
    await saveMinutes(db, clerk, m.id, minutesInput(), new Date(2026, 10, 27, 16, 0));
    expect(await previewMinutesNumber(db, m)).toBe('第B-1期');
    const { meeting, tasks } = await issueMeetingMinutes(db, clerk, m.id, new Date(2026, 10, 30, 10, 0));
    expect(meeting.issued).toMatchObject({ number: '第B-1期', year: 2026, seq: 1 });
    expect(tasks.map((t) => t.serial)).toEqual(['督〔2026〕B-0001', '督〔2026〕B-0002']);
    expect(await db.counters.get('纪要:常务会议@B|2026')).toMatchObject({ last: 1 });
    expect(await db.counters.get('纪要:常务会议|2026')).toBeUndefined();
  });

  test('the legacy import numbers in the prefix’s series, after what that PC already numbered', async () => {
    const { db, admin, clerk } = await carrierOffice();
    await setPrefix(db, admin, 'C');
    await register(db, clerk);
    const rows = [3, 1, 2].map((d, i) => ({
      rowNumber: i + 2,
      registration: { ...baseRegistration, receivedDate: `2026-10-0${d}`, docNumber: `县教发〔2026〕${d}号`, ...(d === 2 ? { classification: '机密' as const, copyNumber: '000001' } : {}) },
      legacyNumber: `旧${d}`,
    }));
    const made = await importIncoming(db, clerk, rows, T);
    expect(made.map((r) => [r.legacyNumber, r.serial])).toEqual([
      ['旧1', '收〔2026〕C-0002'],
      ['旧2', '收〔2026〕C-0003'],
      ['旧3', '收〔2026〕C-0004'],
    ]);
    expect((await db.carriers.toArray()).map((c) => c.serial)).toEqual(['载〔2026〕C-0001']);
    expect(await db.counters.get('收文|2026')).toBeUndefined();
  });

  test('takeRegisterNumber for the 迁移包: the record’s year, this PC’s series, a failed save hands the number back', async () => {
    const { db, admin } = await carrierOffice();
    await setPrefix(db, admin, 'B');
    expect(await peekRegisterNumber(db, '收文', 2025)).toBe('收〔2025〕B-0001');
    expect(await runCommand(db, admin, renumber, { year: 2025, fail: false }, T)).toEqual({ seq: 1, serial: '收〔2025〕B-0001', series: '收文@B', prefix: 'B', year: 2025 });
    await expect(runCommand(db, admin, renumber, { year: 2025, fail: true }, T)).rejects.toThrow('保存失败');
    expect((await runCommand(db, admin, renumber, { year: 2025, fail: false }, T)).serial).toBe('收〔2025〕B-0002');
    // A preview may show another prefix (the settings form, before saving): it takes nothing.
    expect(await peekRegisterNumber(db, '收文', 2025, { prefix: 'C' })).toBe('收〔2025〕C-0001');
    expect(await db.counters.get('收文@C|2025')).toBeUndefined();
  });
});
