import path from 'node:path';
import { isEvidenceExtension } from '../shared/core/ledger/evidence-names.ts';

/**
 * A file name the renderer suggested, made safe to write on Windows: no folders, no reserved
 * characters or device names, not too long. Chinese characters are kept.
 */
const RESERVED = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?$/i;
/** Direction controls and zero-width characters disguise an extension ("报告\u202Efdp.exe"): dropped. */
const INVISIBLE = /[\u202a-\u202e\u2066-\u2069\u200b-\u200f\u061c\ufeff\u007f-\u009f]/g;

export function safeFileName(suggested: string, fallback = '文件'): string {
  const base = (suggested.split(/[\\/]/).pop() ?? '').replace(INVISIBLE, '');
  let name = base
    .replace(/[\u0000-\u001f<>:"|?*]/g, '_')
    .replace(/[. ]+$/, '')
    .trim();
  if (!name || /^\.+$/.test(name)) name = fallback;
  if (RESERVED.test(name)) name = `_${name}`;
  if (name.length > 180) {
    const dot = name.lastIndexOf('.');
    const ext = dot > 0 && name.length - dot <= 10 ? name.slice(dot) : '';
    name = name.slice(0, 180 - ext.length) + ext;
  }
  return name;
}

/** The extension (without dot, lower case) of a file name, or '' when it has none. */
export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 ? fileName.slice(dot + 1).toLowerCase() : '';
}

const FILTER_NAMES: Record<string, string> = {
  xlsx: 'Excel 工作簿',
  xls: 'Excel 97-2003 工作簿',
  docx: 'Word 文档',
  doc: 'Word 97-2003 文档',
  pdf: 'PDF 文件',
  csv: 'CSV 文件',
  zip: '压缩包',
  json: 'JSON 文件',
};

/** Save-dialog filters for a file name: its own type first, then 所有文件. */
export function saveFilters(fileName: string): Array<{ name: string; extensions: string[] }> {
  const ext = extensionOf(fileName);
  const all = { name: '所有文件', extensions: ['*'] };
  if (!ext) return [all];
  return [{ name: FILTER_NAMES[ext] ?? `${ext.toUpperCase()} 文件`, extensions: [ext] }, all];
}

/**
 * Defence in depth for opening 佐证材料: the shell hands the system only a file inside the data
 * folder's evidence/ (by its resolved real path, so a link cannot lead out) with an allowed
 * document or image extension, whatever the core answered.
 */
export function isOpenableEvidence(dataDir: string, realFile: string, realDataDir = dataDir): boolean {
  const root = path.resolve(realDataDir, 'evidence') + path.sep;
  const file = path.resolve(realFile);
  const inside = process.platform === 'win32' ? file.toLowerCase().startsWith(root.toLowerCase()) : file.startsWith(root);
  return inside && isEvidenceExtension(extensionOf(path.basename(file)));
}
