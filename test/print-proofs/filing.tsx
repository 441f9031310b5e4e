import type { ReactElement } from 'react';
import { archiveStampLabels, boxesOf, catalogueLines, formatArchiveCode, inCatalogueOrder, type ArchiveRecord } from '../../shared/domain/filing';
import type { Classification, RetentionPeriod } from '../../shared/domain/enums';
import { ArchiveBoxNotes, ArchiveCatalogueSheet, ArchiveStampLabels } from '../../renderer/print/index';
import { longText } from './longest';

// 归档 prints with the longest values the schemas allow: 全宗号 16 and 机构代码 10 characters (the
// formats shared/domain/filing.ts accepts, so the 档号 is at its longest: 44 characters), 题名 200,
// 文号 a full 发文字号 (机关代字 of 8 characters, 〔year〕, a 4-digit serial), 责任者 100 (来文单位),
// 备注 200, 页数 9999, 单位名称 60, 机构名称 40. Twelve 件 of every 保管期限 and two 机构, made out of
// order (定期10年 first, the second 机构 first, 件号 descending): catalogueLines must sort them, and
// the e2e test reads the order back from the PDF.

/** The longest 全宗号 and 机构代码 the settings accept (16 and 10 characters), in the letters and digits offices use. */
export const LONGEST_FONDS = 'Z109Z109Z109Z109';
export const LONGEST_ORGS = ['BGSZZBCWKX', 'ABGSZZBCWK'] as const;
/** A 发文字号 as long as they come: 机关代字 of 8 characters, 〔2026〕, a 4-digit serial. */
export const LONGEST_DOC_NUMBER = '县住建局城建股发〔2026〕1015号';

const RETENTIONS: readonly RetentionPeriod[] = ['定期10年', '定期30年', '永久'];
const LEVELS: readonly Classification[] = ['非密', '内部', '秘密', '机密', '绝密'];

export function longestArchiveEntries(): ArchiveRecord[] {
  const out: ArchiveRecord[] = [];
  let i = 0;
  // Deliberately in a scrambled order (定期10年 first, the second 机构 before the first): the
  // catalogue must come out in 保管期限 → 机构 → 件号 order whatever order the rows arrive in.
  for (const retention of RETENTIONS) {
    for (const orgCode of [...LONGEST_ORGS].reverse()) {
      for (const itemNo of [2, 1]) {
        const classification = LEVELS[i % LEVELS.length]!;
        out.push({
          id: `a${i}`,
          kind: '收文',
          recordId: `r${i}`,
          recordLabel: `收〔2026〕${String(i + 1).padStart(4, '0')}`,
          fondsCode: LONGEST_FONDS,
          year: 2026,
          orgCode,
          retention,
          itemNo: itemNo + 9000,
          archiveCode: formatArchiveCode({ fondsCode: LONGEST_FONDS, year: 2026, retention, orgCode, itemNo: itemNo + 9000 }),
          box: 99,
          docNumber: LONGEST_DOC_NUMBER,
          responsible: longText(100, 1),
          title: longText(200, i % 3),
          date: '2026-11-23',
          classification,
          pages: 9999,
          remarks: longText(200, 2),
          filedAt: '2026-12-01T02:00:00.000Z',
          filedById: 'u1',
          filedBy: longText(20, 1),
          corrections:
            i === 0
              ? [
                  {
                    at: '2026-12-03T02:00:00.000Z',
                    byId: 'u1',
                    byName: longText(20, 1),
                    reason: longText(200, 0),
                    before: { title: longText(200, 1), docNumber: LONGEST_DOC_NUMBER, pages: 9999, remarks: longText(200, 2) },
                    after: { title: longText(200, 0), docNumber: LONGEST_DOC_NUMBER, pages: 9998, remarks: longText(200, 1) },
                  },
                ]
              : [],
        });
        i++;
      }
    }
  }
  return out;
}

export const FILING_PROOFS: Record<string, () => ReactElement> = {
  'archive-catalogue': () => (
    <ArchiveCatalogueSheet unitName={longText(60, 1)} fondsCode={LONGEST_FONDS} year={2026} lines={catalogueLines(longestArchiveEntries())} />
  ),
  // As FilingPrintPage gives them: listArchive's entries, in catalogue order.
  'archive-stamps': () => <ArchiveStampLabels stamps={archiveStampLabels(inCatalogueOrder(longestArchiveEntries()))} />,
  'archive-box-notes': () => {
    const entries = inCatalogueOrder(longestArchiveEntries());
    return <ArchiveBoxNotes unitName={longText(60, 1)} boxes={boxesOf(entries)} entries={entries} orgNames={{ [LONGEST_ORGS[0]]: longText(40, 2), [LONGEST_ORGS[1]]: longText(40, 1) }} />;
  },
};
