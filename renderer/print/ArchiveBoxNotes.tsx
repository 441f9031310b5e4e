import { correctionChanges, formatItemNumber, type ArchiveBox, type ArchiveCorrection, type ArchiveRecord } from '@shared/domain/filing';
import { PrintDocument } from './PrintDocument';
import { paperDayOf } from './print-format';

// 备考表 (DOMAIN.md §6, DA/T 22-2015): one A4 portrait page per 档案盒, put in the box after its
// last 件. The box's identity (年度, 机构, 保管期限, 盒号, 起止件号/档号, 件数, 页数), then the
// 盒内文件情况说明 the app can write itself (how many 件 and pages, and every 更正 of a 件 in the
// box: which 档号, what changed, who, when, why; "无" when none), then 整理人 and 整理日期 from
// who filed the box's 件 and when, and 检查人 / 检查日期 left blank to sign by hand.

export interface ArchiveBoxNotesProps {
  /** 全宗名称: the unit's name. */
  unitName: string;
  /** The boxes to print, one page each (listArchive's boxes, or some of them). */
  boxes: readonly ArchiveBox[];
  /** The filed 件 (at least those of the boxes); each box takes the 件 of its class and 盒号. */
  entries: readonly ArchiveRecord[];
  /** 机构代码 → 名称, to print "BGS（办公室）"; a code without a name prints alone. */
  orgNames?: Readonly<Record<string, string>>;
  /** Printed diagonally on every page (watermarkText); give it when a 更正 of a classified 件 is printed. */
  watermark?: string;
}

/** What a 备考表 says about one box, as printed. */
export interface BoxNote {
  /** The box's 件, in 件号 order. */
  entries: ArchiveRecord[];
  /** 盒内文件情况说明, one paragraph per line: "本盒共 N 件 M 页。", then the 更正 (or "更正情况：无。"). */
  explanation: string[];
  /** 整理人: everyone who filed a 件 of the box, in 件号 order, each once. */
  filers: string[];
  /** 整理日期: the day the box's 件 were filed, or "first至last" when over several days. */
  filedDate: string;
}

/** The 件 of `box`: same 年度, 机构, 保管期限 and 盒号, in 件号 order. */
export function entriesOfBox(box: ArchiveBox, entries: readonly ArchiveRecord[]): ArchiveRecord[] {
  return entries
    .filter((e) => e.year === box.year && e.orgCode === box.orgCode && e.retention === box.retention && e.box === box.box)
    .sort((a, b) => a.itemNo - b.itemNo);
}

/** "题名由“旧”更正为“新”；页数由 3 更正为 4（2026年12月3日 李秘书，理由：…）" */
export function correctionText(c: ArchiveCorrection): string {
  const changes = correctionChanges(c).map(({ key, label, before, after }) => (key === 'pages' ? `${label}由 ${before} 更正为 ${after}` : `${label}由“${before}”更正为“${after}”`));
  const who = [paperDayOf(c.at), c.byName].filter(Boolean).join(' ');
  return `${changes.join('；')}（${who}${c.reason ? `，理由：${c.reason}` : ''}）`;
}

/** The 备考表 of one box: its 件, the 情况说明, 整理人 and 整理日期. */
export function boxNote(box: ArchiveBox, entries: readonly ArchiveRecord[]): BoxNote {
  const inBox = entriesOfBox(box, entries);
  const explanation = [`本盒共 ${box.count} 件 ${box.pages} 页。`];
  const corrected = inBox.filter((e) => e.corrections.length > 0);
  if (corrected.length === 0) {
    explanation.push('更正情况：无。');
  } else {
    explanation.push(`更正情况：共 ${corrected.length} 件有更正。`);
    for (const e of corrected) for (const c of e.corrections) explanation.push(`${e.archiveCode}：${correctionText(c)}。`);
  }
  const filers = [...new Set(inBox.map((e) => e.filedBy.trim()).filter(Boolean))];
  const instants = inBox.map((e) => e.filedAt).sort();
  const first = paperDayOf(instants[0]);
  const last = paperDayOf(instants[instants.length - 1]);
  return { entries: inBox, explanation, filers, filedDate: first === last ? first : `${first}至${last}` };
}

// Hoisted into <head> by React (href + precedence), so it is not part of the sheet's text.
const CSS = `
.ws-archive-note { break-after: page; }
.ws-archive-note:last-child { break-after: auto; }
.ws-archive-note-title {
  font-family: var(--ws-font-title);
  font-size: 22pt;
  font-weight: 700;
  line-height: 1.3;
  text-align: center;
  letter-spacing: 0.5em;
  margin: 1mm 0 6mm;
  padding-left: 0.5em;
}
.ws-archive-note-table { width: 100%; border-collapse: collapse; table-layout: fixed; font-size: 12pt; line-height: 1.4; }
.ws-archive-note-table th, .ws-archive-note-table td { border: 1px solid #000; padding: 2mm 1.5mm; vertical-align: middle; overflow-wrap: anywhere; }
.ws-archive-note-table th { width: 26mm; font-family: var(--ws-font-label); font-weight: normal; text-align: center; }
.ws-archive-note-table td.ws-archive-note-code { font-size: 11pt; }
.ws-archive-note-box { border: 1px solid #000; border-top: none; min-height: 95mm; padding: 2mm 3mm; break-inside: auto; }
.ws-archive-note-box h2 { font-family: var(--ws-font-label); font-weight: normal; font-size: 14pt; margin: 0 0 2mm; line-height: 1.5; }
.ws-archive-note-box p { margin: 0; font-size: 14pt; line-height: 1.6; text-indent: 2em; overflow-wrap: anywhere; }
.ws-archive-note-signs { margin-top: 8mm; font-size: 14pt; line-height: 2.4; break-inside: avoid; page-break-inside: avoid; }
.ws-archive-note-signs div { display: flex; gap: 8mm; }
.ws-archive-note-signs span { flex: 1 1 0; min-width: 0; overflow-wrap: anywhere; }
.ws-archive-note-signs .ws-archive-note-day { white-space: nowrap; }
.ws-archive-note-signs .ws-archive-note-label { font-family: var(--ws-font-label); }
.ws-archive-note-blank { display: inline-block; min-width: 40mm; border-bottom: 1px solid #000; line-height: 1.4; }
`;

const EMPTY_DAY = '　　　年　　月　　日';

function orgText(code: string, names: Readonly<Record<string, string>> | undefined): string {
  const name = names?.[code];
  return name ? `${code}（${name}）` : code;
}

function BoxNotePage({ unitName, box, note, orgNames }: { unitName: string; box: ArchiveBox; note: BoxNote; orgNames?: Readonly<Record<string, string>> }) {
  const fonds = note.entries[0]?.fondsCode ?? box.firstArchiveCode.split('-')[0] ?? '';
  return (
    <section className="ws-archive-note" aria-label={`备考表 第${box.box}盒`} data-testid="archive-box-note">
      <h1 className="ws-archive-note-title">备考表</h1>
      <table className="ws-archive-note-table">
        <tbody>
          <tr>
            <th scope="row">全宗名称</th>
            <td>{unitName}</td>
            <th scope="row">全宗号</th>
            <td>{fonds}</td>
          </tr>
          <tr>
            <th scope="row">年度</th>
            <td>{box.year}</td>
            <th scope="row">机构(问题)</th>
            <td>{orgText(box.orgCode, orgNames)}</td>
          </tr>
          <tr>
            <th scope="row">保管期限</th>
            <td>{box.retention}</td>
            <th scope="row">盒号</th>
            <td>{box.box}</td>
          </tr>
          <tr>
            <th scope="row">件数</th>
            <td>{box.count}</td>
            <th scope="row">页数</th>
            <td>{box.pages}</td>
          </tr>
          <tr>
            <th scope="row">起止件号</th>
            <td colSpan={3}>
              {formatItemNumber(box.firstItemNo)}—{formatItemNumber(box.lastItemNo)}
            </td>
          </tr>
          <tr>
            <th scope="row">起止档号</th>
            <td colSpan={3} className="ws-archive-note-code">
              {box.firstArchiveCode} 至 {box.lastArchiveCode}
            </td>
          </tr>
        </tbody>
      </table>
      <div className="ws-archive-note-box">
        <h2>盒内文件情况说明</h2>
        {note.explanation.map((line, i) => (
          <p key={i}>{line}</p>
        ))}
      </div>
      <div className="ws-archive-note-signs">
        <div>
          <span>
            <span className="ws-archive-note-label">整理人：</span>
            {note.filers.join('、')}
          </span>
          <span>
            <span className="ws-archive-note-label">整理日期：</span>
            {note.filedDate}
          </span>
        </div>
        <div>
          <span>
            <span className="ws-archive-note-label">检查人：</span>
            <span className="ws-archive-note-blank" />
          </span>
          <span>
            <span className="ws-archive-note-label">检查日期：</span>
            <span className="ws-archive-note-day">{EMPTY_DAY}</span>
          </span>
        </div>
      </div>
    </section>
  );
}

/** 备考表 (A4 portrait), one page per box, in the order the boxes are given. */
export function ArchiveBoxNotes({ unitName, boxes, entries, orgNames, watermark }: ArchiveBoxNotesProps) {
  return (
    <PrintDocument orientation="portrait" watermark={watermark} title="备考表">
      <style href="ws-archive-box-notes" precedence="default">
        {CSS}
      </style>
      {boxes.length === 0 && <p>没有需要打印的备考表</p>}
      {boxes.map((b) => (
        <BoxNotePage key={`${b.year}|${b.orgCode}|${b.retention}|${b.box}`} unitName={unitName} box={b} note={boxNote(b, entries)} {...(orgNames ? { orgNames } : {})} />
      ))}
    </PrintDocument>
  );
}
