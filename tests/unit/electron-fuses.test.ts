import fs from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

/** The packaged app's Electron fuses, read from electron-builder.yml as electron-builder reads it. */
const require = createRequire(import.meta.url);
// js-yaml comes with electron-builder (no types of its own installed): only load() is used.
const yaml = require('js-yaml') as { load(text: string): unknown };
const config = yaml.load(fs.readFileSync('electron-builder.yml', 'utf8')) as { electronFuses?: Record<string, unknown> };
const scheme = JSON.parse(fs.readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as {
  properties: Record<string, unknown>;
  definitions: { FuseOptionsV1: { properties: Record<string, unknown> } };
};

describe('Electron fuses in electron-builder.yml', () => {
  it('close the doors to a plain Node and load only the shipped, checked app.asar', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('use the key and option names electron-builder 26 knows: its own validator accepts the file', async () => {
    expect(scheme.properties).toHaveProperty('electronFuses');
    const known = Object.keys(scheme.definitions.FuseOptionsV1.properties);
    for (const key of Object.keys(config.electronFuses ?? {})) expect(known).toContain(key);
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
      validateConfiguration(config: unknown, debug: { add(): void; isEnabled: boolean }): Promise<void>;
    };
    await expect(validateConfiguration(config, { add() {}, isEnabled: false })).resolves.toBeUndefined();
    // …and refuses a misspelt fuse, so the check above is a real one.
    await expect(validateConfiguration({ ...config, electronFuses: { runAsnode: false } }, { add() {}, isEnabled: false })).rejects.toThrow();
  });
});
