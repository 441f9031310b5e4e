import { ESLint } from 'eslint';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// DESIGN.md's arrows are ESLint rules (eslint.config.js, ARROWS). Each case lints a one-line file
// as if it lived at `file`: a wrong-way import must be reported, the right-way one must not.

const eslint = new ESLint({ cwd: path.resolve(__dirname, '../../..') });

async function problems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport const x = 1;\n`, { filePath: path.resolve(__dirname, '../../..', file) });
  return (result?.messages ?? []).filter((m) => /no-restricted-(imports|properties)/.test(m.ruleId ?? '')).map((m) => m.message);
}

describe('the arrows of DESIGN.md', () => {
  it.each([
    ['renderer/features/incoming/X.tsx', "import { MeetingsPage } from '../meetings/MeetingsPage';", 'Features never import each other'],
    ['renderer/features/incoming/X.tsx', "import { AppLayout } from '../../app/AppLayout';", 'never import the app shell'],
    ['renderer/features/incoming/X.tsx', "import Dexie from 'dexie';", 'Only renderer/db talks to Dexie'],
    ['renderer/features/incoming/X.tsx', "import { useLiveQuery } from 'dexie-react-hooks';", 'Only renderer/db talks to Dexie'],
    ['renderer/features/incoming/X.tsx', "import { electronPlatform } from '../../platform/electron';", 'Only renderer/platform knows Electron'],
    ['renderer/ui/X.tsx', "import { IncomingPage } from '../features/incoming/IncomingPage';", 'imports none'],
    ['renderer/ui/X.tsx', "import { listIncoming } from '../db/repositories/incoming';", 'imports no repository'],
    ['renderer/ui/X.tsx', "import { App } from '../app/App';", 'never imports the app shell'],
    ['renderer/db/X.ts', "import { IncomingPage } from '../features/incoming/IncomingPage';", 'never import features'],
    ['renderer/print/X.tsx', "import { AppLayout } from '../app/AppLayout';", 'never import features'],
    ['shared/domain/X.ts', "import { appDatabase } from '../../renderer/db/database';", 'shared/ is pure'],
    ['shared/domain/X.ts', "import { useState } from 'react';", 'shared/ is pure'],
    ['renderer/app/X.tsx', "import { ipcRenderer } from 'electron';", 'Only renderer/platform knows Electron'],
    ['renderer/features/backup/X.ts', 'void window.wenshu;', 'Only renderer/platform knows Electron'],
    ['electron/server/X.ts', "import { app } from 'electron';", 'electron/server is plain Node'],
    ['electron/server/X.ts', "import { runCommand } from '../../renderer/db/commands/execute';", 'nothing of renderer or Dexie'],
  ])('%s: %s is refused', async (file, code, message) => {
    const found = await problems(file, code);
    expect(found.join('\n')).toContain(message);
  });

  it.each([
    ['renderer/features/incoming/X.tsx', "import { useActor } from '../../ui/session';"],
    ['renderer/features/incoming/X.tsx', "import { useLiveQuery } from '../../db/live';"],
    ['renderer/features/incoming/X.tsx', "import { RegisterList } from './RegisterList';"],
    ['renderer/ui/X.tsx', "import type { UserView } from '../db/repositories/users';"],
    ['renderer/app/X.tsx', "import { IncomingPage } from '../features/incoming/IncomingPage';"],
    ['renderer/platform/X.ts', "import { ipcRenderer } from 'electron';"],
    ['renderer/platform/X.ts', 'void window.wenshu;'],
    ['electron/server/X.ts', "import { applyIncomingAction } from '../../shared/domain/incoming';"],
  ])('%s: %s is allowed', async (file, code) => {
    expect(await problems(file, code)).toEqual([]);
  });
});
