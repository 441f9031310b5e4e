// fflate only to look inside the file we write.
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildRedheadDocx, DISCLOSURE_NOTES } from '../../../../renderer/features/outgoing/redhead-docx';
import { REDHEAD_UNIT, SERIES_BANFA, SERIES_FA, noticeRecord, requestRecord } from './redhead-fixtures';

// The 红头 Word file of a 发文 (issue #16) looked at from inside: every GB/T 9704 element, in the
// standard's order, with its face, colour and place. redhead-docx-libreoffice.test.ts measures the
// same files laid out by LibreOffice.

function unpack(bytes: Uint8Array): Record<string, string> {
  return Object.fromEntries(Object.entries(unzipSync(bytes)).map(([path, data]) => [path, strFromU8(data)]));
}

/** The visible text of a piece of document.xml (w:t contents joined). */
function visibleText(xml: string): string {
  return [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
}

/** Each paragraph of document.xml: its XML and its text. */
function paragraphs(doc: string): { xml: string; text: string }[] {
  return [...doc.matchAll(/<w:p[ >][\s\S]*?<\/w:p>|<w:p\/>/g)].map((m) => ({ xml: m[0], text: visibleText(m[0]) }));
}

const notice = async (over = {}, options = {}) => unpack(await buildRedheadDocx(noticeRecord(over), SERIES_BANFA, { unitName: REDHEAD_UNIT, ...options }));
const request = async (over = {}, options = {}) =>
  unpack(await buildRedheadDocx(requestRecord(over), SERIES_FA, { unitName: REDHEAD_UNIT, copyNumber: '3', ...options }));

describe('buildRedheadDocx', () => {
  it('a classified export carries its watermark in grey in the header of odd and even pages; none without one', async () => {
    const files = await request({}, { watermark: '张秘书 2026-07-02 10:00' });
    const rels = files['word/_rels/document.xml.rels']!;
    const doc = files['word/document.xml']!;
    expect(doc).toMatch(/<w:headerReference w:type="default"/);
    expect(doc).toMatch(/<w:headerReference w:type="even"/);
    const headers = Object.keys(files).filter((f) => /^word\/header\d+\.xml$/.test(f));
    expect(headers.length).toBe(2);
    for (const h of headers) {
      expect(rels).toContain(h.slice('word/'.length));
      expect(visibleText(files[h]!)).toBe('张秘书 2026-07-02 10:00  张秘书 2026-07-02 10:00');
      expect(files[h]).toContain('w:val="A6A6A6"');
    }
    const plain = await request();
    expect(plain['word/document.xml']).not.toMatch(/<w:headerReference/);
  });

  it('is a .docx (zip with [Content_Types].xml and word/document.xml) as a Uint8Array', async () => {
    const bytes = await buildRedheadDocx(noticeRecord(), SERIES_BANFA, { unitName: REDHEAD_UNIT });
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect([...bytes.slice(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
    const files = unpack(bytes);
    expect(files['[Content_Types].xml']).toContain('wordprocessingml.document.main+xml');
    expect(files['word/document.xml']).toBeDefined();
  });

  it('下行文 通知: every element in GB/T 9704 order — 标志, 字号, 标题, 主送, 正文, 附件说明, 署名, 成文日期, 附注, 抄送, 印发', async () => {
    const doc = (await notice())['word/document.xml']!;
    const texts = paragraphs(doc).map((p) => p.text);
    const order = [
      '临川县人民政府办公室文件',
      '县政办发〔2026〕7号',
      '临川县人民政府办公室关于做好2026年度安全生产大检查工作的通知',
      '各乡镇人民政府，县政府各部门：',
      '为切实做好今年安全生产工作，经县人民政府同意，现就开展安全生产大检查有关事项通知如下。',
      '（一）检查范围。全县各类生产经营单位。',
      '请各单位认真贯彻执行。',
      // Numbered, no end punctuation (the fixture's "汇总表。" loses its 。).
      '附件：1.安全生产大检查工作方案',
      '2.检查情况汇总表',
      '临川县人民政府办公室',
      '2026年7月1日',
      '（此件公开发布）',
      '抄送：县委办公室，县人大常委会办公室，县政协办公室。',
      // 印发日期: the day of 印制 (2026-07-02), not the 成文日期.
      '临川县人民政府办公室2026年7月2日印发',
    ];
    const at = order.map((t) => texts.indexOf(t));
    expect(at.every((i) => i >= 0), JSON.stringify(texts)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    // Not classified, not urgent, no 份号: the first line is empty, nothing at the top left.
    expect(texts[0]).toBe('');
    expect(doc).not.toContain('★');
    expect(doc).not.toMatch(/>\d{6}</);
    // Blank lines where the standard puts them: two under the 标志, two under the rule, one under
    // the 标题, one before the 附件说明, two (the 印章's room) before the 署名.
    const blanksBefore = (t: string) => {
      let n = 0;
      for (let i = texts.indexOf(t) - 1; i >= 0 && texts[i] === ''; i--) n++;
      return n;
    };
    expect(blanksBefore('县政办发〔2026〕7号')).toBe(2);
    expect(blanksBefore(order[2]!)).toBe(2);
    expect(blanksBefore(order[3]!)).toBe(1);
    expect(blanksBefore(order[4]!)).toBe(0);
    expect(blanksBefore('附件：1.安全生产大检查工作方案')).toBe(1);
    expect(blanksBefore('临川县人民政府办公室')).toBe(2);
    expect(blanksBefore('2026年7月1日')).toBe(0);
    expect(blanksBefore('（此件公开发布）')).toBe(0);
    // The last line before the 署名 (here the last 附件) keeps with the 印章's blank lines and the 署名.
    const paras = paragraphs(doc);
    const from = texts.indexOf('2.检查情况汇总表');
    for (const p of paras.slice(from, texts.indexOf('临川县人民政府办公室') + 1)) expect(p.xml).toContain('<w:keepNext/>');
    expect(paras[texts.indexOf('请各单位认真贯彻执行。')]!.xml).not.toContain('<w:keepNext/>');
  });

  it('the 版头: 标志 red 小标宋 centred off the grid, its top 35 mm below the 版心; 发文字号 centred over a red rule', async () => {
    const doc = (await notice())['word/document.xml']!;
    const paras = paragraphs(doc);
    const mark = paras.find((p) => p.text === '临川县人民政府办公室文件')!.xml;
    expect(mark).toContain('<w:jc w:val="center"/>');
    expect(mark).toContain('w:eastAsia="方正小标宋简体"');
    expect(mark).toMatch(/<w:color w:val="FF0000"\/>/);
    // Off the line grid (LibreOffice would round its line up to whole grid lines).
    expect(mark).toContain('<w:snapToGrid w:val="0"/>');
    expect(doc).not.toContain('WenshuOffGrid');
    // 35 mm (1984 twips) = the one empty top line (579) + space before + half the line's leading.
    const before = Number(/w:before="(\d+)"/.exec(mark)![1]);
    const line = Number(/w:line="(\d+)"/.exec(mark)![1]);
    const size = Number(/<w:sz w:val="(\d+)"\/>/.exec(mark)![1]) * 10;
    expect(579 + before + (line - size) / 2).toBeCloseTo(1984, -1);
    // A 12-character mark at 35pt fits the 156 mm line (442pt); none is larger than 初号 (42pt).
    expect(size / 20).toBeLessThanOrEqual(42);
    expect((size / 20) * 12).toBeLessThan(442);

    const number = paras.find((p) => p.text === '县政办发〔2026〕7号')!.xml;
    expect(number).toContain('<w:jc w:val="center"/>');
    expect(number).toMatch(/<w:pBdr><w:bottom w:val="single" w:color="FF0000" w:sz="12" w:space="5"\/><\/w:pBdr>/);
    expect(number).not.toContain('<w:ind');

    const title = paras.find((p) => p.text.endsWith('工作的通知'))!.xml;
    expect(title).toContain('<w:jc w:val="center"/>');
    expect(title).toContain('w:eastAsia="方正小标宋简体"');
    expect(title).toContain('<w:sz w:val="44"/>');
    expect(title).not.toContain('FF0000');
    expect(title).toContain('<w:snapToGrid w:val="0"/>');
    // 主送 flush left; 正文 two characters in.
    expect(paras.find((p) => p.text.startsWith('各乡镇'))!.xml).not.toContain('<w:ind');
    expect(paras.find((p) => p.text.startsWith('为切实'))!.xml).toContain('w:firstLineChars="200"');
    // 第二层 heading in 楷体 up to its 。, the rest 仿宋.
    const level2 = paras.find((p) => p.text.startsWith('（一）'))!.xml;
    expect(level2).toMatch(/w:eastAsia="楷体_GB2312"[\s\S]*（一）检查范围。<\/w:t>/);
    expect(level2).toMatch(/w:eastAsia="仿宋_GB2312"[\s\S]*>全县各类生产经营单位。<\/w:t>/);
  });

  it('上行文 请示, 机密: 份号, 密级★期限, 紧急程度 stacked top left; 发文字号 left one character in, 签发人 right with the name in 楷体', async () => {
    const files = await request();
    const doc = files['word/document.xml']!;
    const paras = paragraphs(doc);
    expect(paras.slice(0, 4).map((p) => p.text)).toEqual(['000003', '机密★20年', '特急', '临川县人民政府文件']);
    expect(paras[0]!.xml).toContain('w:eastAsia="仿宋_GB2312"');
    for (const p of paras.slice(1, 3)) {
      expect(p.xml).toContain('w:eastAsia="黑体"');
      expect(p.xml).not.toContain('<w:ind');
    }
    // With three lines above it the 标志 still starts 35 mm down.
    const mark = paras[3]!.xml;
    const before = Number(/w:before="(\d+)"/.exec(mark)![1]);
    const line = Number(/w:line="(\d+)"/.exec(mark)![1]);
    const size = Number(/<w:sz w:val="(\d+)"\/>/.exec(mark)![1]) * 10;
    expect(3 * 579 + before + (line - size) / 2).toBeCloseTo(1984, -1);

    const number = paras.find((p) => p.text.startsWith('县政发'))!;
    expect(number.text).toBe('县政发〔2026〕12号签发人：王建国');
    expect(number.xml).not.toContain('<w:jc w:val="center"/>');
    // Tab stops one character (316 twips) in from either edge of the 156 mm (8845 twips) line.
    expect(number.xml).toContain('<w:tab w:val="left" w:pos="316"/>');
    expect(number.xml).toContain('<w:tab w:val="right" w:pos="8529"/>');
    expect(number.xml).toMatch(/w:color="FF0000"/);
    const nameRun = /<w:r>(?:(?!<\/w:r>)[\s\S])*>王建国<\/w:t><\/w:r>/.exec(number.xml)?.[0] ?? '';
    expect(nameRun).toContain('w:eastAsia="楷体_GB2312"');
    expect(files['word/fontTable.xml']).toContain('<w:font w:name="楷体_GB2312"><w:altName w:val="楷体"/>');
    // 第一层 heading in 黑体; 附注: 公开属性 then the 联系人 line, each in parentheses.
    expect(paras.find((p) => p.text.startsWith('一、'))!.xml).toMatch(/w:eastAsia="黑体"[\s\S]*一、灾情基本情况。<\/w:t>/);
    const texts = paras.map((p) => p.text);
    expect(texts.indexOf('（此件不予公开）')).toBe(texts.indexOf('2026年7月1日') + 1);
    expect(texts).toContain('（联系人：李文书，电话：0794-1234567）');
    // No 附件 and no 抄送: neither line; the 版记 is the 印发 line alone between two 0.35 mm rules.
    expect(texts.some((t) => t.startsWith('附件'))).toBe(false);
    expect(texts.some((t) => t.startsWith('抄送'))).toBe(false);
    const last = paras.at(-1)!;
    expect(last.text).toBe(`${REDHEAD_UNIT}2026年7月1日印发`);
    expect(last.xml).toMatch(/<w:framePr [^>]*w:vAnchor="margin"[^>]*w:yAlign="bottom"/);
    expect(last.xml).toMatch(/<w:top w:val="single" w:color="000000" w:sz="8"/);
    expect(last.xml).toMatch(/<w:bottom w:val="single" w:color="000000" w:sz="8"/);
  });

  it('署名 and 成文日期 centred on one tab stop at the middle of a date four characters in from the right', async () => {
    const paras = paragraphs((await notice())['word/document.xml']!);
    const sig = paras.find((p) => p.text === '临川县人民政府办公室')!.xml;
    const date = paras.find((p) => p.text === '2026年7月1日')!.xml;
    // 8845 − 4 × 315.9 − (6 characters: 2026 and 7 and 1 half each) / 2 × 315.9 ≈ 6634.
    for (const p of [sig, date]) {
      expect(p).toContain('<w:tab w:val="center" w:pos="6634"/>');
    }
  });

  it('附注 per 公开属性; no 正文 → a highlighted 【正文】; before 登记 and 签发 the 文号 and dates are blanks to fill in', async () => {
    for (const disclosure of ['主动公开', '依申请公开', '不予公开'] as const) {
      const texts = paragraphs((await notice({ disclosure }))['word/document.xml']!).map((p) => p.text);
      expect(texts).toContain(DISCLOSURE_NOTES[disclosure]);
    }
    expect(DISCLOSURE_NOTES).toEqual({ 主动公开: '（此件公开发布）', 依申请公开: '（此件依申请公开）', 不予公开: '（此件不予公开）' });

    const draft = await notice({ body: undefined, docNumber: undefined, year: undefined, seq: undefined, writtenDate: undefined, signoff: undefined, printing: undefined });
    const paras = paragraphs(draft['word/document.xml']!);
    const place = paras.find((p) => p.text === '【正文】')!;
    expect(place.xml).toContain('<w:highlight w:val="yellow"/>');
    expect(paras.map((p) => p.text)).toContain('县政办发〔2026〕\u3000\u3000号');
    expect(paras.map((p) => p.text)).toContain('\u3000\u3000\u3000\u3000年\u3000\u3000月\u3000\u3000日');
    expect(paras.at(-1)!.text).toBe(`${REDHEAD_UNIT}\u3000\u3000\u3000\u3000年\u3000\u3000月\u3000\u3000日印发`);
    // A 上行文 not yet signed keeps the 签发人 label with room for the name.
    const unsigned = paragraphs((await request({ signoff: undefined }))['word/document.xml']!).map((p) => p.text);
    expect(unsigned).toContain('县政发〔2026〕12号签发人：\u3000\u3000');
  });

  it('份号 six digits, refused otherwise; 印发机关 and 印发日期 as given; 保密期限 as marked', async () => {
    expect(paragraphs((await request({}, { copyNumber: '000123' }))['word/document.xml']!)[0]!.text).toBe('000123');
    await expect(buildRedheadDocx(requestRecord(), SERIES_FA, { unitName: REDHEAD_UNIT, copyNumber: '1234567' })).rejects.toThrow('份号');
    await expect(buildRedheadDocx(requestRecord(), SERIES_FA, { unitName: REDHEAD_UNIT, copyNumber: 'A1' })).rejects.toThrow('份号');
    const texts = paragraphs((await request({ secrecyTerm: { kind: 'years', years: 5 } }, { copyNumber: undefined, printedBy: '县政府办公室', printedOn: '2026-07-03' }))['word/document.xml']!).map(
      (p) => p.text,
    );
    expect(texts[0]).toBe('机密★5年');
    expect(texts.at(-1)).toBe('县政府办公室2026年7月3日印发');
  });

  it('the 版记 with 抄送: two frames, 抄送 placed just above the 印发 line at the foot of the 版心, rules 0.35 / 0.25 / 0.35 mm, 4号', async () => {
    const paras = paragraphs((await notice())['word/document.xml']!);
    const copy = paras.find((p) => p.text.startsWith('抄送：'))!;
    const issue = paras.at(-1)!;
    expect(paras.indexOf(copy)).toBe(paras.length - 3);
    // 225 mm (12756) − the 印发 frame (579 + 40) − the 抄送 frame (579 + 40 + 35): its top.
    expect(copy.xml).toMatch(/<w:framePr [^>]*w:y="11483"[^>]*w:vAnchor="margin"/);
    expect(copy.xml).toMatch(/<w:top w:val="single" w:color="000000" w:sz="8"/);
    expect(copy.xml).toMatch(/<w:bottom w:val="single" w:color="000000" w:sz="6"/);
    expect(issue.xml).toMatch(/<w:framePr [^>]*w:yAlign="bottom"/);
    expect(issue.xml).not.toContain('<w:top ');
    expect(issue.xml).toMatch(/<w:bottom w:val="single" w:color="000000" w:sz="8"/);
    for (const p of [copy, issue]) expect(p.xml).toContain('<w:sz w:val="28"/>');
    // Between them a 1pt paragraph off the grid (LibreOffice drops a frame followed by a frame).
    expect(paras[paras.length - 2]!.xml).toContain('<w:snapToGrid w:val="0"/><w:spacing w:line="20" w:lineRule="exact"/>');
    // A 抄送 of 40 characters takes two lines (26 a line): the frame starts a line higher.
    const many = paragraphs((await notice({ copyTo: Array.from({ length: 4 }, (_, i) => `县第${i + 1}委员会办公室`) }))['word/document.xml']!);
    expect(many.find((p) => p.text.startsWith('抄送：'))!.xml).toMatch(/w:y="10904"/);
  });

  it('the GB/T 9704 page of the 纪要: A4, margins, 22-line grid, even and odd "— N —" footers', async () => {
    const files = await notice();
    const doc = files['word/document.xml']!;
    expect(doc).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(doc).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    expect(doc).toMatch(/<w:docGrid w:type="lines" w:linePitch="579"\/>/);
    expect(files['word/styles.xml']).toContain('<w:spacing w:val="-5"/>');
    expect(files['word/settings.xml']).toContain('<w:evenAndOddHeaders/>');
    expect(doc).toMatch(/<w:footerReference w:type="even"/);
  });
});
