import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkZipWorkbook } from '../../shared/core/import/file-guard.ts';
import { rawZip } from '../fixtures/import/docx-fixtures.ts';
import { callError, makeBatch, tableCounts, tempLedger } from '../fixtures/import/env.ts';
import { writeZip } from '../fixtures/import/zip-writer.ts';

/** Sizes a workbook states about itself are checked against what is actually read. */

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const parts = (sheetXml: Buffer) => [
  {
    name: '[Content_Types].xml',
    data: Buffer.from(
      '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    ),
  },
  { name: '_rels/.rels', data: Buffer.from(`<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`) },
  { name: 'xl/workbook.xml', data: Buffer.from(`<?xml version="1.0"?><workbook xmlns="${NS}" xmlns:r="${REL}"><sheets><sheet name="台账" sheetId="1" r:id="rId1"/></sheets></workbook>`) },
  { name: 'xl/_rels/workbook.xml.rels', data: Buffer.from(`<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`) },
  { name: 'xl/worksheets/sheet1.xml', data: sheetXml },
];

/** 100,000 rows written by hand under a dimension that claims ten. */
function lyingDimension(): Buffer {
  const rows = ['<row r="1"><c r="A1" t="inlineStr"><is><t>序号</t></is></c><c r="B1" t="inlineStr"><is><t>反馈问题</t></is></c></row>'];
  for (let r = 2; r <= 100_000; r++) rows.push(`<row r="${r}"><c r="A${r}"><v>${r - 1}</v></c></row>`);
  return writeZip(parts(Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${NS}"><dimension ref="A1:F10"/><sheetData>${rows.join('')}</sheetData></worksheet>`)));
}

/** A sheet that says 4 KB and inflates to 256 MB of spaces (deflated a megabyte at a time, sync-flushed). */
function understatedSizes(): Buffer {
  const chunks: Buffer[] = [];
  const mb = Buffer.alloc(1024 * 1024, 0x20);
  for (let i = 0; i < 256; i++) chunks.push(zlib.deflateRawSync(mb, { level: 9, finishFlush: zlib.constants.Z_SYNC_FLUSH }));
  chunks.push(zlib.deflateRawSync(Buffer.alloc(0)));
  const data = Buffer.concat(chunks);
  const others = parts(Buffer.alloc(0)).slice(0, 4).map((p) => ({ ...p, method: 8 as const, crc: zlib.crc32(p.data), declaredSize: p.data.length, data: zlib.deflateRawSync(p.data) }));
  return rawZip([...others, { name: 'xl/worksheets/sheet1.xml', data, method: 8, crc: 0, declaredSize: 4096 }]);
}

describe('a workbook that lies about its size', () => {
  let ledger: Awaited<ReturnType<typeof tempLedger>>;
  let batchId: number;
  beforeAll(async () => {
    ledger = await tempLedger();
    batchId = await makeBatch(ledger.core);
  });
  afterAll(() => ledger.dispose());

  it('100,000 rows under "A1:F10" are refused with the over-limit message, not cut to 50,000', async () => {
    const before = await tableCounts(ledger.core);
    const file = { name: '谎报行数.xlsx', base64: lyingDimension().toString('base64') };
    expect(await callError(ledger.core, 'import:preview', { file, batchId })).toMatchObject({
      code: 'file_refused',
      message: '文件“谎报行数.xlsx”工作表“台账”：实际行数超过每个工作表 50000 行的导入上限，请拆分后再导入。',
    });
    expect(await callError(ledger.core, 'import:commit', { file, batchId })).toMatchObject({ code: 'file_refused' });
    expect(await tableCounts(ledger.core)).toEqual(before);
  }, 60_000);

  it('a small zip that understates what it inflates to is refused before SheetJS reads it', () => {
    const bytes = understatedSizes();
    expect(bytes.length).toBeLessThan(2 * 1024 * 1024);
    const started = performance.now();
    expect(() => checkZipWorkbook('谎报大小.xlsx', bytes)).toThrow(
      '文件“谎报大小.xlsx”：文件内部“xl/worksheets/sheet1.xml”解压后的实际大小超过文件声明的大小，疑似压缩炸弹或文件已损坏，已拒绝读取。',
    );
    const ms = performance.now() - started;
    console.log(`[guard] ${Math.round(bytes.length / 1024)} KB zip claiming 4 KB for 256 MB: refused in ${ms.toFixed(1)} ms`);
    expect(ms).toBeLessThan(500);
  });
});
