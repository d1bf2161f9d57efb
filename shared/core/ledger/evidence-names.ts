/**
 * What a 佐证材料 may be called: the allowed types by extension, the names refused whatever the
 * content, and the cleaning of a name before anyone sees it. Kept free of heavy imports so the
 * Electron main process can share the extension list (it opens only these).
 */

/** Allowed extensions and the words a clerk knows them by. */
export const EVIDENCE_TYPES: Readonly<Record<string, string>> = {
  pdf: 'PDF 文件',
  doc: 'Word 文档',
  docx: 'Word 文档',
  xls: 'Excel 表格',
  xlsx: 'Excel 表格',
  ppt: 'PowerPoint 演示文稿',
  pptx: 'PowerPoint 演示文稿',
  wps: 'WPS 文字文档',
  et: 'WPS 表格',
  dps: 'WPS 演示文稿',
  ofd: 'OFD 版式文件',
  odt: 'ODF 文本文档',
  ods: 'ODF 电子表格',
  odp: 'ODF 演示文稿',
  jpg: 'JPEG 图片',
  jpeg: 'JPEG 图片',
  png: 'PNG 图片',
  gif: 'GIF 图片',
  bmp: 'BMP 图片',
  tif: 'TIFF 图片',
  tiff: 'TIFF 图片',
  webp: 'WebP 图片',
  heic: 'HEIC 图片（苹果手机照片）',
  heif: 'HEIF 图片',
  txt: '文本文件',
};

/** Programs and scripts Windows runs when opened: refused by name, whatever the bytes say. */
export const PROGRAM_EXTENSIONS: ReadonlySet<string> = new Set([
  'exe', 'bat', 'cmd', 'com', 'scr', 'lnk', 'js', 'jse', 'vbs', 'vbe', 'wsf', 'wsh', 'ps1', 'psm1',
  'msi', 'msp', 'hta', 'jar', 'pif', 'cpl', 'dll', 'reg', 'url', 'chm', 'sh', 'apk',
]);

/** Archives can hide programs we cannot see into; the clerk is asked to unpack them first. */
export const ARCHIVE_EXTENSIONS: ReadonlySet<string> = new Set(['zip', 'rar', '7z', 'gz', 'tgz', 'tar', 'bz2', 'xz', 'cab', 'iso', 'arj', 'lzh', 'z']);

/**
 * Direction controls (U+202A–U+202E, U+2066–U+2069, U+200E/F, U+061C) let "报告\u202Efdp.exe"
 * display as "报告exe.pdf"; zero-width characters hide parts of a name. All are dropped, as are
 * control characters (C0, DEL, C1).
 */
const INVISIBLE = /[\u202a-\u202e\u2066-\u2069\u200b-\u200f\u061c\ufeff\u0000-\u001f\u007f-\u009f]/g;
const RESERVED_CHARS = /[<>:"/\\|?*]/g;
const DEVICE_NAMES = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?$/i;

/**
 * A name as it will be shown and stored: no folders, no hidden characters, nothing Windows
 * refuses or silently drops (trailing dots and spaces hide the real extension), not too long.
 */
export function cleanEvidenceName(name: string): string {
  const base = (name.replace(/\\/g, '/').split('/').pop() ?? '').replace(INVISIBLE, '');
  let clean = base.replace(RESERVED_CHARS, '_').replace(/[. ]+$/, '').replace(/^[. ]+/, '').trim();
  if (!clean) clean = '文件';
  if (DEVICE_NAMES.test(clean)) clean = `_${clean}`;
  const ext = extensionOf(clean);
  if (!ext) return fitName(clean, 80);
  const stem = fitName(clean.slice(0, clean.length - ext.length - 1), 80) || '文件';
  return `${stem}.${clean.slice(-ext.length).slice(0, 10)}`;
}

/**
 * At most `chars` characters and 200 UTF-8 bytes, cut between characters: Linux and most disks
 * limit a file name to 255 bytes, and the stored name adds a prefix and an extension (80 Chinese
 * characters are 240 bytes).
 */
function fitName(text: string, chars: number): string {
  let out = '';
  let bytes = 0;
  let count = 0;
  for (const ch of text) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (count + 1 > chars || bytes + size > 200) break;
    out += ch;
    bytes += size;
    count += 1;
  }
  return out;
}

/** The extension (lower case, no dot) of a file name, or '' when it has none. */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 && dot < name.length - 1 ? name.slice(dot + 1).toLowerCase() : '';
}

export function isEvidenceExtension(ext: string): boolean {
  return Object.hasOwn(EVIDENCE_TYPES, ext);
}
