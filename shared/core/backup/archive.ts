import zlib from 'node:zlib';
import { AppError } from '../../errors.ts';

/**
 * The single file a backup is carried in (to a USB stick, to a new PC): a plain .zip any Windows
 * can open. Written and read here with Node's zlib: deflated entries, UTF-8 names, no zip64
 * (so at most 4 GB; the app's uploads stop at 50 MB long before that).
 */

export interface ArchiveEntry {
  name: string;
  data: Uint8Array;
}

function dosDateTime(d: Date): { time: number; date: number } {
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2),
    date: (Math.max(d.getFullYear() - 1980, 0) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

export function writeArchive(entries: readonly ArchiveEntry[], modified: Date): Buffer {
  const { time, date } = dosDateTime(modified);
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const packed = zlib.deflateRawSync(e.data, { level: 6 });
    // Already-compressed evidence (photos, PDFs) is stored as is.
    const method = packed.length < e.data.length ? 8 : 0;
    const body = method === 8 ? packed : Buffer.from(e.data.buffer, e.data.byteOffset, e.data.byteLength);
    const crc = zlib.crc32(e.data) >>> 0;
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(0x0800, 6);
    head.writeUInt16LE(method, 8);
    head.writeUInt16LE(time, 10);
    head.writeUInt16LE(date, 12);
    head.writeUInt32LE(crc, 14);
    head.writeUInt32LE(body.length, 18);
    head.writeUInt32LE(e.data.length, 22);
    head.writeUInt16LE(name.length, 26);
    parts.push(head, name, body);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0x0800, 8);
    dir.writeUInt16LE(method, 10);
    dir.writeUInt16LE(time, 12);
    dir.writeUInt16LE(date, 14);
    dir.writeUInt32LE(crc, 16);
    dir.writeUInt32LE(body.length, 20);
    dir.writeUInt32LE(e.data.length, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    central.push(dir, name);
    offset += 30 + name.length + body.length;
    if (offset > 0xffffffff) throw new AppError('file_refused', '备份超过 4 GB，无法打包成一个文件。请改用数据文件夹中的备份。');
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, cd, end]);
}

const MAX_TOTAL = 4 * 1024 ** 3;

/**
 * Every entry of an archive, each checked against its CRC. Inflation never goes past the size the
 * archive admits, so a crafted file cannot exhaust memory. `label` names the file in messages.
 */
export function readArchive(bytes: Uint8Array, label: string): Map<string, Buffer> {
  const damaged = (what: string) => new AppError('file_refused', `“${label}”不是完整的整改台账备份文件（${what}）。`);
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65_557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw damaged('不是压缩包，或文件不完整');
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const out = new Map<string, Buffer>();
  let total = 0;
  for (let i = 0; i < count; i++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== 0x02014b50) throw damaged('目录损坏');
    const flags = buf.readUInt16LE(at + 8);
    const method = buf.readUInt16LE(at + 10);
    const crc = buf.readUInt32LE(at + 16);
    const packedSize = buf.readUInt32LE(at + 20);
    const size = buf.readUInt32LE(at + 24);
    const nameLength = buf.readUInt16LE(at + 28);
    const skip = buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    at += 46 + nameLength + skip;
    if (flags & 1) throw damaged(`“${name}”已加密`);
    total += size;
    if (total > MAX_TOTAL) throw damaged('解压后超过 4 GB');
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== 0x04034b50) throw damaged(`“${name}”位置错误`);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    if (start + packedSize > buf.length) throw damaged(`“${name}”不完整`);
    const body = buf.subarray(start, start + packedSize);
    let data: Buffer;
    try {
      if (method === 0) data = body;
      else if (method === 8) data = zlib.inflateRawSync(body, { maxOutputLength: Math.max(1, size + 1) });
      else throw new Error('method');
    } catch {
      throw damaged(`“${name}”无法解压`);
    }
    if (data.length !== size || (zlib.crc32(data) >>> 0) !== crc) throw damaged(`“${name}”校验不符`);
    out.set(name, data);
  }
  return out;
}
