// Attack F: a launcher (shortcut, script) that adds a debugging switch would let any local
// process read and drive the app's memory: decrypted records, the unlocked data key. The fuses
// turn Node's inspect flags off in packaged builds; Chromium's switches (--remote-debugging-port,
// --js-flags) have no fuse, so the app refuses to start when it sees any of them, in every mode
// (scripts/start.mjs launches Electron without them, so development does not need them either).

import type { CommandLine } from 'electron';

/** Switches refused exactly (compared lowercased, without dashes or a value). */
const FORBIDDEN_SWITCHES: readonly string[] = [
  'remote-debugging-port',
  'remote-debugging-pipe',
  'js-flags',
];

/** Every switch starting with this is refused: --inspect, --inspect-brk, --inspect-port, --inspect-brk-node, … */
const FORBIDDEN_PREFIX = 'inspect';

/** What app.commandLine.hasSwitch is asked (it takes exact names, lowercase). */
const COMMAND_LINE_SWITCHES: readonly string[] = [
  ...FORBIDDEN_SWITCHES,
  'inspect',
  'inspect-brk',
  'inspect-port',
  'inspect-brk-node',
  'inspect-wait',
  'inspect-publish-uid',
];

function isForbiddenName(name: string): boolean {
  return FORBIDDEN_SWITCHES.includes(name) || name.startsWith(FORBIDDEN_PREFIX);
}

/**
 * The first forbidden switch in argv, named as `--name` (lowercase), or null. Chromium takes
 * `--name`, `-name` and on Windows also `/name`, case-insensitively there, with `=value` or the
 * value as the next argument; all forms match. A `/` prefix counts on Windows only, where
 * Chromium reads it as a switch (elsewhere it is an absolute path).
 */
export function forbiddenLaunchSwitch(
  argv: readonly string[],
  platform: NodeJS.Platform = process.platform,
): string | null {
  const prefix = platform === 'win32' ? /^(?:-+|\/)/ : /^-+/; // extra dashes: refuse, not guess
  for (const arg of argv) {
    const dashes = prefix.exec(arg);
    if (dashes === null) continue;
    const name = (arg.slice(dashes[0].length).split('=', 1)[0] ?? '').trim().toLowerCase();
    if (isForbiddenName(name)) return `--${name}`;
  }
  return null;
}

/** The same rule asked of Chromium's own parsed command line, which has more sources than argv. */
export function forbiddenCommandLineSwitch(
  commandLine: Pick<CommandLine, 'hasSwitch'>,
): string | null {
  const found = COMMAND_LINE_SWITCHES.find((name) => commandLine.hasSwitch(name));
  return found === undefined ? null : `--${found}`;
}

/** The one-line refusal written to stderr. */
export function refusalMessage(switchName: string): string {
  return `文枢拒绝启动：不允许调试参数 ${switchName} / Wenshu refuses to start: debugging switch ${switchName} is not allowed\n`;
}
