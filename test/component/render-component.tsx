import { render, screen } from '@testing-library/react';
import { beforeAll, vi } from 'vitest';
import userEvent, { PointerEventsCheckLevel } from '@testing-library/user-event';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useEffect, useRef, type ReactNode } from 'react';
import { HashRouter, Route, Routes } from 'react-router';
import { DbProvider, useDb } from '../../renderer/db/DbContext';
import { WenshuDB } from '../../renderer/db/database';
import { currentUser } from '../../renderer/db/repositories/auth';
import type { Actor } from '../../renderer/db/types';
import { AuthProvider } from '../../renderer/app/AuthProvider';
import { useAuth } from '../../renderer/ui/session';

// One screen (or one feature's routes) over a database seeded through the repositories, for an
// actor already signed in: no login form, no navigation menu, no AppLayout. Signing in and moving
// between pages is covered end to end (test/e2e); here each test starts where its behaviour is.
//
// Seeding an office costs several argon2id runs (key slots, password hashes): a test file seeds
// once (beforeAll) and each test works on a clone of that database (cloneDb), so tests stay
// independent without paying for the accounts again.

dayjs.locale('zh-cn');

let n = 0;
/** A database of its own (fake-indexeddb, in memory). */
export function freshDb(): WenshuDB {
  n += 1;
  return new WenshuDB(`component-seeded-${n}-${Math.random().toString(36).slice(2)}`);
}

/** Every object store's rows as stored (sealed rows stay sealed), with their keys. */
function readAll(idb: IDBDatabase): Promise<Map<string, { keys: IDBValidKey[]; values: unknown[]; inline: boolean }>> {
  const names = [...idb.objectStoreNames];
  return new Promise((resolve, reject) => {
    const out = new Map<string, { keys: IDBValidKey[]; values: unknown[]; inline: boolean }>();
    const tx = idb.transaction(names, 'readonly');
    for (const name of names) {
      const store = tx.objectStore(name);
      const entry = { keys: [] as IDBValidKey[], values: [] as unknown[], inline: store.keyPath !== null };
      out.set(name, entry);
      store.getAllKeys().onsuccess = (e) => (entry.keys = (e.target as IDBRequest<IDBValidKey[]>).result);
      store.getAll().onsuccess = (e) => (entry.values = (e.target as IDBRequest<unknown[]>).result);
    }
    tx.oncomplete = () => resolve(out);
    tx.onerror = () => reject(tx.error ?? new Error('读取失败'));
  });
}

function writeAll(idb: IDBDatabase, data: Map<string, { keys: IDBValidKey[]; values: unknown[]; inline: boolean }>): Promise<void> {
  return new Promise((resolve, reject) => {
    const tx = idb.transaction([...data.keys()], 'readwrite');
    for (const [name, { keys, values, inline }] of data) {
      const store = tx.objectStore(name);
      values.forEach((v, i) => (inline ? store.put(v) : store.put(v, keys[i])));
    }
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('写入失败'));
  });
}

/**
 * A copy of `source` under a new name: the same files (rows copied as stored, still sealed under
 * the installation's key) and the same data key held, as if its user were signed in there too.
 * Rows are bound to their table and key, not to the database name, so they open unchanged.
 */
export async function cloneDb(source: WenshuDB): Promise<WenshuDB> {
  const copy = freshDb();
  await source.open();
  await copy.open();
  await writeAll(copy.backendDB(), await readAll(source.backendDB()));
  copy.keyring.unlock(source.keyring.exportDataKey());
  copy.keyring.strict = source.keyring.strict;
  return copy;
}

/** Signs `actor` in as the login form would (AuthContext.signIn with the stored account), then shows `children`. */
function SignedIn({ actorId, children }: { actorId: string; children: ReactNode }) {
  const db = useDb();
  const { phase, signIn } = useAuth();
  const started = useRef(false);
  useEffect(() => {
    if (phase !== 'signedOut' || started.current) return;
    started.current = true;
    void currentUser(db, actorId).then((u) => {
      if (!u) throw new Error(`no active account ${actorId}`);
      signIn(u);
    });
  }, [phase, signIn, actorId, db]);
  return phase === 'signedIn' ? <>{children}</> : null;
}

export interface RenderOptions {
  /** The route shown first, e.g. '/supervision' or '/filing?year=2026&tab=catalogue'. */
  at: string;
  /**
   * The route pattern `ui` is mounted on (as the app shell mounts it), e.g. '/supervision/*';
   * absent: `ui` is shown as is (it may hold its own <Routes>).
   */
  path?: string;
}

export type TestUser = ReturnType<typeof userEvent.setup>;

/**
 * Renders `ui` for `actor` on `db`, inside the providers the app gives every screen: antd in
 * zh_CN with the app's settings, the database, the signed-in session and the hash router at `at`.
 * Resolves once the session is signed in (the screen's own data may still be loading).
 */
export async function renderComponent(db: WenshuDB, actor: Actor, ui: ReactNode, { at, path }: RenderOptions) {
  window.location.hash = `#${at}`;
  const user: TestUser = userEvent.setup({ delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never });
  const result = render(
    // The same ConfigProvider settings as renderer/app/App.tsx: button names and no motion.
    <ConfigProvider locale={zhCN} button={{ autoInsertSpace: false }} theme={{ token: { colorPrimary: '#a8071a', borderRadius: 4, motion: false } }}>
      <AntApp>
        <DbProvider db={db}>
          <HashRouter>
            <AuthProvider>
              <SignedIn actorId={actor.id}>
                <div data-testid="signed-in">{path ? <Routes><Route path={path} element={ui} /></Routes> : ui}</div>
              </SignedIn>
            </AuthProvider>
          </HashRouter>
        </DbProvider>
      </AntApp>
    </ConfigProvider>,
  );
  await screen.findByTestId('signed-in', {}, { timeout: 10_000 });
  return { user, ...result };
}

/**
 * Seeds `office` once for the test file, on the tests' clock `now`; returns a function giving each
 * test its own clone, so tests stay independent without each paying for the seeding.
 */
export function seededOnce<O extends { db: WenshuDB }>(office: () => Promise<O>, now: Date): () => Promise<O> {
  let seeded: O | undefined;
  beforeAll(async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(now);
    try {
      seeded = await office();
    } finally {
      vi.useRealTimers();
    }
  }, 60_000);
  return async () => {
    if (!seeded) throw new Error('seededOnce: the office was not seeded');
    return { ...seeded, db: await cloneDb(seeded.db) };
  };
}
