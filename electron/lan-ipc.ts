import type { z } from 'zod';
import type { IpcRequest, IpcResponse } from '../shared/ipc';
import { LanError, lanPost, pinServerCertificate } from './lan-client';
import { LanLinkError, type LanLink, type LanLinkStore } from './lan-link';

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

export function lanChannels(store: LanLinkStore, client: LanClient) {
  return {
    async pair(request: IpcRequest<'lan:pair'>): Promise<IpcResponse<'lan:pair'>> {
      // Before the code is used up: a pairing this PC could not keep would leave a seat behind.
      if (!store.canSave()) return { ok: false, status: 0, message: '系统加密服务不可用，无法保存与服务器的配对' };
      try {
        const server = await client.pin(request.host, request.port, request.fingerprint);
        const seat = await client.post<{ seatId: string; seatSecret: string }>(server, '/api/pair', { code: request.code, name: request.name });
        const link: LanLink = { ...server, seatId: seat.seatId, seatSecret: seat.seatSecret, name: request.name.trim() };
        await store.save(link);
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
      // A sign-in proves the seat as well as the person: main adds the seat's credentials.
      const sent = route === '/api/sign-in' && body && typeof body === 'object' && !Array.isArray(body) ? { ...body, seatId: link.seatId, seatSecret: link.seatSecret } : body;
      try {
        return { ok: true, body: await client.post<z.core.util.JSONType>(link, route, sent, token) };
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
