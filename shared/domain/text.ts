import { z } from 'zod';

// Free text as people type or paste it (issue #12 item 7): invisible characters are dropped
// before anything is stored, so what a list, the audit page or a PDF shows is what was meant.
// U+202E (right-to-left override) makes 'gnp.exe' read 'exe.png'; a zero-width space makes two
// equal-looking 来文单位 differ. Kept out on purpose: NFKC (code that compares text normalises
// where it needs to) and anything visible.
//
// Zero-width joiner (U+200D) goes too, which splits some emoji sequences (👨‍👩‍👧 becomes three
// faces): acceptable for an office register, where no text needs one.

export interface CleanTextOptions {
  /** Keep line breaks (as \n; \r\n, \r, U+2028 and U+2029 become \n). Otherwise they are removed. */
  multiline?: boolean;
  /** A tab becomes a space (default); false removes it like any other control. */
  tabToSpace?: boolean;
}

/** Code points dropped from every text: formatting and control characters a reader cannot see. */
function isInvisible(cp: number): boolean {
  return (
    cp <= 0x1f || // C0 controls (line breaks and tab are handled before this)
    (cp >= 0x7f && cp <= 0x9f) || // DEL and C1 controls
    (cp >= 0x202a && cp <= 0x202e) || // bidi embeddings and overrides
    (cp >= 0x2066 && cp <= 0x2069) || // bidi isolates
    cp === 0x200e || // left-to-right mark
    cp === 0x200f || // right-to-left mark
    cp === 0x061c || // Arabic letter mark
    (cp >= 0x200b && cp <= 0x200d) || // zero-width space, non-joiner, joiner
    cp === 0x2060 || // word joiner
    cp === 0xfeff || // BOM / zero-width no-break space, anywhere in the text
    cp === 0x180e || // Mongolian vowel separator (zero width since Unicode 6.3)
    cp === 0x2028 || // line separator (multi-line text has already turned it into \n)
    cp === 0x2029 // paragraph separator
  );
}

/**
 * The text without invisible control, bidi and zero-width characters. Single-line text loses its
 * line breaks; multi-line text keeps them as \n. Does not trim: the schemas do, after cleaning.
 */
export function cleanText(s: string, options: CleanTextOptions = {}): string {
  const { multiline = false, tabToSpace = true } = options;
  let out = '';
  // Every line break form to \n first, so the loop below sees one kind.
  const text = s.replace(/\r\n?|[\u2028\u2029]/g, '\n');
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === '\n') {
      if (multiline) out += ch;
    } else if (ch === '\t') {
      if (tabToSpace) out += ' ';
    } else if (!isInvisible(cp)) {
      out += ch;
    }
  }
  return out;
}

/** cleanText for one line: for a caller that has a string of unknown origin. */
export function cleanLine(value: unknown): string {
  return typeof value === 'string' ? cleanText(value).trim() : '';
}

/** cleanText keeping line breaks, trimmed. */
export function cleanParagraphs(value: unknown): string {
  return typeof value === 'string' ? cleanText(value, { multiline: true }).trim() : '';
}

type StringParams = Parameters<typeof z.string>[0];

/**
 * A one-line text box: cleaned, then trimmed, before any `.min`/`.max`/`.refine` chained after it,
 * so the length that counts is the one stored.
 */
export function singleLineText(params?: StringParams) {
  return z
    .string(params)
    .overwrite((v) => cleanText(v))
    .trim();
}

/** A multi-line text box (摘要, 意见, 纪要正文, 备注): like singleLineText but keeps line breaks. */
export function multiLineText(params?: StringParams) {
  return z
    .string(params)
    .overwrite((v) => cleanText(v, { multiline: true }))
    .trim();
}
