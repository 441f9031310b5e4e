import { readFile } from 'node:fs/promises';
import { vi } from 'vitest';
import type { WebContents } from 'electron';
import { atomicWriteFile } from '../../../electron/atomic-write';
import { createAuditAnchorStore } from '../../../electron/audit-anchor';
import { createBackupFolderStore } from '../../../electron/backup-folder';
import type { IpcDeps } from '../../../electron/ipc-handlers';
import { createLanLinkStore } from '../../../electron/lan-link';
import { createSecretSealer } from '../../../electron/secret-seal';
import { nodeWriteStreamFs } from '../../../electron/write-streams';
import { electronFake } from './fake-electron';

/**
 * The main process's dependencies for a test: real files under `userData`, the fake keystore, no
 * dialog answered and no LAN server, unless `overrides` says otherwise.
 */
export function testIpcDeps(isOurs: (contents: WebContents) => boolean, userData: string, overrides: Partial<IpcDeps> = {}): IpcDeps {
  return {
    isOurWebContents: isOurs,
    askSavePath: vi.fn(async () => null),
    askOpenPath: vi.fn(async () => null),
    writeFileAtomic: (file, data) => atomicWriteFile(file, data),
    readFile: (file) => readFile(file),
    askFolderPath: vi.fn(async () => null),
    backupFolder: createBackupFolderStore(() => userData),
    writeStreamFs: nodeWriteStreamFs,
    auditAnchor: createAuditAnchorStore(() => userData, () => electronFake.safeStorage),
    secrets: createSecretSealer(() => electronFake.safeStorage),
    lanLink: createLanLinkStore(() => userData, () => electronFake.safeStorage),
    lan: { pin: vi.fn(), post: vi.fn() },
    ...overrides,
  };
}
