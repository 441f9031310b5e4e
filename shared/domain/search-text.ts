import traditionalToSimplified from 'opencc-js/dict/TSCharacters';

// Search matching for registers: both the stored text and what the user types go through the same
// normalisation, so 繁体/简体 (OpenCC's character table: 機關 finds 机关 and back), 全角/半角,
// letter case, spaces and the many brackets of a 发文字号 ([2026] (2026) （2026） 【2026】 〔2026〕)
// never stop a match.

let toSimplified: Map<string, string> | null = null;

function simplifiedMap(): Map<string, string> {
  if (toSimplified) return toSimplified;
  const map = new Map<string, string>();
  for (const entry of traditionalToSimplified.split('|')) {
    const [from, to] = entry.split(' ');
    if (from && to && from !== to) map.set(from, to);
  }
  toSimplified = map;
  return map;
}

const BRACKETS: Record<string, string> = {
  '[': '〔',
  ']': '〕',
  '(': '〔',
  ')': '〕',
  '【': '〔',
  '】': '〕',
  '［': '〔',
  '］': '〕',
  '〖': '〔',
  '〗': '〕',
  '（': '〔',
  '）': '〕',
};

export function normalizeForSearch(text: string): string {
  const simplified = simplifiedMap();
  let out = '';
  for (const ch of text.normalize('NFKC').toLowerCase()) {
    if (/\s/u.test(ch)) continue;
    out += BRACKETS[ch] ?? simplified.get(ch) ?? ch;
  }
  return out;
}
