import { main } from './cli';

// The entry point of `npm run server` (bundled by scripts/server.mjs): the real process's I/O.
async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('新账户的密码：');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const stop = new AbortController();
process.once('SIGINT', () => stop.abort());
process.once('SIGTERM', () => stop.abort());

main(process.argv.slice(2), { out: (l) => console.log(l), err: (l) => console.error(l), readStdin, env: process.env, stop: stop.signal }).then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
