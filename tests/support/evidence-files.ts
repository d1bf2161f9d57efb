import zlib from 'node:zlib';
import { Document, Packer, Paragraph } from 'docx';
import ExcelJS from 'exceljs';
import { XLSX, cptable } from '../../shared/core/import/sheetjs.ts';
import { writeZip } from '../fixtures/import/zip-writer.ts';

/**
 * Real file headers for the 佐证材料 checks: documents written by the libraries the app itself uses
 * (docx, exceljs, SheetJS), images built to their specifications, and the first bytes of programs.
 */

/** A valid 1×1 PNG (signature, IHDR, IDAT, IEND with their CRCs). */
export function png(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body) >>> 0);
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(Buffer.from([0, 0xff, 0, 0]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A JFIF JPEG's opening segments (SOI, APP0) and end marker: what cameras and scanners write first. */
export function jpeg(): Buffer {
  return Buffer.concat([
    Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
    Buffer.from('JFIF\0', 'latin1'),
    Buffer.from([1, 1, 0, 0, 1, 0, 1, 0, 0]),
    Buffer.alloc(64, 0x11),
    Buffer.from([0xff, 0xd9]),
  ]);
}

/** A PDF (one page unless told) with its cross-reference table, as a scanner app writes it. */
export function pdf(text = '整改完成情况', pages = 1): Buffer {
  const kids = Array.from({ length: pages }, (_, i) => `${i + 3} 0 R`).join(' ');
  const objects = ['<< /Type /Catalog /Pages 2 0 R >>', `<< /Type /Pages /Kids [${kids}] /Count ${pages} >>`];
  for (let i = 0; i < pages; i++) objects.push('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>');
  let body = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Title (${Buffer.from(text).toString('hex')}) >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

export const gif = () => Buffer.concat([Buffer.from('GIF89a', 'ascii'), Buffer.from([1, 0, 1, 0, 0x80, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 0x01, 0, 0x3b])]);
/** An iPhone photo's ISO-BMFF box: size, "ftyp", brand "heic". */
export const heic = () => Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheic\0\0\0\0mif1heic', 'latin1'), Buffer.alloc(32)]);

/** A Windows program: the MZ stub pointing at a PE header, as every .exe starts. */
export function windowsExe(): Buffer {
  const b = Buffer.alloc(512);
  b.write('MZ', 0, 'latin1');
  b.writeUInt32LE(0x80, 0x3c);
  b.write('This program cannot be run in DOS mode.', 0x4e, 'latin1');
  b.write('PE\0\0', 0x80, 'latin1');
  b.writeUInt16LE(0x14c, 0x84);
  return b;
}

/** A Linux program: the ELF identification and header start. */
export const elf = () => Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(56, 0)]);

export async function docxFile(): Promise<Buffer> {
  return Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('关于扶贫资金拨付滞后问题的整改情况说明')] }] }));
}

export async function xlsxFile(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('整改台账').addRow(['序号', '反馈问题', '整改措施']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function sheetjsBook(bookType: 'biff8' | 'ods'): Buffer {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['序号', '反馈问题'], [1, '资金拨付滞后']]), '台账');
  return XLSX.write(wb, { bookType, type: 'buffer' }) as Buffer;
}
export const xlsFile = () => sheetjsBook('biff8');
export const odsFile = () => sheetjsBook('ods');

/** An OLE compound file with the given streams (and root class id): .doc/.wps, or an installer. */
export function oleFile(streams: string[], rootClsid?: string): Buffer {
  const CFB = (XLSX as unknown as { CFB: any }).CFB;
  const c = CFB.utils.cfb_new();
  for (const s of streams) CFB.utils.cfb_add(c, `/${s}`, Buffer.alloc(600, 0x41));
  if (rootClsid) c.FileIndex[0].clsid = rootClsid;
  return Buffer.from(CFB.write(c, { type: 'buffer' }));
}

const CT = (main: string) =>
  Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/main.xml" ContentType="${main}"/></Types>`);
export const pptxFile = () =>
  writeZip([
    { name: '[Content_Types].xml', data: CT('application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml') },
    { name: 'ppt/presentation.xml', data: Buffer.from('<p:presentation/>') },
  ]);
export const docmFile = () =>
  writeZip([
    { name: '[Content_Types].xml', data: CT('application/vnd.ms-word.document.macroEnabled.main+xml') },
    { name: 'word/document.xml', data: Buffer.from('<w:document/>') },
    { name: 'word/vbaProject.bin', data: Buffer.alloc(100, 1) },
  ]);
export const ofdFile = () => writeZip([{ name: 'OFD.xml', data: Buffer.from('<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"/>') }, { name: 'Doc_0/Document.xml', data: Buffer.from('<ofd:Document/>') }]);
export const plainZip = () => writeZip([{ name: '照片/1.jpg', data: jpeg() }, { name: 'setup.exe', data: windowsExe() }]);
export const gbkText = () => Buffer.from((cptable as unknown as { utils: { encode(cp: number, s: string): number[] } }).utils.encode(936, '整改情况说明：已完成资金拨付。'));
