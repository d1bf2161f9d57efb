import os from 'node:os';
import path from 'node:path';

/**
 * Where the database and evidence files live when no folder is given: the same place Electron's
 * userData would be (%APPDATA%\整改台账 on Windows), so browser mode and the desktop app share data.
 * Always a local folder: WAL breaks on network shares.
 */
export function defaultDataDir(): string {
  if (process.env.RECTIFY_DATA_DIR) return path.resolve(process.env.RECTIFY_DATA_DIR);
  const home = os.homedir();
  const base =
    process.platform === 'win32'
      ? process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming')
      : process.platform === 'darwin'
        ? path.join(home, 'Library', 'Application Support')
        : process.env.XDG_CONFIG_HOME ?? path.join(home, '.config');
  return path.join(base, '整改台账');
}

/** `--data-dir D` or `--data-dir=D`. */
export function parseDataDirArg(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--data-dir' && argv[i + 1]) return path.resolve(argv[i + 1]);
    if (argv[i].startsWith('--data-dir=')) return path.resolve(argv[i].slice('--data-dir='.length));
  }
  return undefined;
}
