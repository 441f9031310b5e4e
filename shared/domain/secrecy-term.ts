import { formatChineseDate, parseIsoDate } from './dates';
import type { SecrecyTerm } from './enums';

// 保密期限 as a secretary types it in one box: "20年", "长期", "2031-06-30" / "2031年6月30日"
// (解密时间), or any other words (解密条件).

export function parseSecrecyTermText(text: string): SecrecyTerm | null {
  const t = text.trim().replace(/\s+/g, '');
  if (!t) return null;
  if (t === '长期') return { kind: 'long' };
  const years = t.match(/^(\d{1,2})年$/);
  if (years) return { kind: 'years', years: Number(years[1]) };
  const iso = parseIsoDate(t);
  if (iso) return { kind: 'date', date: t };
  const cn = t.match(/^(\d{4})年(\d{1,2})月(\d{1,2})日$/);
  if (cn) {
    const date = `${cn[1]}-${cn[2]!.padStart(2, '0')}-${cn[3]!.padStart(2, '0')}`;
    if (parseIsoDate(date)) return { kind: 'date', date };
  }
  return { kind: 'condition', condition: text.trim() };
}

export function secrecyTermText(term: SecrecyTerm | undefined | null): string {
  if (!term) return '';
  switch (term.kind) {
    case 'years':
      return `${term.years}年`;
    case 'long':
      return '长期';
    case 'date':
      return formatChineseDate(term.date);
    case 'condition':
      return term.condition;
  }
}
