import { describe, expect, test } from 'vitest';
import { linesOf } from '../../../../renderer/ui/pdf-text';

// pdf.js gives a page's text as pieces placed on the page (x, y from the bottom); the scan reader
// needs them as lines, top to bottom, with a space where the paper has a gap.

describe('linesOf', () => {
  test('pieces on one baseline make one line, in reading order; a wide gap is a space', () => {
    const lines = linesOf([
      { str: '关于做好', x: 100, y: 600, width: 64, height: 16 },
      { str: '某政办发〔2026〕12号', x: 300, y: 680, width: 150, height: 16 },
      { str: '某县人民政府办公室', x: 100, y: 680.5, width: 144, height: 16 },
      { str: '春节期间工作的通知', x: 164, y: 600.4, width: 144, height: 16 },
      { str: '   ', x: 10, y: 500, width: 5, height: 16 },
      { str: '各乡镇：', x: 100, y: 560, width: 64, height: 16 },
    ]);
    expect(lines).toEqual(['某县人民政府办公室 某政办发〔2026〕12号', '关于做好春节期间工作的通知', '各乡镇：']);
  });
});
