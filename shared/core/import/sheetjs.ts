import fs from 'node:fs';
import zlib from 'node:zlib';
import * as XLSX from 'xlsx';
import * as cptable from 'xlsx/dist/cpexcel.full.mjs';

/** The ESM build of SheetJS needs its file system and code pages handed to it (LIBRARY-NOTES). */
XLSX.set_fs(fs);
XLSX.set_cptable(cptable);
/**
 * SheetJS's own JavaScript inflater can loop forever on a damaged deflate stream (a few flipped
 * bytes in a sheet's XML are enough); Node's zlib fails at once with "invalid distance…" instead.
 */
XLSX.CFB.utils.use_zlib(zlibForSheetJs());

/**
 * SheetJS reads `bytesRead`, Node's deprecated name for `bytesWritten` (input consumed), and Node
 * prints a deprecation warning on every start for it: hand SheetJS an inflater that answers by the new name.
 */
function zlibForSheetJs(): typeof zlib {
  class InflateRaw extends zlib.InflateRaw {
    get bytesRead(): number {
      return this.bytesWritten;
    }
  }
  return { ...zlib, InflateRaw } as unknown as typeof zlib;
}

export { XLSX, cptable };
