import fs from 'node:fs';
import path from 'node:path';
import type { Core } from '../context.ts';
import { DB_FILE } from '../db/open.ts';
import { fsyncDir, fsyncFile, removeRetrying, renameRetrying } from './files.ts';
import { withDatabaseClosed } from './reopen.ts';

/**
 * Put a checked database file and its folders (evidence/, recycle/) in place of the ledger's own.
 * All were prepared inside the data folder (same disk, so each move is a rename). The old folders
 * go to `staging/before/`; if anything cannot be moved in, what was moved comes back.
 */
export async function swapLedgerFiles(core: Core, staging: string, db: string, folders: readonly string[]): Promise<void> {
  const live = path.join(core.dataDir, DB_FILE);
  fsyncFile(db);
  fs.mkdirSync(path.join(staging, 'before'), { recursive: true });
  await withDatabaseClosed(core, async () => {
    // A closed ledger has checkpointed its WAL; one left over must never be applied to the new file.
    for (const side of ['-wal', '-shm', '-journal']) await removeRetrying(live + side);
    const undo: (() => Promise<void>)[] = [];
    try {
      for (const folder of folders) {
        const current = path.join(core.dataDir, folder);
        const aside = path.join(staging, 'before', folder);
        const incoming = path.join(staging, folder);
        if (fs.existsSync(current)) {
          await renameRetrying(current, aside);
          undo.push(() => renameRetrying(aside, current));
        }
        if (fs.existsSync(incoming)) {
          await renameRetrying(incoming, current);
          undo.push(() => renameRetrying(current, incoming));
        }
      }
      await renameRetrying(db, live);
      fsyncDir(core.dataDir);
    } catch (err) {
      for (const u of undo.reverse()) await u();
      throw err;
    }
  });
}
