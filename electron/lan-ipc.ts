import type { z } from 'zod';
import type { IpcRequest, IpcResponse } from '../shared/ipc';
import { LanError, lanPost, pinServerCertificate } from './lan-client';
import { LanLinkError, type LanLink, type LanLinkStore } from './lan-link';
import { unwrapSeatKey, wrapSeatKey } from './seat-key';

// The lan:* channels' work (issue #19), apart from Electron so the E2E tests' stand-in for main
// (test/e2e/desktop-bridge.ts) runs the very same code against a real server. ipc-handlers.ts
// checks the sender and the payloads around it.

export interface LanClient {
  pin: typeof pinServerCertificate;
  post: typeof lanPost;
}

export const nodeLanClient: LanClient = { pin: pinServerCertificate, post: lanPost };

function viewOf(link: LanLink): NonNullable<IpcResponse<'lan:link'>> {
  return { host: link.host, port: link.port, fingerprint: link.fingerprint, seatId: link.seatId, name: link.name };
}

/** The server's or the network's refusal as data for the renderer (its message and field). */
function refusalOf(e: unknown): { ok: false; status: number; message: string; field?: string } {
  if (e instanceof LanError) return { ok: false, status: e.status, message: e.message, ...(e.field ? { field: e.field } : {}) };
  if (e instanceof LanLinkError) return { ok: false, status: 0, message: e.message };
  throw e;
}

/**
 * A sign-in's answer as the page gets it: the seat's sealed data key opened here (`dataKey`,
 * base64), or absent when the server kept none or one this seat cannot open.
 */
function openedSignIn(body: z.core.util.JSONType, link: LanLink): z.core.util.JSONType {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return body;
  const { seatKey, ...rest } = body;
  const key = typeof seatKey === 'string' ? unwrapSeatKey(seatKey, link.seatId, link.seatSecret) : null;
  return key ? { ...rest, dataKey: key.toString('base64') } : rest;
}

/** Routes main sends with this seat's credentials added. */
const SEAT_PROVEN = new Set(['/api/sign-in', '/api/change-password']);

export function lanChannels(store: LanLinkStore, client: LanClient) {
  return {
    async pair(request: IpcRequest<'lan:pair'>): Promise<IpcResponse<'lan:pair'>> {
      // Before the code is used up: a pairing this PC could not keep would leave a seat behind.
      if (!store.canSave()) return { ok: false, status: 0, message: '系统加密服务不可用，无法保存与服务器的配对' };
      try {
        const server = await client.pin(request.host, request.port, request.fingerprint);
        const seat = await client.post<{ seatId: string; seatSecret: string }>(server, '/api/pair', { code: request.code, name: request.name });
        const link: LanLink = { ...server, seatId: seat.seatId, seatSecret: seat.seatSecret, name: request.name.trim() };
        // This PC's data key goes to the server sealed under the seat's secret: without it an
        // office account new to this PC could not open its files. Kept or not at all.
        const wrappedKey = wrapSeatKey(Buffer.from(request.dataKey, 'base64'), link.seatId, link.seatSecret);
        try {
          await client.post(link, '/api/seat-key', { seatId: link.seatId, seatSecret: link.seatSecret, wrappedKey });
          await store.save(link);
        } catch (e) {
          await client.post(link, '/api/leave', { seatId: link.seatId, seatSecret: link.seatSecret }).catch(() => undefined);
          throw e;
        }
        return { ok: true, link: viewOf(link) };
      } catch (e) {
        return refusalOf(e);
      }
    },
    async link(): Promise<IpcResponse<'lan:link'>> {
      const link = await store.load();
      return link ? viewOf(link) : null;
    },
    async post({ path: route, body, token }: IpcRequest<'lan:post'>): Promise<IpcResponse<'lan:post'>> {
      const link = await store.load();
      if (!link) return { ok: false, status: 0, message: '本机尚未与局域网服务器配对' };
      // A sign-in (and a password change, proven the same way) proves the seat as well as the person: main adds the seat's credentials.
      const sent = SEAT_PROVEN.has(route) && body && typeof body === 'object' && !Array.isArray(body) ? { ...body, seatId: link.seatId, seatSecret: link.seatSecret } : body;
      try {
        const body = await client.post<z.core.util.JSONType>(link, route, sent, token);
        return { ok: true, body: route === '/api/sign-in' ? openedSignIn(body, link) : body };
      } catch (e) {
        return refusalOf(e);
      }
    },
    async unpair(): Promise<void> {
      const link = await store.load();
      if (link) {
        // The server is told first, so the seat cannot be used again from a copy; unreachable or
        // already revoked, the pairing is dropped here all the same.
        await client.post(link, '/api/leave', { seatId: link.seatId, seatSecret: link.seatSecret }).catch(() => undefined);
      }
      await store.remove();
    },
  };
}
