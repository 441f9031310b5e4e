import { z } from 'zod';
import { RuleError } from '../../shared/domain/rule-error';
import { defineServerCommand, type ServerCommand } from './pipeline';
import { serverActOnIncoming, serverRegisterIncoming, serverSetLanMaxClassification } from './incoming';
import { ACCOUNT_ADMIN_COMMANDS } from './account-admin';
import { serverAdoptRecords } from './adopt';
import { serverCorrectMeeting, serverCorrectMinutes, serverCreateMeeting, serverEditMeeting, serverIssueMinutes, serverSaveMeetingSettings, serverSaveMinutesDraft, serverSignIn } from './meetings';
import { serverCreateTask, serverTaskComplete, serverTaskProgress, serverTaskRemind } from './supervision';

// Every command the LAN server runs, by name (the seats call them as data: { clientId, name, input }).

export const serverRevokeSeat = defineServerCommand({
  name: 'seats.revoke',
  input: z.object({ seatId: z.string().min(1) }),
  permission: 'users.manage',
  run: async (ctx, { seatId }): Promise<void> => {
    const { rows } = await ctx.client.query<{ name: string }>('UPDATE seats SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL RETURNING name', [seatId, ctx.now]);
    const seat = rows[0];
    if (!seat) throw new RuleError('没有这台座席，或它已被停用');
    await ctx.client.query('DELETE FROM sessions WHERE seat_id = $1', [seatId]);
    ctx.audit({ action: '停用座席', entityType: '座席', entityId: seatId, summary: seat.name });
  },
});

const ALL = [serverRegisterIncoming, serverActOnIncoming, serverTaskProgress, serverTaskComplete, serverTaskRemind, serverCreateTask, serverSetLanMaxClassification, serverRevokeSeat, serverAdoptRecords, serverCreateMeeting, serverEditMeeting, serverCorrectMeeting, serverSignIn, serverSaveMinutesDraft, serverIssueMinutes, serverCorrectMinutes, serverSaveMeetingSettings, ...ACCOUNT_ADMIN_COMMANDS] as ServerCommand[];

export const SERVER_COMMANDS: ReadonlyMap<string, ServerCommand> = new Map(ALL.map((c) => [c.name, c]));
