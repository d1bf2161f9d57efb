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
XLSX.CFB.utils.use_zlib(zlib);

export { XLSX, cptable };
