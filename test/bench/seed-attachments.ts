import { createSHA256 } from 'hash-wasm';
import type { WenshuDB } from '../../renderer/db/database';
import { ATTACHMENT_CHUNK_SIZE, storeAttachmentChunks } from '../../renderer/db/repositories/attachments';
import { registerIncoming } from '../../renderer/db/repositories/incoming';
import type { Actor } from '../../renderer/db/types';
import type { AttachmentMeta } from '../../shared/domain/attachment-types';

// Scans at scale for the backup figure (issue #17): files of 50 MB (the default per-file limit) of
// pseudo-random bytes from a seed, on 收文 registered for them. The bytes go in through the
// restore/import writer (storeAttachmentChunks: sealed under the data key, a chunk per
// transaction) and the files' rows are written directly: attachment.add would read each file
// through a Blob first, which is not what the figure measures.

const FILE_MB = 50;

/** Chunk `n` of file `seed`: 1 MiB (the last shorter) of xorshift output. */
function chunkOf(seed: number, n: number, size: number): Uint8Array {
  const words = new Uint32Array(Math.ceil(size / 4));
  let x = (seed * 2654435761 + n * 40503 + 1) >>> 0 || 1;
  for (let i = 0; i < words.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    words[i] = x >>> 0;
  }
  return new Uint8Array(words.buffer, 0, size);
}

function* chunksOf(seed: number, size: number): Generator<Uint8Array> {
  for (let n = 0, at = 0; at < size; n++, at += ATTACHMENT_CHUNK_SIZE) yield chunkOf(seed, n, Math.min(ATTACHMENT_CHUNK_SIZE, size - at));
}

async function* asAsync(chunks: Iterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  yield* chunks;
}

/** Seeds `totalMB` of attachments in files of 50 MB (the last smaller); returns the files' count and bytes. */
export async function seedAttachments(db: WenshuDB, clerk: Actor, totalMB: number): Promise<{ files: number; bytes: number }> {
  const MB = 1024 * 1024;
  let left = totalMB * MB;
  let files = 0;
  let bytes = 0;
  while (left > 0) {
    const size = Math.min(FILE_MB * MB, left);
    const seed = files + 1;
    const doc = await registerIncoming(db, clerk, {
      receivedDate: '2026-11-20', fromUnit: '县财政局', docNumber: `县财发〔2026〕${seed}号`, title: `基准测试扫描件${seed}`, docType: '通知',
      classification: '非密', copies: 1, pages: 3, urgency: '普通', signedBy: '张秘书', handling: '办件',
    });
    const hash = await createSHA256();
    hash.init();
    for (const c of chunksOf(seed, size)) hash.update(c);
    const meta: AttachmentMeta = {
      id: `bench-att-${seed}`,
      ownerKind: 'incoming',
      ownerId: doc.id,
      role: '原件扫描件',
      name: `基准测试扫描件${seed}.pdf`,
      type: 'application/pdf',
      size,
      sha256: hash.digest('hex'),
      addedBy: { id: clerk.id, name: clerk.displayName },
      addedAt: new Date().toISOString(),
      chunkSize: ATTACHMENT_CHUNK_SIZE,
      chunkCount: Math.ceil(size / ATTACHMENT_CHUNK_SIZE),
    };
    const stored = await storeAttachmentChunks(db, meta, asAsync(chunksOf(seed, size)));
    await db.attachments.put(stored);
    files += 1;
    bytes += size;
    left -= size;
  }
  return { files, bytes };
}
