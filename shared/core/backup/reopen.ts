import type { Core } from '../context.ts';
import { openDatabase } from '../db/open.ts';

/**
 * Swap the ledger's files while the doors keep holding the same `core` object: close only its
 * connection (not `core.close()`, which also gives up the data folder's lock), let `replace`
 * change the files, then open again and put the new connection into the same object, whether
 * `replace` succeeded or not. `core.close` then closes the new connection and runs the original
 * close (its connection is already closed, so only the lock is released).
 */
export async function withDatabaseClosed<T>(core: Core, replace: () => Promise<T>): Promise<T> {
  await core.db.destroy();
  try {
    return await replace();
  } finally {
    const opened = await openDatabase(core.dataDir);
    const closeBefore = core.close;
    core.db = opened.db;
    core.sqlite = opened.sqlite;
    core.changeStamp = () => opened.changeStamp();
    core.close = async () => {
      try {
        await opened.close();
      } finally {
        await closeBefore();
      }
    };
  }
}
