import Docxtemplater from 'docxtemplater';
import PizZip from 'pizzip';
import { AppError } from '../../../errors.ts';
import { centralDirectory } from '../../import/formats/zip.ts';
import { TemplatePlaces } from './paragraphs.ts';

/**
 * Opening an office's template with docxtemplater, safely: the default parser only (a tag is a
 * name looked up as an own property of the data — no expressions, no code from the template;
 * `constructor` or `__proto__` find nothing), raw-XML tags {@…} refused by the check, and the file
 * itself checked before it is inflated (a .docx, not encrypted, not a zip bomb).
 */

/** A placeholder docxtemplater found, with the loop it sits in. */
export interface FoundTag {
  name: string;
  /** 'loop' for {#名} / {^名}, 'rawxml' for {@名}, undefined for a plain {名}. */
  module: string | undefined;
  inverted: boolean;
  loop: string | null;
  file: string;
  offset: number;
}

export interface OpenedTemplate {
  doc: Docxtemplater<PizZip>;
  tags: FoundTag[];
  places: TemplatePlaces;
}

/** A docxtemplater error, as its properties carry it. */
export interface TemplateErrorInfo {
  id: string;
  xtag?: string;
  file?: string;
  offset?: number | number[];
  openingtag?: string;
  closingtag?: string;
  explanation?: string;
}

/** Thrown when docxtemplater refuses the template; the check turns each into Chinese. */
export class TemplateSyntaxErrors extends Error {
  constructor(
    readonly errors: TemplateErrorInfo[],
    readonly places: TemplatePlaces,
  ) {
    super('template errors');
  }
}

const MAX_UNZIPPED = 200 * 1024 * 1024;
const MAX_PARTS = 5000;

/** Refuses what is not a readable .docx, in words naming the file. */
export function assertDocx(bytes: Uint8Array, fileName: string): void {
  const label = `“${fileName}”`;
  if (bytes.length >= 8 && bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    throw new AppError('file_refused', `${label}是旧版 Word（.doc）或加密的文档。请在 Word 或 WPS 中“另存为”Word 文档（.docx，不设密码）后再选择。`);
  }
  const entries = centralDirectory(bytes);
  if (!entries || !entries.some((e) => e.name === 'word/document.xml')) {
    throw new AppError('file_refused', `${label}不是 Word 文档（.docx）。请在 Word 或 WPS 中把模板“另存为”.docx 格式后再选择。`);
  }
  if (entries.some((e) => e.flags & 1)) throw new AppError('file_refused', `${label}已加密，请在 Word 中取消密码后另存，再选择。`);
  const total = entries.reduce((n, e) => n + e.uncompressedSize, 0);
  if (entries.length > MAX_PARTS || total > MAX_UNZIPPED) {
    throw new AppError('file_refused', `${label}解压后过大（超过 200 MB），不像一份报告模板。请去掉大图片后另存再试。`);
  }
}

/**
 * Compile a template. Throws TemplateSyntaxErrors when docxtemplater finds unclosed tags,
 * unmatched loops and the like (each with the part and offset), AppError when the file is no .docx.
 */
export function openTemplate(bytes: Uint8Array, fileName: string): OpenedTemplate {
  assertDocx(bytes, fileName);
  let zip: PizZip;
  try {
    zip = new PizZip(bytes);
  } catch {
    throw new AppError('file_refused', `“${fileName}”已损坏，无法打开。请在 Word 中打开后重新保存再选择。`);
  }
  const places = new TemplatePlaces((file) => zip.file(file)?.asText() ?? null);
  const tags: FoundTag[] = [];
  try {
    const doc = new Docxtemplater(zip, {
      paragraphLoop: true,
      linebreaks: true,
      errorLogging: false,
      stripInvalidXMLChars: true,
      // Every tag is checked before a report is filled; anything still missing prints nothing, never "undefined".
      nullGetter: () => '',
      modules: [tagCollector(tags)],
    });
    return { doc, tags, places };
  } catch (err) {
    const list = (err as { properties?: { errors?: { properties?: TemplateErrorInfo }[] } & TemplateErrorInfo }).properties;
    if (list?.errors?.length) throw new TemplateSyntaxErrors(list.errors.map((e) => e.properties ?? { id: 'unknown' }), places);
    if (list?.id) throw new TemplateSyntaxErrors([list], places);
    throw new AppError('file_refused', `“${fileName}”无法作为模板读取（文件内部格式有误）。请在 Word 中打开后重新保存再选择。`);
  }
}

interface Part {
  type: string;
  value: string;
  module?: string;
  inverted?: boolean;
  offset: number;
  subparsed?: Part[];
}

/**
 * A docxtemplater module that only listens: for each templated part it is handed the compiled
 * tree (as the library's own inspect module is) and records every placeholder with its loop.
 */
function tagCollector(out: FoundTag[]) {
  let file = '';
  const walk = (parts: Part[], loop: string | null) => {
    for (const p of parts) {
      if (p.type !== 'placeholder') continue;
      out.push({ name: p.value, module: p.module, inverted: !!p.inverted, loop, file, offset: p.offset });
      if (p.subparsed) walk(p.subparsed, p.value);
    }
  };
  return {
    name: 'RectifyTagCollector',
    set(options: { inspect?: { filePath?: string; postparsed?: Part[] } }) {
      if (options.inspect?.filePath) file = options.inspect.filePath;
      if (options.inspect?.postparsed) walk(options.inspect.postparsed, null);
    },
  };
}
