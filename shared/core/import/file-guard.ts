import { AppError } from '../../errors.ts';
// A cycle (zip.ts uses refuse/zipEntries from here) that is safe: only functions, used after load.
import { centralDirectory, readZipEntry } from './formats/zip.ts';

/**
 * Checks made on a file's bytes before any parser sees them: what it really is (not what its name
 * says), and whether a zip would inflate past what a ledger can plausibly be.
 */

export type FileKind = 'zip' | 'ole' | 'text';

/** Stated limits, also quoted in the messages. */
export const LIMITS = {
  maxRowsPerSheet: 50_000,
  maxColumns: 200,
  /** Sum of the uncompressed sizes a workbook's zip declares. */
  maxUnzippedBytes: 300 * 1024 * 1024,
  /** Uncompressed ÷ compressed for any single large part. */
  maxRatio: 200,
  /** Parts in one zip; real workbooks have tens, a few hundred with many images. */
  maxZipEntries: 5000,
} as const;

export function refuse(file: string, message: string, where: { sheet?: string; row?: number; column?: string } = {}): AppError {
  const place = [where.sheet ? `工作表“${where.sheet}”` : '', where.row ? `第 ${where.row} 行` : '', where.column ? `${where.column} 列` : '']
    .filter(Boolean)
    .join('');
  return new AppError('file_refused', `文件“${file}”${place ? place : ''}：${message}`, { file, ...where });
}

export function sniffKind(bytes: Uint8Array): FileKind | 'binary' {
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05)) return 'zip';
  if (bytes.length >= 8 && bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) return 'ole';
  // Text: no NUL bytes in the first 4 KB (UTF-16 text has them, and carries a BOM).
  const head = bytes.subarray(0, 4096);
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return 'text';
  for (const b of head) if (b === 0) return 'binary';
  return 'text';
}

export interface ZipEntry {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
}

/** The zip's central directory: names and declared sizes, without inflating anything. */
export function zipEntries(bytes: Uint8Array): ZipEntry[] | null {
  return centralDirectory(bytes);
}

/** Refuse a zip that is neither a workbook nor a Word document, or that declares more than it could honestly hold. */
export function checkZipWorkbook(file: string, bytes: Uint8Array): 'workbook' | 'docx' {
  const entries = zipEntries(bytes);
  if (!entries) throw refuse(file, '文件已损坏（压缩结构不完整），无法读取。请用 Excel 或 WPS 打开后重新保存再导入。');
  const names = new Set(entries.map((e) => e.name));
  const kind = names.has('word/document.xml') ? 'docx' : names.has('xl/workbook.xml') || names.has('xl/workbook.bin') || names.has('content.xml') ? 'workbook' : null;
  if (!kind) {
    const what = names.has('ppt/presentation.xml') ? 'PowerPoint 演示文稿' : '压缩包';
    throw refuse(file, `这是${what}，不是表格或 Word 文档，请选择 Excel/WPS 表格（.xlsx .xls .ods）、CSV/文本或 Word（.docx）文件。`);
  }
  let total = 0;
  for (const e of entries) {
    total += e.uncompressedSize;
    // 0xFFFFFFFF means the real size is in a zip64 record: a workbook that large is refused anyway.
    const zip64 = e.uncompressedSize === 0xffffffff || e.compressedSize === 0xffffffff;
    const ratio = e.uncompressedSize / Math.max(1, e.compressedSize);
    if (zip64 || (e.uncompressedSize > 10 * 1024 * 1024 && ratio > LIMITS.maxRatio)) {
      throw refuse(file, `文件内部“${e.name}”解压后异常膨胀（压缩比超过 ${LIMITS.maxRatio} 倍），疑似压缩炸弹，已拒绝读取。`);
    }
  }
  if (total > LIMITS.maxUnzippedBytes) {
    throw refuse(file, `文件解压后超过 ${LIMITS.maxUnzippedBytes / 1024 / 1024} MB，超出导入上限，请拆分后再导入。`);
  }
  verifyInflatedSizes(file, bytes, entries, kind);
  return kind;
}

/**
 * Declared sizes can lie (a 1 MB zip claiming small parts inflated to 1.1 GB in SheetJS before it
 * was refused): inflate each entry here, capped one byte past its claim, and check size and CRC,
 * before SheetJS sees the file. One entry at a time, so the cost in memory is the largest part.
 */
function verifyInflatedSizes(file: string, bytes: Uint8Array, entries: ZipEntry[], kind: 'workbook' | 'docx'): void {
  // readZipEntry looks an entry up by name: a repeated name could hide a second, lying entry.
  if (entries.length > LIMITS.maxZipEntries || new Set(entries.map((e) => e.name)).size !== entries.length) {
    throw refuse(file, '文件已损坏（压缩结构异常），无法读取。请用 Excel 或 WPS 打开后重新保存再导入。');
  }
  for (const e of entries) {
    try {
      readZipEntry(file, bytes, e.name, LIMITS.maxUnzippedBytes);
    } catch (err) {
      // readZipEntry speaks of Word documents; a workbook's clerk reopens it in Excel.
      if (kind === 'workbook' && err instanceof AppError) throw new AppError(err.code, err.message.replace(/Word 或 WPS/g, 'Excel 或 WPS'), err.details);
      throw err;
    }
  }
}
