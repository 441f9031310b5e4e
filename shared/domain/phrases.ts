import { z } from 'zod';
import { cleanParagraphs } from './text';

// 常用意见 (issue #14): each user keeps the phrases they write again and again, per kind of 意见,
// offered beside the text box of that step and inserted by keyboard.

export const PHRASE_KINDS = ['拟办', '批示', '办理结果'] as const;
export type PhraseKind = (typeof PHRASE_KINDS)[number];

export const PHRASE_MAX = 200;
export const PHRASES_PER_KIND_MAX = 50;

/** What a new user starts with (they may remove every one). */
export const DEFAULT_PHRASES: Record<PhraseKind, string[]> = {
  拟办: ['请办公室阅处', '请相关科室阅处', '呈领导阅示', '请按文件要求办理'],
  批示: ['同意', '同意，请按拟办意见办理', '请抓好落实', '阅'],
  办理结果: ['已按要求办结', '请按时限办结并反馈', '已阅知', '已转相关科室办理'],
};

const phraseList = z
  .array(z.string())
  .transform((ps) => [...new Set(ps.map((p) => cleanParagraphs(p).trim()).filter(Boolean))])
  .refine((ps) => ps.every((p) => Array.from(p).length <= PHRASE_MAX), `每条常用意见不能超过 ${PHRASE_MAX} 个字`)
  .refine((ps) => ps.length <= PHRASES_PER_KIND_MAX, `每类常用意见最多 ${PHRASES_PER_KIND_MAX} 条`);

/** A user's phrases of one kind, as saved (cleaned, no duplicates, order kept). */
export const phrasesInputSchema = z.object({ kind: z.enum(PHRASE_KINDS), phrases: phraseList });
export type PhrasesInput = z.infer<typeof phrasesInputSchema>;

/** A user's stored phrases: kinds never saved fall back to the defaults. */
export type UserPhrases = Record<PhraseKind, string[]>;

export function resolvePhrases(stored: unknown): UserPhrases {
  const out: UserPhrases = { 拟办: [...DEFAULT_PHRASES.拟办], 批示: [...DEFAULT_PHRASES.批示], 办理结果: [...DEFAULT_PHRASES.办理结果] };
  if (!stored || typeof stored !== 'object') return out;
  for (const kind of PHRASE_KINDS) {
    const parsed = phraseList.safeParse((stored as Record<string, unknown>)[kind]);
    if (parsed.success) out[kind] = parsed.data;
  }
  return out;
}

/** The text box after inserting `phrase`: alone when empty, else after what is there. */
export function insertPhrase(current: string | undefined, phrase: string): string {
  const before = current ?? '';
  if (!before.trim()) return phrase;
  return /[\s，。；、,.;]$/.test(before) ? `${before}${phrase}` : `${before}，${phrase}`;
}

/** The settings row that holds a user's phrases (one row per user, in the settings table). */
export function phrasesKey(userId: string): string {
  return `phrases:${userId}`;
}
