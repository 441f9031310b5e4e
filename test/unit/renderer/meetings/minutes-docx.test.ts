// fflate only to look inside the file we write.
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { A4_TWIPS, GBT9704_MARGINS_TWIPS, LINE_TWIPS, buildMinutesDocx } from '../../../../renderer/features/meetings/minutes-docx';
import { minutesTextLines } from '../../../../renderer/print/minutes-text';
import { MEETING_UNIT, classifiedMeeting, issuedMeeting, issuedMinutes, meeting } from '../../../component/print/meeting-fixtures';

async function unpack(bytes: Uint8Array): Promise<Record<string, string>> {
  const files = unzipSync(bytes);
  return Object.fromEntries(Object.entries(files).map(([path, data]) => [path, strFromU8(data)]));
}

/** The visible text of document.xml (w:t contents joined), so a check is not fooled by run splits. */
function visibleText(xml: string): string {
  return [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
}

/** The text of each paragraph of document.xml. */
function paragraphs(xml: string): string[] {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => visibleText(m[0]));
}

describe('buildMinutesDocx', () => {
  it('is a .docx (zip with [Content_Types].xml and word/document.xml) as a Uint8Array', async () => {
    const bytes = await buildMinutesDocx(issuedMeeting(), issuedMinutes(), MEETING_UNIT);
    expect(bytes).toBeInstanceOf(Uint8Array);
    // A zip starts "PK\3\4".
    expect([...bytes.slice(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
    const files = await unpack(bytes);
    expect(files['[Content_Types].xml']).toContain('wordprocessingml.document.main+xml');
    expect(files['word/document.xml']).toBeDefined();
  });

  it('says what the print says: title, 第1期, office and date, opening, paragraphs, each decision, the attendance lines', async () => {
    const m = issuedMeeting();
    const minutes = issuedMinutes();
    const files = await unpack(await buildMinutesDocx(m, minutes, MEETING_UNIT));
    const paras = paragraphs(files['word/document.xml']!);
    const text = minutesTextLines(m, minutes);

    expect(paras).toContain('县政府常务会议纪要');
    expect(paras).toContain('第1期');
    expect(paras).toContain(`${MEETING_UNIT}2026年11月25日`);
    expect(paras).toContain(text.opening);
    for (const p of minutes.paragraphs) expect(paras).toContain(p);
    expect(paras).toContain('会议议定事项如下：');
    expect(text.decisions).toHaveLength(3);
    for (const d of text.decisions) expect(paras).toContain(d);
    expect(paras.filter((p) => p.startsWith('一、') || p.startsWith('二、') || p.startsWith('三、'))).toHaveLength(3);
    expect(paras).toContain('出席：张明、王五代李四');
    expect(paras).toContain('请假：赵六（出差）');
    expect(paras).toContain('列席：县财政局 孙七、县住建局 周八');
    // In print order: 版头, 正文, decisions, then the attendance lines.
    const at = (s: string) => paras.indexOf(s);
    expect(at('县政府常务会议纪要')).toBeLessThan(at(text.opening));
    expect(at(text.decisions[2]!)).toBeLessThan(at('出席：张明、王五代李四'));
  });

  it('names Chinese fonts for ascii, hAnsi and eastAsia: 仿宋 body, 小标宋 red 22pt title, 黑体 labels', async () => {
    const files = await unpack(await buildMinutesDocx(issuedMeeting(), issuedMinutes(), MEETING_UNIT));
    const doc = files['word/document.xml']!;
    expect(doc).toContain('<w:rFonts w:ascii="仿宋_GB2312" w:cs="仿宋_GB2312" w:eastAsia="仿宋_GB2312" w:hAnsi="仿宋_GB2312"/>');
    expect(doc).toMatch(/w:eastAsia="黑体"/);
    // The title run: 方正小标宋简体, red, 22pt (44 half-points).
    const titleRun = /<w:r>(?:(?!<\/w:r>)[\s\S])*县政府常务会议纪要<\/w:t><\/w:r>/.exec(doc)?.[0] ?? '';
    expect(titleRun).toContain('w:eastAsia="方正小标宋简体"');
    expect(titleRun).toMatch(/<w:color w:val="FF0000"\/>/);
    expect(titleRun).toMatch(/<w:sz w:val="44"\/>/);
    // The "出席：" label is 黑体, the names 仿宋.
    const label = /<w:r>(?:(?!<\/w:r>)[\s\S])*>出席：<\/w:t><\/w:r>/.exec(doc)?.[0] ?? '';
    expect(label).toContain('w:eastAsia="黑体"');
    // Defaults: 仿宋 16pt (32 half-points).
    const styles = files['word/styles.xml']!;
    expect(styles).toMatch(/<w:rPrDefault><w:rPr><w:rFonts w:ascii="仿宋_GB2312" w:cs="仿宋_GB2312" w:eastAsia="仿宋_GB2312" w:hAnsi="仿宋_GB2312"\/>/);
    expect(styles).toContain('<w:sz w:val="32"/>');
    // Each face has a fallback in the font table.
    const fontTable = files['word/fontTable.xml']!;
    expect(fontTable).toContain('<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>');
    expect(fontTable).toContain('<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"/>');
    expect(fontTable).toContain('<w:charset w:val="86"/>');
  });

  it('A4 (11906×16838 twips) with GB/T 9704 margins, exact 28.95pt lines on a 22-line grid, 28 characters a line, page numbers "— N —" at the outer edge', async () => {
    const files = await unpack(await buildMinutesDocx(issuedMeeting(), issuedMinutes(), MEETING_UNIT));
    const doc = files['word/document.xml']!;
    expect(doc).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(A4_TWIPS).toEqual({ width: 11906, height: 16838 });
    // 37, 26, 35, 28 mm.
    expect(GBT9704_MARGINS_TWIPS).toEqual({ top: 2098, right: 1474, bottom: 1984, left: 1587 });
    const margins = /<w:pgMar [^>]*\/>/.exec(doc)?.[0] ?? '';
    expect(margins).toContain('w:top="2098"');
    expect(margins).toContain('w:right="1474"');
    expect(margins).toContain('w:bottom="1984"');
    expect(margins).toContain('w:left="1587"');
    expect(LINE_TWIPS).toBe(579);
    expect(doc).toContain('<w:spacing w:line="579" w:lineRule="exact"/>');
    // A line grid of 22 lines; 28 characters through 0.25pt tighter runs (minutes-docx.ts says why not linesAndChars).
    expect(doc).toMatch(/<w:docGrid w:type="lines" w:linePitch="579"\/>/);
    expect(files['word/styles.xml']).toContain('<w:spacing w:val="-5"/>');
    // Odd and even pages have their own footer (the number at the outer edge).
    expect(files['word/settings.xml']).toContain('<w:evenAndOddHeaders/>');
    expect(doc).toMatch(/<w:footerReference w:type="even"/);
    // The footer: "— " PAGE " —".
    const footerName = Object.keys(files).find((p) => /^word\/footer\d*\.xml$/.test(p));
    expect(footerName).toBeDefined();
    const footer = files[footerName!]!;
    expect(footer).toContain('PAGE');
    expect(visibleText(footer)).toMatch(/^— .* —$/);
    expect(footer).toContain('w:eastAsia="宋体"');
  });

  it('a classified meeting carries 密级★期限; a draft 草稿 and 第　　期', async () => {
    const classified = await unpack(await buildMinutesDocx(classifiedMeeting(), issuedMinutes(), MEETING_UNIT));
    expect(paragraphs(classified['word/document.xml']!)[0]).toBe('秘密★10年');

    const m = meeting();
    const draft = await unpack(await buildMinutesDocx(m, m.draft!, MEETING_UNIT, { draft: true }));
    const paras = paragraphs(draft['word/document.xml']!);
    expect(paras[0]).toBe('草稿');
    expect(paras).toContain('第\u3000\u3000期');
    expect(paras).toContain(`${MEETING_UNIT}2026年11月23日`);
  });

  it('ends with the 版记: 抄送 and 印发 in a frame at the bottom of the text block, rules 0.35 / 0.25 / 0.35 mm, 4号', async () => {
    const minutes = { ...issuedMinutes(), copyTo: ['县财政局', '县住建局'] };
    const files = await unpack(await buildMinutesDocx(issuedMeeting(), minutes, MEETING_UNIT));
    const doc = files['word/document.xml']!;
    const paras = [...doc.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => m[0]);
    const copy = paras.find((p) => visibleText(p) === '抄送：县财政局，县住建局。')!;
    const issue = paras.find((p) => visibleText(p) === `${MEETING_UNIT}2026年11月25日印发`)!;
    expect(paras.indexOf(issue)).toBe(paras.length - 1);
    expect(paras.indexOf(copy)).toBe(paras.length - 2);
    for (const p of [copy, issue]) {
      expect(p).toMatch(/<w:framePr [^>]*w:vAnchor="margin"[^>]*w:yAlign="bottom"/);
      expect(p).toContain('<w:sz w:val="28"/>');
    }
    expect(copy).toMatch(/<w:top w:val="single" w:color="000000" w:sz="8"/);
    expect(copy).toMatch(/<w:bottom w:val="single" w:color="000000" w:sz="6"/);
    expect(issue).toMatch(/<w:bottom w:val="single" w:color="000000" w:sz="8"/);
    // Without 抄送: one line between the two 0.35 mm rules; 印发机关 as the minutes name it.
    const bare = await unpack(await buildMinutesDocx(issuedMeeting(), { ...issuedMinutes(), printedBy: '县政府办公室', printedOn: '2026-11-30' }, MEETING_UNIT));
    const last = [...bare['word/document.xml']!.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => m[0]).at(-1)!;
    expect(visibleText(last)).toBe('县政府办公室2026年11月30日印发');
    expect(last).toMatch(/<w:top w:val="single" w:color="000000" w:sz="8"/);
  });
});
