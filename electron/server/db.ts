import type pg from 'pg';

// The few database helpers every part of the LAN server shares.

/** Runs `fn` with a client of the pool, released however it ends. */
export async function withClient<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    return await fn(client);
  } finally {
    client.release();
  }
}

/** A server setting (wenshu_meta), or `fallback` when it was never set. */
export async function readMeta<T>(client: pg.ClientBase, key: string, fallback: T): Promise<T> {
  const { rows } = await client.query<{ value: T }>('SELECT value FROM wenshu_meta WHERE key = $1', [key]);
  return rows[0] ? rows[0].value : fallback;
}

export async function writeMeta(client: pg.ClientBase, key: string, value: unknown): Promise<void> {
  await client.query('INSERT INTO wenshu_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value', [key, JSON.stringify(value)]);
}
