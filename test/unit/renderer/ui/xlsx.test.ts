import { readFileSync } from 'node:fs';
// fflate is what both spreadsheet libraries zip with; here only to look inside the files we write.
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/universal';
import { cellText, guessMapping, locateHeader, validateImportRows } from '../../../../shared/domain/incoming-import';
import {
  MASK_TEXT,
  NOT_XLSX_MESSAGE,
  NotXlsxError,
  REGISTER_COLUMNS,
  WORKER_BLOCKED_MESSAGE,
  buildRegisterXlsx,
  failOnBlockedWorker,
  readWorkbook,
  type RegisterExportRow,
} from '../../../../renderer/ui/xlsx';
import { LEGACY_HEADERS, makeLegacyRegisterXlsx } from '../../../fixtures/legacy-register';

function seededBytes(n: number, seed = 7): Uint8Array {
  let x = seed;
  return Uint8Array.from({ length: n }, () => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return x & 0xff;
  });
}

describe('readWorkbook', () => {
  it('reads every sheet with its name, cells from A1, date cells as UTC midnight', async () => {
    const blob = await writeXlsxFile([
      { sheet: '2025年', data: [['收文日期', '标题'], [{ value: new Date(Date.UTC(2025, 11, 31)), type: Date, format: 'yyyy-mm-dd' }, '关于年终总结的通知']] },
      { sheet: '2026年', data: [[null, null], [null, 'B2', 3, true]] },
    ]).toBlob();
    const { sheets } = await readWorkbook(new Uint8Array(await blob.arrayBuffer()));
    expect(sheets.map((s) => s.name)).toEqual(['2025年', '2026年']);
    expect(sheets[0]?.rows).toEqual([
      ['收文日期', '标题'],
      [new Date(Date.UTC(2025, 11, 31)), '关于年终总结的通知'],
    ]);
    expect(sheets[1]?.rows).toEqual([
      [null, null, null, null],
      [null, 'B2', 3, true],
    ]);
  });

  it('reads a view into a larger buffer (only the bytes of the view)', async () => {
    const file = await makeLegacyRegisterXlsx({ rows: 3 });
    const big = new Uint8Array(file.length + 20);
    big.set(file, 10);
    const { sheets } = await readWorkbook(big.subarray(10, 10 + file.length));
    expect(sheets[0]?.rows[0]).toEqual([...LEGACY_HEADERS]);
    expect(sheets[0]?.rows).toHaveLength(4);
  });

  const notXlsx: [string, () => Promise<Uint8Array>][] = [
    ['random bytes', async () => seededBytes(4096)],
    ['a UTF-8 CSV', async () => new TextEncoder().encode('收文号,收文日期,来文单位,标题\n1,2026-07-01,县财政局,关于做好预算编制工作的通知\n')],
    ['a UTF-8 CSV with BOM', async () => new TextEncoder().encode('\uFEFF收文号,标题\n1,x\n')],
    ['a text file', async () => new TextEncoder().encode(readFileSync(new URL('../../../../README.md', import.meta.url), 'utf8'))],
    ['an empty file', async () => new Uint8Array()],
    ['an old .xls (OLE2)', async () => Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...seededBytes(2040)])],
    ['a truncated .xlsx', async () => (await makeLegacyRegisterXlsx({ rows: 5 })).slice(0, 200)],
    [
      'a damaged .xlsx',
      async () => {
        const bytes = await makeLegacyRegisterXlsx({ rows: 5 });
        bytes.fill(0x41, 100, bytes.length - 100);
        return bytes;
      },
    ],
  ];

  it.each(notXlsx)('refuses %s with a plain message', async (_name, make) => {
    const error = await readWorkbook(await make()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotXlsxError);
    expect((error as Error).message).toBe(NOT_XLSX_MESSAGE);
    expect(NOT_XLSX_MESSAGE).toBe('这不是 Excel 工作簿（.xlsx）文件，无法读取');
  });

  it('tells an old .xls apart, so the UI can suggest 另存为 .xlsx', async () => {
    const error = await readWorkbook(Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0])).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotXlsxError);
    expect((error as NotXlsxError).legacyXls).toBe(true);
  });

  it('reads an empty sheet as no rows', async () => {
    const blob = await writeXlsxFile([[]], { sheet: '空表' }).toBlob();
    const { sheets } = await readWorkbook(new Uint8Array(await blob.arrayBuffer()));
    expect(sheets).toEqual([{ name: '空表', rows: [] }]);
  });
});

describe('buildRegisterXlsx', () => {
  const savedTz = process.env.TZ;
  afterEach(() => {
    process.env.TZ = savedTz;
  });

  const rows: RegisterExportRow[] = [
    {
      id: 'a',
      serial: '收〔2026〕0001',
      receivedDate: '2026-07-01',
      fromUnit: '县财政局',
      docNumber: '县财发〔2026〕12号',
      title: '关于做好2027年预算编制工作的通知',
      classification: '非密',
      urgency: '普通',
      state: '已登记',
    },
    {
      // An IncomingRecord-like row: 承办单位 from the assignment, 密级 with its term.
      id: 'b',
      serial: '收〔2026〕0002',
      receivedDate: '2026-07-02',
      fromUnit: '市人民政府办公室',
      docNumber: '市政办发〔2026〕3号',
      title: '关于加强汛期值班工作的通知',
      classification: '机密',
      secrecyTerm: { kind: 'years', years: 20 },
      urgency: '特急',
      state: '承办中',
      dueDate: '2026-07-06',
      assignment: { host: { name: '办公室' } },
    },
    {
      // A list row already masked for the viewer.
      id: 'c',
      serial: '收〔2026〕0003',
      receivedDate: '2026-07-03',
      fromUnit: '',
      docNumber: '',
      title: MASK_TEXT,
      classification: '秘密',
      urgency: '加急',
      state: '传阅中',
      hostDeptName: '财务科',
      masked: true,
    },
  ];

  const HEADER = REGISTER_COLUMNS.map((c) => c.label);

  async function roundTrip(data: RegisterExportRow[], opts: Parameters<typeof buildRegisterXlsx>[1]) {
    const bytes = await buildRegisterXlsx(data, opts);
    const { sheets } = await readWorkbook(bytes);
    expect(sheets).toHaveLength(1);
    return { bytes, sheet: sheets[0]! };
  }

  it('writes the title, the header row and every cell, and reads back the same', async () => {
    const { sheet } = await roundTrip(rows, { title: '2026年收文登记簿' });
    expect(sheet.name).toBe('收文登记簿');
    expect(sheet.rows[0]?.[0]).toBe('2026年收文登记簿');
    expect(sheet.rows[1]).toEqual(HEADER);
    const body = sheet.rows.slice(2).map((r) => r.map(cellText));
    expect(body).toEqual([
      ['收〔2026〕0001', '2026-07-01', '县财政局', '县财发〔2026〕12号', '关于做好2027年预算编制工作的通知', '非密', '普通', '已登记', '', ''],
      ['收〔2026〕0002', '2026-07-02', '市人民政府办公室', '市政办发〔2026〕3号', '关于加强汛期值班工作的通知', '机密★20年', '特急', '承办中', '2026-07-06', '办公室'],
      ['收〔2026〕0003', '2026-07-03', '', '', MASK_TEXT, '秘密', '加急', '传阅中', '', '财务科'],
    ]);
    // Dates are real date cells (sortable in Excel), on the same calendar day.
    expect(sheet.rows[2]?.[1]).toEqual(new Date(Date.UTC(2026, 6, 1)));
    expect(sheet.rows[3]?.[8]).toEqual(new Date(Date.UTC(2026, 6, 6)));
  });

  it('masks rows named in maskedIds or by the callback: 【涉密】 title, blank 来文单位 and 来文字号', async () => {
    const byId = await roundTrip(rows, { title: 't', maskedIds: new Set(['b']) });
    expect(byId.sheet.rows[3]?.map(cellText)).toEqual(['收〔2026〕0002', '2026-07-02', '', '', MASK_TEXT, '机密★20年', '特急', '承办中', '2026-07-06', '办公室']);
    expect(byId.sheet.rows[2]?.[4]).toBe('关于做好2027年预算编制工作的通知');
    const byCallback = await roundTrip(rows, { title: 't', mask: (r) => r.classification !== '非密' });
    expect(byCallback.sheet.rows.slice(2).map((r) => cellText(r[4]))).toEqual(['关于做好2027年预算编制工作的通知', MASK_TEXT, MASK_TEXT]);
    // Nothing of a masked row's content is anywhere in the file.
    const xml = Object.values(unzipSync(byCallback.bytes)).map((f) => strFromU8(f)).join('\n');
    expect(xml).not.toContain('汛期值班');
    expect(xml).not.toContain('市政办发');
  });

  it('puts the note (who exported, when) under the title', async () => {
    const { sheet } = await roundTrip(rows.slice(0, 1), { title: '收文登记簿', note: '导出：王秘书 2026-07-01 10:30' });
    expect(sheet.rows[1]?.[0]).toBe('导出：王秘书 2026-07-01 10:30');
    expect(sheet.rows[2]).toEqual(HEADER);
  });

  it('styles the sheet: CJK font, bold header, column widths, frozen header, landscape', async () => {
    const bytes = await buildRegisterXlsx(rows, { title: '2026年收文登记簿' });
    const files = unzipSync(bytes);
    const styles = strFromU8(files['xl/styles.xml']!);
    const sheet = strFromU8(files['xl/worksheets/sheet1.xml']!);
    expect(styles).toContain('宋体');
    expect(styles).toMatch(/<b\s*\/>/);
    for (const { width } of REGISTER_COLUMNS) expect(sheet).toMatch(new RegExp(`<col [^>]*width="${width}"`));
    expect(sheet).toMatch(/<pane [^>]*ySplit="2"[^>]*state="frozen"/);
    expect(sheet).toMatch(/orientation="landscape"/);
    expect(sheet).toMatch(/<mergeCell ref="A1:J1"/);
  });

  it('writes the same calendar days in every time zone', async () => {
    const outputs: unknown[][][] = [];
    for (const tz of ['UTC', 'Asia/Shanghai', 'America/Los_Angeles', 'Pacific/Kiritimati']) {
      process.env.TZ = tz;
      outputs.push((await roundTrip(rows, { title: 't' })).sheet.rows.slice(2).map((r) => [cellText(r[1]), cellText(r[8])]));
    }
    for (const o of outputs) expect(o).toEqual(outputs[0]);
    expect(outputs[0]?.[1]).toEqual(['2026-07-02', '2026-07-06']);
  });

  it('writes an empty list as title and header only; keeps sheet names Excel accepts', async () => {
    const { sheet } = await roundTrip([], { title: '收文登记簿', sheetName: '2026/07: 收文[筛选]?*超过三十一个字的名字会被截断到三十一' });
    expect(sheet.rows).toHaveLength(2);
    expect(sheet.name).not.toMatch(/[[\]:*?/\\]/);
    expect(sheet.name.length).toBeLessThanOrEqual(31);
  });

  it('can be imported again: its header row is found under the title', async () => {
    const { sheet } = await roundTrip(rows, { title: '2026年收文登记簿' });
    const header = locateHeader(sheet.rows);
    expect(header.headerIndex).toBe(1);
    expect(header.mapping).toEqual({ ...guessMapping(HEADER) });
    const { valid, bad } = validateImportRows(header.dataRows, header.mapping, { defaultSignedBy: '王秘书', firstRowNumber: header.firstRowNumber });
    expect(valid.map((v) => [v.rowNumber, v.legacyNumber, v.registration.title])).toEqual([[3, '收〔2026〕0001', '关于做好2027年预算编制工作的通知']]);
    // 机密/秘密 rows need a 份号 the register does not show; the masked one has no 来文单位.
    expect(bad.map((b) => b.rowNumber)).toEqual([4, 5]);
  });
});

describe('failOnBlockedWorker', () => {
  const savedDocument = Object.getOwnPropertyDescriptor(globalThis, 'document');
  afterEach(() => {
    if (savedDocument) Object.defineProperty(globalThis, 'document', savedDocument);
    else Reflect.deleteProperty(globalThis, 'document');
  });

  function violation(blockedURI: string, effectiveDirective: string): Event {
    return Object.assign(new Event('securitypolicyviolation'), { blockedURI, effectiveDirective, violatedDirective: effectiveDirective });
  }

  it('turns the endless wait for a worker blocked by the CSP into a clear error', async () => {
    const page = new EventTarget();
    Object.defineProperty(globalThis, 'document', { value: page, configurable: true });
    const never = failOnBlockedWorker(() => new Promise<never>(() => {}));
    page.dispatchEvent(violation('https://example.org/img.png', 'img-src')); // unrelated: ignored
    page.dispatchEvent(violation('blob', 'worker-src'));
    await expect(never).rejects.toThrow(WORKER_BLOCKED_MESSAGE);
  });

  it('passes results and errors through, and stops listening afterwards', async () => {
    const page = new EventTarget();
    let listeners = 0;
    const add = page.addEventListener.bind(page);
    const remove = page.removeEventListener.bind(page);
    page.addEventListener = (...args: Parameters<EventTarget['addEventListener']>) => {
      listeners++;
      add(...args);
    };
    page.removeEventListener = (...args: Parameters<EventTarget['removeEventListener']>) => {
      listeners--;
      remove(...args);
    };
    Object.defineProperty(globalThis, 'document', { value: page, configurable: true });
    await expect(failOnBlockedWorker(async () => 42)).resolves.toBe(42);
    await expect(failOnBlockedWorker(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(listeners).toBe(0);
  });
});

describe('xlsx.ts loads the spreadsheet libraries only when used', () => {
  it('has no static value import of read-excel-file or write-excel-file', () => {
    const source = readFileSync(new URL('../../../../renderer/ui/xlsx.ts', import.meta.url), 'utf8');
    const staticImports = source.match(/^import (?!type ).*from '(read|write)-excel-file[^']*';$/gm) ?? [];
    expect(staticImports).toEqual([]);
    expect(source).toContain("await import('read-excel-file/universal')");
    expect(source).toContain("await import('write-excel-file/universal')");
  });
});
