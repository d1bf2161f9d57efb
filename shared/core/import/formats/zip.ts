import zlib from 'node:zlib';
import { refuse } from '../file-guard.ts';

/**
 * A small zip reader for our own formats (a Word document's parts). It trusts nothing the zip
 * says: the central directory gives where an entry is and what it claims to hold, inflation is
 * capped (`maxOutputLength`) so a lying size can never cost more than the caller's limit, and what
 * was really read is checked against the claim (size and CRC). Stored and deflated entries only.
 */

const DAMAGED = '文件已损坏（压缩结构不完整），无法读取。请用 Word 或 WPS 打开后重新保存再导入。';

export interface CentralEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
}

/** Names of the entries the zip's central directory lists; null when it is not a readable zip. */
export function zipEntryNames(bytes: Uint8Array): string[] | null {
  return centralDirectory(bytes)?.map((e) => e.name) ?? null;
}

/** The entries the central directory lists (where each is, what it claims), or null for no readable zip. */
export function centralDirectory(bytes: Uint8Array): CentralEntry[] | null {
  if (bytes.length < 22) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const stop = Math.max(0, bytes.length - 65_557);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= stop; i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = view.getUint16(eocd + 10, true);
  let offset = view.getUint32(eocd + 16, true);
  const decoder = new TextDecoder();
  const out: CentralEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (offset + 46 > bytes.length || view.getUint32(offset, true) !== 0x02014b50) return null;
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    if (offset + 46 + nameLength > bytes.length) return null;
    out.push({
      name: decoder.decode(bytes.subarray(offset + 46, offset + 46 + nameLength)),
      flags: view.getUint16(offset + 8, true),
      method: view.getUint16(offset + 10, true),
      crc: view.getUint32(offset + 16, true),
      compressedSize: view.getUint32(offset + 20, true),
      uncompressedSize: view.getUint32(offset + 24, true),
      localOffset: view.getUint32(offset + 42, true),
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return out;
}

const mb = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;

/**
 * The bytes of one entry, or null when the zip has no such entry. Refuses (Chinese message naming
 * the file) a damaged zip, an encrypted or unknown-method entry, and an entry larger than maxBytes,
 * whether the zip admits the size or not.
 */
export function readZipEntry(file: string, bytes: Uint8Array, name: string, maxBytes: number): Uint8Array | null {
  const entries = centralDirectory(bytes);
  if (!entries) throw refuse(file, DAMAGED);
  const entry = entries.find((e) => e.name === name);
  if (!entry) return null;
  if (entry.flags & 0x0001) throw refuse(file, `文件内部“${name}”已加密，无法读取。请在 Word 或 WPS 中取消密码后另存，再导入。`);
  if (entry.uncompressedSize === 0xffffffff || entry.compressedSize === 0xffffffff || entry.localOffset === 0xffffffff) {
    throw refuse(file, `文件内部“${name}”超过 ${mb(maxBytes)} 的导入上限，无法读取。`);
  }
  if (entry.uncompressedSize > maxBytes) {
    throw refuse(file, `文件内部“${name}”解压后有 ${mb(entry.uncompressedSize)}，超过 ${mb(maxBytes)} 的导入上限，请拆分后再导入。`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localOffset;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== 0x04034b50) throw refuse(file, DAMAGED);
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const end = start + entry.compressedSize;
  if (end > bytes.length) throw refuse(file, DAMAGED);
  const data = bytes.subarray(start, end);
  let out: Uint8Array;
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.uncompressedSize) throw refuse(file, DAMAGED);
    out = data;
  } else if (entry.method === 8) {
    try {
      // One byte past the claim: anything more than the zip admits stops inflation right there.
      out = zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, entry.uncompressedSize + 1) });
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code === 'ERR_BUFFER_TOO_LARGE') {
        throw refuse(file, `文件内部“${name}”解压后的实际大小超过文件声明的大小，疑似压缩炸弹或文件已损坏，已拒绝读取。`);
      }
      throw refuse(file, `文件已损坏（内部“${name}”无法解压），无法读取。请用 Word 或 WPS 打开后重新保存再导入。`);
    }
  } else {
    throw refuse(file, `文件内部“${name}”使用了不支持的压缩方式（${entry.method}），无法读取。请用 Word 或 WPS 打开后重新保存再导入。`);
  }
  if (out.length !== entry.uncompressedSize) {
    throw refuse(file, `文件已损坏（内部“${name}”解压后大小与声明不符），无法读取。请用 Word 或 WPS 打开后重新保存再导入。`);
  }
  if ((zlib.crc32(out) >>> 0) !== entry.crc >>> 0) {
    throw refuse(file, `文件已损坏（内部“${name}”校验不符），无法读取。请用 Word 或 WPS 打开后重新保存再导入。`);
  }
  return out;
}
