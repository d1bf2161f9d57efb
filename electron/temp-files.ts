import fs from 'node:fs/promises';
import path from 'node:path';
import { safeFileName } from './file-names.ts';

/**
 * Files the app hands to other programs (an evidence file opened in Word, a print preview PDF)
 * live in a temp folder under the data folder, each in its own sub-folder so two files with the
 * same name never overwrite each other. Old ones are removed at the next start.
 */
export class TempFiles {
  constructor(readonly root: string) {}

  async write(kind: 'open' | 'print', fileName: string, bytes: Uint8Array): Promise<string> {
    const dir = path.join(this.root, kind, `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`);
    await fs.mkdir(dir, { recursive: true });
    const file = path.join(dir, safeFileName(fileName));
    await fs.writeFile(file, bytes);
    return file;
  }

  /** Remove what is older than `maxAgeMs`; a file still open in another program is left for next time. */
  async sweep(maxAgeMs = 24 * 60 * 60 * 1000): Promise<void> {
    const cutoff = Date.now() - maxAgeMs;
    for (const kind of ['open', 'print']) {
      const kindDir = path.join(this.root, kind);
      const entries = await fs.readdir(kindDir, { withFileTypes: true }).catch(() => []);
      for (const entry of entries) {
        const dir = path.join(kindDir, entry.name);
        const stat = await fs.stat(dir).catch(() => null);
        if (stat && stat.mtimeMs < cutoff) await fs.rm(dir, { recursive: true, force: true }).catch(() => {});
      }
    }
  }

  async remove(file: string): Promise<void> {
    await fs.rm(path.dirname(file), { recursive: true, force: true }).catch(() => {});
  }
}
