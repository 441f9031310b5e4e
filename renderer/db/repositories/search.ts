import type { Classification } from '@shared/domain/enums';
import { MASK } from '@shared/domain/need-to-know';
import { REGISTERS, viewFor, type AnyRegister } from '@shared/domain/registers';
import { authorize } from '../authorize';
import type { WenshuDB } from '../database';
import { registerPage } from '../registers';
import type { Actor } from '../types';

// Search across every register (the registry, shared/domain/registers/): one query, each register
// answering through registerPage (its fast projection where it keeps one, else a read of its
// table), with need to know applied the one way: hidden content is never matched, and a record
// found by its number is shown masked.

/** One record found: enough to list it and open it, masked outside the need to know. */
export interface RegisterHit {
  kind: string;
  id: string;
  number: string;
  /** 标题 / 名称 / 会议名称 / 事项内容, or 【涉密】 outside the need to know. */
  title: string;
  classification: Classification;
  state: string;
  canSeeContent: boolean;
}

/** What one register found: its first hits (newest first) and how many in all. */
export interface RegisterSearchResult {
  kind: string;
  /** The register's name on screen (收文, 涉密载体, …). */
  label: string;
  total: number;
  hits: RegisterHit[];
}

/** Searches every register of `registers` for `text`; registers with no match are left out. */
export async function searchRegisters(
  db: WenshuDB,
  actor: Actor,
  text: string,
  registers: readonly AnyRegister[] = REGISTERS,
  perRegister = 20,
): Promise<RegisterSearchResult[]> {
  actor = await authorize(db, actor, 'records.read');
  if (!text.trim()) return [];
  const out: RegisterSearchResult[] = [];
  for (const d of registers) {
    const page = await registerPage(db, actor, d, { text, offset: 0, limit: perRegister });
    if (page.total === 0) continue;
    const hits = page.rows.map((row): RegisterHit => {
      const { canSeeContent } = viewFor(d, actor, row);
      return {
        kind: d.kind,
        id: row.id,
        number: d.number(row),
        title: canSeeContent ? d.title(row) : MASK,
        classification: d.classification(row),
        state: d.state(row),
        canSeeContent,
      };
    });
    out.push({ kind: d.kind, label: d.label, total: page.total, hits });
  }
  return out;
}
