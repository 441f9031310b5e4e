import { phrasesInputSchema, phrasesKey, resolvePhrases, type PhraseKind, type UserPhrases } from '@shared/domain/phrases';
import type { WenshuDB } from '../database';
import type { Actor } from '../types';
import { defineCommand } from '../commands/define';
import { runCommand } from '../commands/execute';

// 常用意见 (issue #14): one settings row per user (phrasesKey), written only through this command,
// for the signed-in user's own phrases; no schema change (the settings table holds any key).

/** The actor's phrases (defaults for the kinds they never saved). */
export async function getPhrases(db: WenshuDB, actor: Pick<Actor, 'id'>): Promise<UserPhrases> {
  return resolvePhrases((await db.settings.get(phrasesKey(actor.id)))?.value);
}

/** Saves the actor's phrases of one kind (拟办, 批示 or 办理结果); each user only their own. */
export const savePhrasesCommand = defineCommand({
  name: 'phrases.save',
  input: phrasesInputSchema,
  permission: null,
  tables: ['settings'],
  run: async ({ db, actor, put, audit }, { kind, phrases }): Promise<UserPhrases> => {
    const key = phrasesKey(actor.id);
    const all = resolvePhrases((await db.settings.get(key))?.value);
    all[kind] = phrases;
    await put('settings', { key, value: all });
    audit({ action: '修改常用意见', entityType: '常用意见', entityId: key, summary: `${actor.displayName} 的${kind}常用意见：${phrases.length} 条` });
    return all;
  },
});

export async function savePhrases(db: WenshuDB, actor: Actor, input: { kind: PhraseKind; phrases: string[] }, now = new Date()): Promise<UserPhrases> {
  return runCommand(db, actor, savePhrasesCommand, input, now);
}
