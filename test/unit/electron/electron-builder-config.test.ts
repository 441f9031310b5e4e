import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const root = path.resolve(__dirname, '../../..');

interface BuilderConfig {
  appId: string;
  productName: string;
  files: string[];
  asar: boolean;
  publish: unknown;
  directories: { output: string };
  electronFuses: Record<string, boolean>;
  win: { target: Array<{ target: string }>; publish?: unknown };
  linux: { target: string[]; publish?: unknown };
  [key: string]: unknown;
}

const config = require(path.join(root, 'build/electron-builder.cjs')) as BuilderConfig;

describe('electron-builder configuration', () => {
  it('flips the fuses that turn the packaged app into a Node runtime or debugger off', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('has no publish target or update provider anywhere', () => {
    expect(config.publish).toBeNull();
    expect(config.win.publish ?? null).toBeNull();
    expect(config.linux.publish ?? null).toBeNull();
    const text = JSON.stringify(config);
    for (const provider of ['github', 'generic', 's3', 'spaces', 'bitbucket', 'keygen', 'snapStore']) {
      expect(text).not.toContain(`"provider":"${provider}"`);
    }
    expect(text).not.toMatch(/update/i);
  });

  it('packages dist/ and package.json into an asar, into release/', () => {
    expect(config.appId).toBe('cn.gov.wenshu');
    expect(config.productName).toBe('文枢');
    expect(config.files).toEqual(['dist/**/*', 'package.json']);
    expect(config.asar).toBe(true);
    expect(config.directories.output).toBe('release');
  });

  it('targets nsis + portable on Windows and AppImage + deb on Linux', () => {
    expect(config.win.target.map((t) => t.target)).toEqual(['nsis', 'portable']);
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
  });

  it("passes electron-builder's own schema validation", async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
      validateConfiguration(config: unknown, logger: unknown): Promise<void>;
    };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });
});
