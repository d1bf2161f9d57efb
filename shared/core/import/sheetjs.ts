import fs from 'node:fs';
import * as XLSX from 'xlsx';
import * as cptable from 'xlsx/dist/cpexcel.full.mjs';

/** The ESM build of SheetJS needs its file system and code pages handed to it (LIBRARY-NOTES). */
XLSX.set_fs(fs);
XLSX.set_cptable(cptable);

export { XLSX, cptable };
