import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

// LibreOffice headless (Debian's libreoffice-writer-nogui / -calc-nogui), the program many 信创 PCs
// open our DOCX and XLSX with (issue #15). CI installs it (.ci/run sets WENSHU_REQUIRE_SOFFICE=1, so
// a missing soffice fails there); elsewhere a test without it is skipped with a message.

function findSoffice(): string | null {
  for (const p of [process.env.SOFFICE_PATH, '/usr/bin/soffice', '/usr/lib/libreoffice/program/soffice']) {
    if (p && existsSync(p)) return p;
  }
  return null;
}

export const SOFFICE = findSoffice();

/** Why the LibreOffice tests do not run here, or null when they do (throws in CI without soffice). */
export function sofficeSkipReason(): string | null {
  if (SOFFICE) return null;
  if (process.env.WENSHU_REQUIRE_SOFFICE) throw new Error('soffice is missing but WENSHU_REQUIRE_SOFFICE is set: install libreoffice-writer-nogui and libreoffice-calc-nogui');
  return 'LibreOffice (soffice) is not installed: install libreoffice-writer-nogui and libreoffice-calc-nogui to run the DOCX/XLSX round trips';
}

/**
 * Writes `bytes` as `name` (e.g. 'minutes.docx') and converts it to PDF with LibreOffice, in a
 * profile of its own (two soffice runs sharing the user's profile block each other). Returns the
 * PDF's path.
 */
export function convertWithLibreOffice(bytes: Uint8Array, name: string): string {
  if (!SOFFICE) throw new Error('soffice not found');
  const dir = mkdtempSync(join(tmpdir(), 'wenshu-soffice-'));
  const input = join(dir, name);
  writeFileSync(input, bytes);
  const profile = pathToFileURL(join(dir, 'profile')).href;
  execFileSync(SOFFICE, [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', dir, input], {
    stdio: 'pipe',
    timeout: 120_000,
  });
  const pdf = join(dir, `${basename(name, extname(name))}.pdf`);
  if (!existsSync(pdf)) throw new Error(`LibreOffice did not convert ${name}`);
  return pdf;
}
