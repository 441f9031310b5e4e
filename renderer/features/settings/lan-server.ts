import { RuleError } from '@shared/domain/rule-error';
import type { LanLinkCapability, LanPostResponse } from '../../platform/types';

type Json = Parameters<LanLinkCapability['post']>[1];

// The 局域网 tab's own calls to the LAN server, in a session of the page's own (LanSeats.tsx): the
// administrators' screens (seats, 最高密级, accounts) act on the server directly, not through a seat.

/** The body of an answer, or the server's refusal as a RuleError (beside its field when it names one). */
export function bodyOf<T>(reply: LanPostResponse): T {
  if (!reply.ok) throw new RuleError(reply.message, reply.field);
  return reply.body as T;
}

/** A command on the server; its refusal (the rules') as a RuleError beside its field. */
export async function serverCommand<R>(lan: LanLinkCapability, token: string, name: string, input: Json): Promise<R> {
  const reply = bodyOf<{ ok: boolean; message?: string; field?: string; result?: R }>(await lan.post('/api/command', { clientId: crypto.randomUUID(), name, input }, token));
  if (!reply.ok) throw new RuleError(reply.message ?? '服务器拒绝了该操作', reply.field);
  return reply.result as R;
}
