import { describe, expect, test } from 'vitest';
import { newTransferPassphrase, normalizeTransferPassphrase, PASSPHRASE_ALPHABET } from '../../../../shared/domain/transfer';

// The one-time passphrase of a 迁移包: read aloud or copied from paper, so no symbol can be
// mistaken for another, and typed back in any case, with or without the dashes.

describe('迁移包口令', () => {
  test('5 groups of 4 from an alphabet without 0/O/1/I/L: about 99 bits', () => {
    expect(PASSPHRASE_ALPHABET).toHaveLength(31);
    expect(PASSPHRASE_ALPHABET).not.toMatch(/[0O1IL]/);
    expect(new Set(PASSPHRASE_ALPHABET).size).toBe(31);
    expect(20 * Math.log2(31)).toBeGreaterThan(99);
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const p = newTransferPassphrase();
      expect(p).toMatch(/^[A-HJKMNP-Z2-9]{4}(-[A-HJKMNP-Z2-9]{4}){4}$/);
      seen.add(p);
      for (const ch of p.replaceAll('-', '')) expect(PASSPHRASE_ALPHABET).toContain(ch);
    }
    expect(seen.size).toBe(200);
  });

  test('bytes that would bias the draw are drawn again', () => {
    // 248..255 are rejected (256 % 31 = 8): a source that starts with them still yields A… from 0.
    let call = 0;
    const source = (n: number) => {
      call += 1;
      return new Uint8Array(n).fill(call === 1 ? 250 : 0);
    };
    expect(newTransferPassphrase(source)).toBe('AAAA-AAAA-AAAA-AAAA-AAAA');
    expect(call).toBe(2);
  });

  test('typed back in lower case, with spaces, full-width dashes or none', () => {
    const p = 'K7MQ-3XHD-WP9R-TB2F-6NCV';
    const canonical = 'K7MQ3XHDWP9RTB2F6NCV';
    for (const typed of [p, p.toLowerCase(), 'k7mq 3xhd wp9r tb2f 6ncv', 'K7MQ－3XHD－WP9R－TB2F－6NCV', canonical, ' Ｋ7MQ-3XHD-WP9R-TB2F-6NCV ']) {
      expect(normalizeTransferPassphrase(typed)).toBe(canonical);
    }
  });
});
