import { normalizeForSearch } from './search-text';

// Which rows of a legacy register are already in ours (issue #20): a second file that repeats rows
// of one imported before (the register of January–June, then the whole year) must not register
// them twice. A legacy row has no id of its own; what identifies it is, in this order of trust:
//
//   - its 原编号 within its year, with the same 收文日期 or the same 标题: an old register numbers
//     each year from 1, so 原编号 alone is the row — but some restart every month or sheet, so the
//     number must agree with the day or the title too (an edited title or a corrected day still
//     matches; number 12 of March and number 12 of May do not);
//   - without a 原编号 (or where it does not match): the same 收文日期, 来文单位, 来文字号 and 标题
//     all at once — the document itself.
//
// Text is compared as search compares it (全角/半角, spaces, brackets of a 文号, 繁/简 ignored) and a
// 原编号 of digits without its leading zeros (Excel turns '0012' into 12). Pure: the records
// compared with come from the 收文 projection (renderer/db/repositories/incoming.ts).

export interface ImportIdentityFields {
  receivedDate: string;
  title: string;
  fromUnit: string;
  docNumber: string;
  legacyNumber?: string | undefined;
}

/** A 原编号 as compared: normalised like search text, digits without their leading zeros. */
export function legacyNumberKey(legacyNumber: string): string {
  const n = normalizeForSearch(legacyNumber);
  return /^\d+$/.test(n) ? n.replace(/^0+(?=\d)/, '') : n;
}

/**
 * The keys a row or a record is known by; two share a key when they are the same document.
 * `normalized`: the text fields are already normalised (read back from the search projection),
 * which spares normalising 100,000 records again.
 */
export function importIdentityKeys(f: ImportIdentityFields, normalized = false): string[] {
  const norm = normalized ? (x: string) => x : normalizeForSearch;
  const year = f.receivedDate.slice(0, 4);
  const title = norm(f.title);
  const keys = [['文', f.receivedDate, norm(f.fromUnit), norm(f.docNumber), title].join('\n')];
  const legacy = f.legacyNumber ? legacyNumberKey(f.legacyNumber) : '';
  if (legacy) keys.push(['号日', year, legacy, f.receivedDate].join('\n'), ['号题', year, legacy, title].join('\n'));
  return keys;
}

/** “已导入过（收〔2026〕0012）” — or, for a record registered by hand, “登记簿中已有（…）”. */
export function repeatedRowReason(match: { serial: string; imported: boolean }): string {
  return match.imported ? `已导入过（${match.serial}）` : `登记簿中已有（${match.serial}）`;
}
