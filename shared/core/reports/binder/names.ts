import { findingNumber } from '../../../domain/numbering.ts';
import { extensionOf } from '../../ledger/evidence-names.ts';

/**
 * Names of the files in an evidence binder: {问题序号}-{措施序号}-{文件序号}-{题名}.{扩展名}, numbered
 * by the one numbering (numbering.ts), safe on Windows (none of \ / : * ? " < > |, no control or
 * direction characters, no trailing dot or space), short enough for a deep folder, and unique
 * (Windows compares names without case).
 */

/** Longest file name (characters): leaves room under Windows' 260-character path for the folders above. */
export const MAX_NAME_CHARS = 80;

const UNSAFE = /[\\/:*?"<>|\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\u061c\ufeff]/g;

/** A piece of a Windows file name: unsafe characters become "_", runs of spaces one, ends trimmed of dots and spaces. */
export function safeNamePart(text: string): string {
  return text.replace(UNSAFE, '_').replace(/\s+/g, ' ').replace(/^[. ]+|[. ]+$/g, '');
}

/** The 题名 of a file: its name without the extension. */
export function titleOf(originalName: string): string {
  const ext = extensionOf(originalName);
  const stem = ext ? originalName.slice(0, originalName.length - ext.length - 1) : originalName;
  return stem.trim() || '佐证材料';
}

export function binderFileName(findingSeq: string, measureSeq: number, fileSeq: number, originalName: string): string {
  const ext = extensionOf(originalName).replace(/[^a-z0-9]/g, '').slice(0, 10);
  const prefix = `${safeNamePart(findingNumber(findingSeq)) || '0'}-${measureSeq}-${fileSeq}-`;
  const room = Math.max(4, MAX_NAME_CHARS - prefix.length - (ext ? ext.length + 1 : 0));
  const title = [...safeNamePart(titleOf(originalName))].slice(0, room).join('').replace(/[. ]+$/, '') || '佐证材料';
  return `${prefix}${title}${ext ? `.${ext}` : ''}`;
}

/** Hands out names, adding "(2)", "(3)" … where one would repeat (case-insensitively) within its folder. */
export class UniqueNames {
  private readonly taken = new Set<string>();

  take(folder: string, name: string): string {
    const dot = name.lastIndexOf('.');
    const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
    let candidate = name;
    for (let n = 2; this.taken.has(`${folder}/${candidate}`.toLowerCase()); n++) candidate = `${stem}(${n})${ext}`;
    this.taken.add(`${folder}/${candidate}`.toLowerCase());
    return candidate;
  }
}
