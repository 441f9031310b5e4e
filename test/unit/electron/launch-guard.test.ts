import { describe, expect, it, vi } from 'vitest';
import {
  forbiddenCommandLineSwitch,
  forbiddenLaunchSwitch,
  refusalMessage,
} from '../../../electron/launch-guard';

const EXE = 'C:\\Program Files\\文枢\\文枢.exe';

describe('forbiddenLaunchSwitch: debugging switches are refused in every spelling', () => {
  it.each<[string[], string]>([
    [['--remote-debugging-port=9222'], '--remote-debugging-port'],
    [['--remote-debugging-port', '9222'], '--remote-debugging-port'],
    [['--remote-debugging-port=0'], '--remote-debugging-port'],
    [['-remote-debugging-port=9222'], '--remote-debugging-port'],
    [['--REMOTE-DEBUGGING-PORT=9222'], '--remote-debugging-port'],
    [['--Remote-Debugging-Port'], '--remote-debugging-port'],
    [['---remote-debugging-port=9222'], '--remote-debugging-port'],
    [['--remote-debugging-pipe'], '--remote-debugging-pipe'],
    [['-remote-debugging-pipe'], '--remote-debugging-pipe'],
    [['--inspect'], '--inspect'],
    [['--inspect=9229'], '--inspect'],
    [['--inspect=0.0.0.0:9229'], '--inspect'],
    [['--inspect-brk'], '--inspect-brk'],
    [['--inspect-brk=9229'], '--inspect-brk'],
    [['--inspect-port=9229'], '--inspect-port'],
    [['--inspect-brk-node'], '--inspect-brk-node'],
    [['--inspect-wait'], '--inspect-wait'],
    [['-inspect'], '--inspect'],
    [['--INSPECT-BRK'], '--inspect-brk'],
    [['--js-flags=--allow-natives-syntax'], '--js-flags'],
    [['--js-flags', '--expose-gc'], '--js-flags'],
    [['--JS-FLAGS="--expose-gc"'], '--js-flags'],
    [['-js-flags=--expose-gc'], '--js-flags'],
  ])('%j names %s', (args, expected) => {
    expect(forbiddenLaunchSwitch([EXE, ...args], 'win32')).toBe(expected);
    expect(forbiddenLaunchSwitch(['/opt/wenshu/wenshu', ...args], 'linux')).toBe(expected);
  });

  it('finds a switch after harmless ones and after a -- terminator', () => {
    expect(forbiddenLaunchSwitch([EXE, '--lang=zh-CN', '--inspect'], 'win32')).toBe('--inspect');
    expect(forbiddenLaunchSwitch([EXE, '--', '--remote-debugging-port=9222'], 'win32')).toBe(
      '--remote-debugging-port',
    );
  });

  it('on Windows, /switch is a switch too (Chromium reads it so)', () => {
    expect(forbiddenLaunchSwitch([EXE, '/remote-debugging-port=9222'], 'win32')).toBe(
      '--remote-debugging-port',
    );
    expect(forbiddenLaunchSwitch([EXE, '/INSPECT'], 'win32')).toBe('--inspect');
    expect(forbiddenLaunchSwitch([EXE, '/js-flags=--expose-gc'], 'win32')).toBe('--js-flags');
  });

  it.each<[string[]]>([
    [[EXE]],
    [[EXE, '--lang=zh-CN']],
    [[EXE, '--enable-logging', '--force-device-scale-factor=1.5']],
    [['/opt/wenshu/wenshu', '/work/main']], // dev: electron <root>, an absolute path on POSIX
    [['/opt/wenshu/wenshu', '/inspections/main']],
    [[EXE, '--remote-debugging-portal']], // another name, not the switch
    [[EXE, '--', '']],
    [[]],
  ])('lets a normal launch through: %j', (argv) => {
    expect(forbiddenLaunchSwitch(argv, argv[0] === EXE ? 'win32' : 'linux')).toBeNull();
  });
});

describe('forbiddenCommandLineSwitch: Chromium’s own parsed command line is asked too', () => {
  it.each(['remote-debugging-port', 'remote-debugging-pipe', 'js-flags', 'inspect', 'inspect-brk', 'inspect-port'])(
    'names --%s',
    (name) => {
      const commandLine = { hasSwitch: vi.fn((s: string) => s === name) };
      expect(forbiddenCommandLineSwitch(commandLine)).toBe(`--${name}`);
    },
  );

  it('passes a command line without them', () => {
    expect(forbiddenCommandLineSwitch({ hasSwitch: () => false })).toBeNull();
  });
});

describe('refusalMessage', () => {
  it('is one line naming the switch in Chinese and English', () => {
    const message = refusalMessage('--remote-debugging-port');
    expect(message).toContain('文枢拒绝启动');
    expect(message).toContain('--remote-debugging-port');
    expect(message).toMatch(/refuses to start/);
    expect(message.trimEnd()).not.toContain('\n');
  });
});
