// Print fonts (DOMAIN.md §8). The office PC's own 仿宋/小标宋/黑体 come first, so a print made on a
// machine with the official fonts looks the way GB/T 9704 expects; the bundled Noto Serif SC comes
// next, so a PC without them still prints a serif CJK face instead of whatever the system picks.
//
// The @fontsource CSS is imported here and only here: the print module is the only place that
// needs the face, so the UI's first paint never waits for it. The per-weight files split the font
// into ~100 unicode-range slices: the browser fetches (from the app bundle, never the network) only
// the slices holding characters a print actually uses.
import '@fontsource/noto-serif-sc/400.css';
import '@fontsource/noto-serif-sc/700.css';

/** The bundled fallback face, as @fontsource declares it. */
export const BUNDLED_PRINT_FONT = 'Noto Serif SC';

/** 正文: 仿宋 (3号 16pt in documents). */
export const PRINT_FONT_BODY = `'仿宋_GB2312', '仿宋', FangSong, STFangsong, '${BUNDLED_PRINT_FONT}', serif`;

/** 标题: 小标宋 (2号 22pt). The bundled fallback has no 小标宋 cut, so titles use its bold weight. */
export const PRINT_FONT_TITLE = `'方正小标宋简体', '小标宋', 'FZXiaoBiaoSong-B05S', '${BUNDLED_PRINT_FONT}', serif`;

/** Labels and 一级标题: 黑体. Not bundled: every Windows PC has SimHei; sans-serif is good enough elsewhere. */
export const PRINT_FONT_LABEL = `'黑体', SimHei, 'Noto Sans CJK SC', sans-serif`;

/** 页码: 4号 宋体. */
export const PRINT_FONT_PAGE_NUMBER = `'宋体', SimSun, '${BUNDLED_PRINT_FONT}', serif`;

/** Characters every print needs whatever its content: the page number "— 12 —". */
const PAGE_NUMBER_CHARS = '— 0123456789';

const FONT_LOAD_TIMEOUT_MS = 10_000;

/**
 * Loads the bundled slices that `text` needs, in both weights, and resolves when they (and any
 * other pending font loads) are done. A print taken before its font arrives comes out in a
 * fallback face or with missing glyphs, and neither printToPDF nor window.print waits for fonts.
 * Never rejects: a font that fails to load must not stop a print (it falls back to the system).
 */
export async function loadPrintFonts(text: string, fonts: FontFaceSet | undefined = document.fonts): Promise<void> {
  if (!fonts) return; // jsdom, very old engines: nothing to wait for
  const sample = `${text}${PAGE_NUMBER_CHARS}`;
  const loads = ['400', '700'].map((weight) =>
    fonts.load(`${weight} 16px '${BUNDLED_PRINT_FONT}'`, sample).catch(() => []),
  );
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, FONT_LOAD_TIMEOUT_MS);
  });
  try {
    await Promise.race([Promise.all(loads).then(() => fonts.ready), timeout]);
  } catch {
    // fonts.ready does not reject in practice; a print with a fallback face beats no print.
  } finally {
    clearTimeout(timer);
  }
}
