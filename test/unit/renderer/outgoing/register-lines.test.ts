import { describe, expect, it } from 'vitest';
import { inLedgerOrder } from '../../../../renderer/features/outgoing/register-lines';

// The printed 发文登记簿 (and its XLSX) run in 文号 order, as a ledger does, whatever order the
// screen lists them in.

const row = (id: string, createdAt: string, seriesId: string, year?: number, seq?: number) => ({ id, createdAt, seriesId, ...(year !== undefined ? { year } : {}), ...(seq !== undefined ? { seq } : {}) });

describe('inLedgerOrder', () => {
  it('numbered 发文 by year, 发文字号 in the settings order and number; the unnumbered after them, as drafted', () => {
    const rows = [
      row('draft-late', '2026-03-02T00:00:00Z', 'fa'),
      row('fa-2026-2', '2026-02-01T00:00:00Z', 'fa', 2026, 2),
      row('han-2026-1', '2026-01-05T00:00:00Z', 'han', 2026, 1),
      row('fa-2025-9', '2025-12-30T00:00:00Z', 'fa', 2025, 9),
      row('draft-early', '2026-03-01T00:00:00Z', 'han'),
      row('fa-2026-10', '2026-01-01T00:00:00Z', 'fa', 2026, 10),
      row('fa-2026-1', '2026-03-03T00:00:00Z', 'fa', 2026, 1),
    ];
    expect(inLedgerOrder(rows, ['fa', 'han']).map((r) => r.id)).toEqual(['fa-2025-9', 'fa-2026-1', 'fa-2026-2', 'fa-2026-10', 'han-2026-1', 'draft-early', 'draft-late']);
    // A series the settings no longer list goes after those they do, within its year.
    expect(inLedgerOrder(rows, ['han']).map((r) => r.id).slice(0, 5)).toEqual(['fa-2025-9', 'han-2026-1', 'fa-2026-1', 'fa-2026-2', 'fa-2026-10']);
    expect(rows[0]!.id).toBe('draft-late'); // the input is not reordered in place
  });
});
