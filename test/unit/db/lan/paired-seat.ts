import { lanChannels, nodeLanClient } from '../../../../electron/lan-ipc';
import type { LanLink } from '../../../../electron/lan-link';
import type { LanLinkCapability } from '../../../../renderer/platform/types';
import type { WenshuDB } from '../../../../renderer/db/database';
import { send } from '../../../../renderer/db/commands/client';
import { attachSeat, type Seat } from '../../../../renderer/db/lan/seat';
import { signInOnSeat } from '../../../../renderer/db/lan/seat-sign-in';
import { pairingDataKey } from '../../../../renderer/db/repositories/lan';
import { toActor } from '../../../../renderer/db/repositories/users';
import type { Actor } from '../../../../renderer/db/types';
import { afterAll, beforeAll } from 'vitest';
import { OFFICE_ACCOUNTS, OFFICE_PASSWORDS as PW, startLanServer, type TestLanServer } from '../../../fixtures/lan-server';
import { freshDb, setUpOffice } from '../helpers';

// A PC of the office LAN below the screens (issue #19): its database (fake-indexeddb), main's own
// lan:* code, and a link a test can cut (requests then fail as an unplugged cable's would).

export interface TestSeat {
  db: WenshuDB;
  actor: Actor;
  seat: Seat;
  cut: { on: boolean };
  link: Pick<LanLinkCapability, 'post'>;
}

/**
 * A PC set up, paired by its 系统管理员, then signed in with an office account of the server;
 * `standalone` first uses it alone (records of its own, before pairing).
 */
export async function pairSeat(lan: TestLanServer, name: string, login: keyof typeof PW, standalone?: (db: WenshuDB, admin: Actor) => Promise<void>): Promise<TestSeat> {
  const { db, cut, capability } = await pairPc(lan, name, standalone);
  const signed = await signInOnSeat(db, capability, login, PW[login]);
  if (!signed.ok || !signed.seat) throw new Error(`sign-in refused: ${signed.ok ? 'no seat' : signed.message}`);
  attachSeat(signed.seat);
  // The loop's timer is not wanted here: each step syncs when the test says.
  signed.seat.pause();
  return { db, actor: toActor(signed.user), seat: signed.seat, cut, link: capability };
}

/** A PC set up and paired by its 系统管理员, who has signed out: nobody signed in yet. */
export async function pairPc(lan: TestLanServer, name: string, standalone?: (db: WenshuDB, admin: Actor) => Promise<void>): Promise<{ db: WenshuDB; cut: { on: boolean }; capability: Pick<LanLinkCapability, 'post'> }> {
  const db = freshDb();
  const admin = await setUpOffice(db);
  await standalone?.(db, admin);
  let link: LanLink | null = null;
  const channels = lanChannels({ canSave: () => true, load: async () => link, save: async (l) => void (link = l), remove: async () => void (link = null) }, nodeLanClient);
  const paired = await channels.pair({ host: '127.0.0.1', port: lan.running.port, fingerprint: lan.identity.fingerprint, code: await lan.newCode(), name, dataKey: pairingDataKey(db) });
  if (!paired.ok) throw new Error(paired.message);
  // As 设置 → 局域网 does after main paired: logged, and this PC marked a seat.
  await send(db, admin, 'lan.recordLink', { change: '配对', host: paired.link.host, port: paired.link.port, fingerprint: paired.link.fingerprint, name });
  db.keyring.lock(); // the 系统管理员 signs out
  const cut = { on: false };
  const capability: Pick<LanLinkCapability, 'post'> = {
    post: (path, body, token) => (cut.on ? Promise.resolve({ ok: false, status: 0, message: '无法连接服务器：ECONNREFUSED' }) : channels.post({ path, body, ...(token ? { token } : {}) })),
  };
  return { db, cut, capability };
}

/**
 * The next command `s` sends reaches the server, but its answer is lost on the way back (as when
 * the link drops just then). `lost`: whether that has happened; `restore` puts the link back.
 */
export function loseNextAnswer(s: TestSeat): { readonly lost: boolean; restore(): void } {
  const post = s.link.post;
  let lost = false;
  s.link.post = async (path, body, token) => {
    const reply = await post(path, body, token);
    if (path === '/api/command' && !lost) {
      lost = true;
      return { ok: false, status: 0, message: '无法连接服务器：ETIMEDOUT' };
    }
    return reply;
  };
  return {
    get lost() {
      return lost;
    },
    restore: () => void (s.link.post = post),
  };
}

/** The file's office LAN server (OFFICE_ACCOUNTS): started before its tests, then `prepare`d, and stopped after them. */
export function officeServerForFile(prepare?: (lan: TestLanServer) => Promise<void>): { readonly lan: TestLanServer } {
  let started: TestLanServer | null = null;
  beforeAll(async () => {
    started = await startLanServer(OFFICE_ACCOUNTS);
    await prepare?.(started);
  }, 60_000);
  afterAll(async () => {
    await started?.stop();
  });
  return {
    get lan() {
      if (!started) throw new Error('the LAN server has not started');
      return started;
    },
  };
}
