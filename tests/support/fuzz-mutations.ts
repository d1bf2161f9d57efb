import { readZipEntry, zipEntryNames } from '../../shared/core/import/formats/zip.ts';
import { entryData } from '../fixtures/import/docx-fixtures.ts';
import { writeZip } from '../fixtures/import/zip-writer.ts';

/**
 * Deterministic damage for the import fuzz test: each mutation takes a seeded random source and a
 * real file, and names what it did (printed when a case misbehaves, so it can be replayed).
 */

export { seededRng, type Rng } from '../../shared/domain/seeded-random.ts';
import type { Rng } from '../../shared/domain/seeded-random.ts';

const int = (rng: Rng, n: number) => Math.floor(rng() * n);
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[int(rng, xs.length)];

export interface Mutant {
  bytes: Buffer;
  how: string;
}
type Mutation = (rng: Rng, src: Buffer) => Mutant | null;

function range(rng: Rng, len: number, max = 4096): [number, number] {
  const start = int(rng, len);
  return [start, Math.min(len, start + 1 + int(rng, max))];
}

const truncate: Mutation = (rng, src) => {
  const at = int(rng, src.length);
  return { bytes: Buffer.from(src.subarray(0, at)), how: `truncate@${at}` };
};
const zeroRange: Mutation = (rng, src) => {
  const [a, b] = range(rng, src.length);
  const out = Buffer.from(src);
  out.fill(0, a, b);
  return { bytes: out, how: `zero[${a},${b})` };
};
const duplicateRange: Mutation = (rng, src) => {
  const [a, b] = range(rng, src.length);
  const at = int(rng, src.length);
  return { bytes: Buffer.concat([src.subarray(0, at), src.subarray(a, b), src.subarray(at)]), how: `dup[${a},${b})@${at}` };
};
const flipAnywhere: Mutation = (rng, src) => {
  const out = Buffer.from(src);
  const n = 1 + int(rng, 8);
  const at: number[] = [];
  for (let i = 0; i < n; i++) {
    const p = int(rng, out.length);
    out[p] ^= 1 + int(rng, 255);
    at.push(p);
  }
  return { bytes: out, how: `flip@${at.join(',')}` };
};
const randomInsert: Mutation = (rng, src) => {
  const at = int(rng, src.length);
  const noise = Buffer.from(Array.from({ length: 1 + int(rng, 64) }, () => pick(rng, [0, 0x22, 0x2c, 0x0a, 0x0d, 0x3c, 0xff, 0xfe, int(rng, 256)])));
  return { bytes: Buffer.concat([src.subarray(0, at), noise, src.subarray(at)]), how: `insert${noise.length}@${at}` };
};

function xmlEntries(zip: Buffer): string[] {
  return (zipEntryNames(zip) ?? []).filter((n) => n.endsWith('.xml') || n.endsWith('.rels'));
}

const flipInDeflate: Mutation = (rng, src) => {
  const names = xmlEntries(src);
  if (!names.length) return null;
  const name = pick(rng, names);
  const { start, length } = entryData(src, name);
  if (length < 2) return null;
  const out = Buffer.from(src);
  const n = 1 + int(rng, 6);
  for (let i = 0; i < n; i++) out[start + int(rng, length)] ^= 1 + int(rng, 255);
  return { bytes: out, how: `deflate-flip${n}:${name}` };
};

/** Every entry of a zip, inflated (null when the seed itself cannot be read this way). */
function unzip(zip: Buffer): { name: string; data: Buffer }[] | null {
  const names = zipEntryNames(zip);
  if (!names) return null;
  return names.map((name) => ({ name, data: Buffer.from(readZipEntry('seed', zip, name, 64 * 1024 * 1024) ?? Buffer.alloc(0)) }));
}

const xmlNoise: Mutation = (rng, src) => {
  const entries = unzip(src);
  const xml = entries?.filter((e) => e.name.endsWith('.xml') && e.data.length > 0);
  if (!entries || !xml?.length) return null;
  const target = pick(rng, xml);
  const data = Buffer.from(target.data);
  const n = 1 + int(rng, 12);
  for (let i = 0; i < n; i++) data[int(rng, data.length)] = pick(rng, [0x3c, 0x3e, 0x22, 0x26, 0x2f, 0x00, 0xff, 0xc3, int(rng, 256)]);
  return { bytes: writeZip(entries.map((e) => (e === target ? { name: e.name, data } : e))), how: `xml-noise${n}:${target.name}` };
};

const LIES = [0, 1, 7, 4096, 1_000_000, 0x7fffffff, 0xfffffffe, 0xffffffff];
/** Central directory sizes that lie (uncompressed, compressed, or both) for one entry. */
const lyingSizes: Mutation = (rng, src) => {
  const eocd = src.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) return null;
  const count = src.readUInt16LE(eocd + 10);
  const target = int(rng, count);
  const out = Buffer.from(src);
  let at = out.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    const nameLength = out.readUInt16LE(at + 28);
    if (i === target) {
      const which = pick(rng, ['uncompressed', 'compressed', 'both'] as const);
      const lie = pick(rng, LIES);
      if (which !== 'compressed') out.writeUInt32LE(lie >>> 0, at + 24);
      if (which !== 'uncompressed') out.writeUInt32LE(pick(rng, LIES) >>> 0, at + 20);
      return { bytes: out, how: `size-lie:${which}=${lie}:${out.subarray(at + 46, at + 46 + nameLength).toString()}` };
    }
    at += 46 + nameLength + out.readUInt16LE(at + 30) + out.readUInt16LE(at + 32);
  }
  return null;
};

const HUGE_REFS = ['A1:XFD1048576', 'A1:F10', 'A1:ZZ999999', 'A1:A1', 'B-1:A0', 'A1:XFD99999999999', 'A1'];
/** A worksheet whose <dimension> claims a size it does not have. */
const lyingDimension: Mutation = (rng, src) => {
  const entries = unzip(src);
  const sheets = entries?.filter((e) => /^xl\/worksheets\/sheet\d+\.xml$/.test(e.name));
  if (!entries || !sheets?.length) return null;
  const target = pick(rng, sheets);
  const ref = pick(rng, HUGE_REFS);
  let xml = target.data.toString('utf8');
  xml = /<dimension [^>]*\/>/.test(xml) ? xml.replace(/<dimension [^>]*\/>/, `<dimension ref="${ref}"/>`) : xml.replace(/(<worksheet[^>]*>)/, `$1<dimension ref="${ref}"/>`);
  return { bytes: writeZip(entries.map((e) => (e === target ? { name: e.name, data: Buffer.from(xml) } : e))), how: `dimension=${ref}:${target.name}` };
};

const ZIP_MUTATIONS: Mutation[] = [flipInDeflate, flipInDeflate, xmlNoise, lyingSizes, lyingDimension, truncate, zeroRange, duplicateRange, flipAnywhere];
const BINARY_MUTATIONS: Mutation[] = [flipAnywhere, flipAnywhere, truncate, zeroRange, duplicateRange, randomInsert];
const TEXT_MUTATIONS: Mutation[] = [flipAnywhere, truncate, zeroRange, duplicateRange, randomInsert, randomInsert];

/** One damaged copy of a real file, chosen by the random source among the mutations for its kind. */
export function mutate(rng: Rng, src: Buffer): Mutant {
  const isZip = src[0] === 0x50 && src[1] === 0x4b;
  const isOle = src[0] === 0xd0 && src[1] === 0xcf;
  const pool = isZip ? ZIP_MUTATIONS : isOle ? BINARY_MUTATIONS : TEXT_MUTATIONS;
  for (let tries = 0; tries < 10; tries++) {
    const m = pick(rng, pool)(rng, src);
    if (m) return m;
  }
  return flipAnywhere(rng, src)!;
}
