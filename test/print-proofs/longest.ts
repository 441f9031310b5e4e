// Text of exactly n characters, as long as a schema allows, that reads like office text: a phrase
// repeated and cut. A test with short values proves nothing about a cell that must wrap.

const PHRASES = [
  '关于进一步加强和改进全县重点工程建设项目资金监管工作的实施意见',
  '某某省某某市某某县人民政府办公室综合科',
  '县住房和城乡建设局城市建设管理股',
];

/** n characters of Chinese office text (seed picks the phrase). */
export function longText(n: number, seed = 0): string {
  const base = PHRASES[seed % PHRASES.length]!;
  let s = '';
  while (Array.from(s).length < n) s += base;
  return Array.from(s).slice(0, n).join('');
}

/** n characters with no break opportunity for a browser: Latin letters and digits (a 文号 typed in ASCII). */
export function unbreakable(n: number): string {
  let s = '';
  while (s.length < n) s += 'ABCDEFGHJK0123456789';
  return s.slice(0, n);
}
