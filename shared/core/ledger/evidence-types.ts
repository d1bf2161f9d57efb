import { AppError } from '../../errors.ts';
import { readZipEntry, zipEntryNames } from '../import/formats/zip.ts';
import { XLSX } from '../import/sheetjs.ts';
import { ARCHIVE_EXTENSIONS, EVIDENCE_TYPES, PROGRAM_EXTENSIONS, cleanEvidenceName, extensionOf, isEvidenceExtension } from './evidence-names.ts';

/**
 * A 佐证材料 is accepted only when its name is an allowed document or image type AND its bytes
 * are that type: the system opens a file by its extension, so an `.exe` renamed `.pdf` must be
 * caught here, before it is stored and before anyone double-clicks it.
 */

/** What the bytes are, as far as the first bytes and (for containers) the parts inside tell. */
export type ContentKind =
  | 'pdf' | 'jpeg' | 'png' | 'gif' | 'bmp' | 'tiff' | 'webp' | 'heic'
  | 'ole-word' | 'ole-excel' | 'ole-ppt' | 'ole-encrypted' | 'ole-installer' | 'ole-other'
  | 'docx' | 'xlsx' | 'pptx' | 'office-macro' | 'odt' | 'ods' | 'odp' | 'ofd' | 'zip-program' | 'zip' | 'zip-damaged'
  | 'program' | 'archive' | 'text' | 'unknown';

const SEEN: Record<ContentKind, string> = {
  pdf: 'PDF', jpeg: 'JPEG 图片', png: 'PNG 图片', gif: 'GIF 图片', bmp: 'BMP 图片', tiff: 'TIFF 图片', webp: 'WebP 图片', heic: 'HEIC 图片',
  'ole-word': 'Word 97-2003 文档', 'ole-excel': 'Excel 97-2003 表格', 'ole-ppt': 'PowerPoint 97-2003 演示文稿',
  'ole-encrypted': '加密的 Office 文档', 'ole-installer': 'Windows 安装程序', 'ole-other': '其他 Office 复合文件',
  docx: 'Word 文档（.docx）', xlsx: 'Excel 表格（.xlsx）', pptx: 'PowerPoint 演示文稿（.pptx）', 'office-macro': '含宏的 Office 文件',
  odt: 'ODF 文本文档', ods: 'ODF 电子表格', odp: 'ODF 演示文稿', ofd: 'OFD 版式文件',
  'zip-program': '可执行程序（Java 或安卓程序包）', zip: '压缩包', 'zip-damaged': '已损坏的压缩文件',
  program: '可执行程序', archive: '压缩包', text: '文本', unknown: '无法识别的内容',
};

const IMAGES: ContentKind[] = ['jpeg', 'png', 'gif', 'bmp', 'tiff', 'webp', 'heic'];
const OOXML_ENCRYPTED: ContentKind = 'ole-encrypted';

/**
 * Which contents each extension accepts. Images accept any image (phones and chat apps save PNG
 * or WebP as ".jpg"; every viewer reads them by content); old-system ".xls" exports are often
 * HTML or text, which Excel opens without running anything.
 */
const ACCEPTS: Record<string, ContentKind[]> = {
  pdf: ['pdf'],
  doc: ['ole-word'], wps: ['ole-word'],
  xls: ['ole-excel', 'text'], et: ['ole-excel'],
  ppt: ['ole-ppt'], dps: ['ole-ppt'],
  docx: ['docx', OOXML_ENCRYPTED], xlsx: ['xlsx', OOXML_ENCRYPTED], pptx: ['pptx', OOXML_ENCRYPTED],
  ofd: ['ofd'], odt: ['odt'], ods: ['ods'], odp: ['odp'],
  jpg: IMAGES, jpeg: IMAGES, png: IMAGES, gif: IMAGES, bmp: IMAGES, tif: IMAGES, tiff: IMAGES, webp: IMAGES, heic: IMAGES, heif: IMAGES,
  txt: ['text'],
};

const MIME: Record<string, string> = {
  pdf: 'application/pdf', doc: 'application/msword', wps: 'application/vnd.ms-works',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel', et: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ppt: 'application/vnd.ms-powerpoint', dps: 'application/vnd.ms-powerpoint',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  ofd: 'application/ofd', odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet', odp: 'application/vnd.oasis.opendocument.presentation',
  jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', gif: 'image/gif', bmp: 'image/bmp',
  tif: 'image/tiff', tiff: 'image/tiff', webp: 'image/webp', heic: 'image/heic', heif: 'image/heif',
  txt: 'text/plain',
};

export function mimeOf(name: string): string {
  return MIME[extensionOf(name)] ?? 'application/octet-stream';
}

export interface CheckedEvidence {
  /** The cleaned name, as stored and shown. */
  name: string;
  ext: string;
  mime: string;
}

const ALLOWED_WORDS = 'PDF、Word、Excel、PowerPoint、WPS、OFD、图片（JPG、PNG、GIF、BMP、TIFF、WebP、HEIC）或文本文件（.txt）';

/** Accept a file as 佐证材料, or refuse it with a message the clerk can act on. */
export function checkEvidenceFile(rawName: string, bytes: Uint8Array): CheckedEvidence {
  const name = cleanEvidenceName(rawName);
  const ext = extensionOf(name);
  const refused = (message: string) => new AppError('file_refused', `文件“${name}”${message}`, { file: name });
  if (bytes.length === 0) throw new AppError('invalid_input', `文件“${name}”是空文件，未添加`, { file: name });
  if (PROGRAM_EXTENSIONS.has(ext)) throw refused(`是可执行程序或脚本（.${ext}），不能作为佐证材料。`);
  if (ARCHIVE_EXTENSIONS.has(ext)) {
    throw refused(`是压缩包（.${ext}）。压缩包里可能夹带程序，无法逐一检查，不能作为佐证材料；请解压后添加其中的文档或图片。`);
  }
  if (!ext) throw refused(`没有扩展名，无法判断类型。佐证材料可以是${ALLOWED_WORDS}。`);
  if (!isEvidenceExtension(ext)) throw refused(`的类型（.${ext}）不能作为佐证材料。佐证材料可以是${ALLOWED_WORDS}。`);

  const seen = sniffContent(bytes);
  if (seen.kind === 'office-macro') {
    throw refused('含有宏（可以自动运行的程序代码），不能作为佐证材料。请在 Office 或 WPS 中另存为不含宏的文件后再添加。');
  }
  if (seen.inside) throw refused(`里面夹带了程序文件“${seen.inside}”，不能作为佐证材料。`);
  if (!ACCEPTS[ext].includes(seen.kind)) {
    const expected = ext === 'pdf' ? 'PDF' : EVIDENCE_TYPES[ext];
    const hint = seen.kind === 'program' || seen.kind === 'ole-installer' || seen.kind === 'zip-program' ? '' : '若文件没错，请用原程序重新保存或导出后再添加。';
    throw refused(`的内容不是 ${expected}（看起来是${SEEN[seen.kind]}），不能作为佐证材料。${hint}`);
  }
  return { name, ext, mime: MIME[ext] };
}

const startsWith = (b: Uint8Array, sig: number[], at = 0) => sig.every((v, i) => b[at + i] === v);
const ascii = (b: Uint8Array, from: number, to: number) => String.fromCharCode(...b.subarray(from, to));

/** What the bytes are. `inside` names a program found inside a container. */
export function sniffContent(b: Uint8Array): { kind: ContentKind; inside?: string } {
  // Acrobat accepts the %PDF- header anywhere in the first kilobyte.
  if (ascii(b, 0, Math.min(b.length, 1024)).includes('%PDF-')) return { kind: 'pdf' };
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { kind: 'png' };
  if (startsWith(b, [0xff, 0xd8, 0xff])) return { kind: 'jpeg' };
  if (/^GIF8[79]a/.test(ascii(b, 0, 6))) return { kind: 'gif' };
  if (ascii(b, 0, 2) === 'BM' && b.length > 18 && [12, 40, 52, 56, 108, 124].includes(b[14] | (b[15] << 8))) return { kind: 'bmp' };
  if (startsWith(b, [0x49, 0x49, 0x2a, 0x00]) || startsWith(b, [0x4d, 0x4d, 0x00, 0x2a])) return { kind: 'tiff' };
  if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP') return { kind: 'webp' };
  if (ascii(b, 4, 8) === 'ftyp' && /^(heic|heix|hevc|hevx|heim|heis|mif1|msf1|avif)$/.test(ascii(b, 8, 12))) return { kind: 'heic' };
  if (startsWith(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return { kind: oleKind(b) };
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04]) || startsWith(b, [0x50, 0x4b, 0x05, 0x06])) return zipKind(b);
  if (isProgram(b)) return { kind: 'program' };
  if (startsWith(b, [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07]) || startsWith(b, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]) || startsWith(b, [0x1f, 0x8b]) || ascii(b, 0, 4) === 'MSCF') {
    return { kind: 'archive' };
  }
  return { kind: isText(b) ? 'text' : 'unknown' };
}

function isProgram(b: Uint8Array): boolean {
  return (
    ascii(b, 0, 2) === 'MZ' || // Windows .exe/.dll/.scr
    startsWith(b, [0x7f, 0x45, 0x4c, 0x46]) || // ELF
    startsWith(b, [0xcf, 0xfa, 0xed, 0xfe]) || startsWith(b, [0xce, 0xfa, 0xed, 0xfe]) || startsWith(b, [0xca, 0xfe, 0xba, 0xbe]) || // Mach-O, Java class
    startsWith(b, [0x4c, 0x00, 0x00, 0x00, 0x01, 0x14, 0x02, 0x00]) || // Windows shortcut (.lnk)
    ascii(b, 0, 2) === '#!' // a script with its interpreter
  );
}

/** Text: no NUL anywhere, and valid UTF-8 (BOM or not) or GB18030, as Chinese Windows writes it. */
function isText(b: Uint8Array): boolean {
  if (b.includes(0)) return false;
  for (const encoding of ['utf-8', 'gb18030']) {
    try {
      new TextDecoder(encoding, { fatal: true }).decode(b);
      return true;
    } catch {
      /* try the next encoding */
    }
  }
  return false;
}

/** An OLE compound file: which program's document it holds, by its streams (SheetJS's CFB reader). */
function oleKind(b: Uint8Array): ContentKind {
  let names: Set<string>;
  let rootClsid = '';
  try {
    const cfb = (XLSX as unknown as { CFB: { read(d: Uint8Array, o: object): { FileIndex: { name: string; clsid?: string }[] } } }).CFB.read(b, { type: 'buffer' });
    names = new Set(cfb.FileIndex.map((e) => e.name));
    rootClsid = (cfb.FileIndex[0]?.clsid ?? '').toLowerCase();
  } catch {
    return 'ole-other';
  }
  // {000C1084-…-000000000046} is an .msi, 1086 a patch (.msp): installers run code when opened.
  if (/^8[4-6]100c0000000000c000000000000046$/.test(rootClsid)) return 'ole-installer';
  if (names.has('EncryptedPackage')) return 'ole-encrypted';
  if (names.has('WordDocument')) return 'ole-word';
  if (names.has('Workbook') || names.has('Book')) return 'ole-excel';
  if (names.has('PowerPoint Document')) return 'ole-ppt';
  return 'ole-other';
}

const OOXML_MAIN: [RegExp, ContentKind][] = [
  [/macroEnabled/i, 'office-macro'],
  [/wordprocessingml\.document\.main\+xml/, 'docx'],
  [/spreadsheetml\.sheet\.main\+xml/, 'xlsx'],
  [/presentationml\.presentation\.main\+xml/, 'pptx'],
];
const ODF_MIME: Record<string, ContentKind> = {
  'application/vnd.oasis.opendocument.text': 'odt',
  'application/vnd.oasis.opendocument.spreadsheet': 'ods',
  'application/vnd.oasis.opendocument.presentation': 'odp',
};

/** A zip: an Office or ODF document, an OFD, a program package, or a plain archive. */
function zipKind(b: Uint8Array): { kind: ContentKind; inside?: string } {
  const names = zipEntryNames(b);
  if (!names) return { kind: 'zip-damaged' };
  const program = names.find((n) => PROGRAM_EXTENSIONS.has(extensionOf(n.split('/').pop() ?? '')));
  const part = (entry: string, max: number): string | null => {
    const data = readZipEntry('佐证材料', b, entry, max);
    return data ? new TextDecoder().decode(data) : null;
  };
  try {
    if (names.includes('[Content_Types].xml')) {
      const types = part('[Content_Types].xml', 1024 * 1024) ?? '';
      const found = OOXML_MAIN.find(([re]) => re.test(types));
      if (found) return { kind: found[1], inside: program };
    }
    if (names.includes('mimetype')) {
      const odf = ODF_MIME[(part('mimetype', 200) ?? '').trim()];
      if (odf) return { kind: odf, inside: program };
    }
  } catch {
    return { kind: 'zip-damaged' };
  }
  if (names.includes('OFD.xml')) return { kind: 'ofd', inside: program };
  if (names.includes('META-INF/MANIFEST.MF') || names.includes('AndroidManifest.xml') || names.some((n) => n.endsWith('.class'))) return { kind: 'zip-program' };
  return { kind: 'zip' };
}
