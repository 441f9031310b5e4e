import { describe, expect, it } from 'vitest';
import { cleanPdfText, findDocNumber, scanSuggestions } from '@shared/domain/scan-text';

// 从扫描件识别: the offers a scanned first page gives the 收文 registration form.

describe('findDocNumber', () => {
  it('finds 机关代字〔年〕N号 in a line and normalises it', () => {
    expect(findDocNumber('某县人民政府办公室 某政办发〔2026〕12号')).toBe('某政办发〔2026〕12号');
    expect(findDocNumber('国办发[2012]010号')).toBe('国办发〔2012〕10号');
    expect(findDocNumber('签发人：张三  某发改〔２０２６〕第３号')).toBe('某发改〔2026〕3号');
  });
  it('finds nothing where there is no number', () => {
    expect(findDocNumber('关于做好2026年春节期间安全工作的通知')).toBeNull();
    expect(findDocNumber('〔2026〕12号')).toBeNull();
    expect(findDocNumber('某政办发〔0026〕12号')).toBeNull();
  });
});

describe('scanSuggestions', () => {
  it('offers the 标题 between the 发文字号 and the 主送机关, joined when it runs over two lines', () => {
    const s = scanSuggestions([
      '000123',
      '机密★1年',
      '特急',
      '某县人民政府办公室文件',
      '某政办发〔2026〕12号',
      '某县人民政府办公室',
      '关于做好2026年春节期间',
      '安全生产工作的通知',
      '各乡镇人民政府，县直各单位：',
      '为切实做好……',
    ]);
    expect(s.docNumber).toBe('某政办发〔2026〕12号');
    expect(s.titles[0]).toBe('某县人民政府办公室关于做好2026年春节期间安全生产工作的通知');
    expect(s.titles).toContain('关于做好2026年春节期间');
    expect(s.titles).not.toContain('000123');
    expect(s.titles).not.toContain('机密★1年');
    expect(s.titles).not.toContain('某县人民政府办公室文件');
    expect(s.titles.length).toBeLessThanOrEqual(5);
  });
  it('offers the first lines when no 发文字号 is found, and nothing for an empty page', () => {
    expect(scanSuggestions(['关于召开全县安全生产会议的通知', '各乡镇：'])).toEqual({ titles: ['关于召开全县安全生产会议的通知'], docNumber: null });
    expect(scanSuggestions([])).toEqual({ titles: [], docNumber: null });
  });
});

describe('cleanPdfText', () => {
  it('reads radicals a PDF font maps characters to as the characters', () => {
    // What pdf.js gives for a Chromium-made PDF in Noto Serif CJK: 人 民 生 工 文 as radicals.
    expect(cleanPdfText('某县\u2F08\u2EA0政府办公室\u2F42件 安全\u2F63产\u2F2F作')).toBe('某县人民政府办公室文件 安全生产工作');
    expect(cleanPdfText('某政办发〔２０２６〕１２号')).toBe('某政办发〔2026〕12号');
    expect(cleanPdfText('关于印发《某办法（试行）》的通知：')).toBe('关于印发《某办法（试行）》的通知：');
  });
  it('so a radical-coded 发文机关标志 is still no 标题', () => {
    const s = scanSuggestions(['某县\u2F08\u2EA0政府办公室\u2F42件', '某政办发〔2026〕12号', '关于做好安全\u2F63产\u2F2F作的通知', '各乡镇：', '为切实做好……工作，现通知如下。']);
    expect(s.titles).toEqual(['关于做好安全生产工作的通知']);
  });
});
