import { SaxesParser } from 'saxes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../shared/core/context.ts';
import { requiredText, uploadedFile } from '../../shared/contract/common.ts';
import { callReport, fromBase64, seedLedger, tempCore, zipEntry, zipNames } from './report-fixtures.ts';
import { rawSql } from '../support/raw-sql.ts';

/**
 * Text XML cannot hold (U+FFFE, U+FFFF, control characters) reached the database around the
 * contract (an old import, a hand-edited file): the Word report and the Excel ledger must still
 * be files Word and Excel open. saxes (exceljs's own reader) parses every part strictly, as XML 1.0.
 */
const BAD = '\ufffe\uffff\u0001\u000b';

let env: Awaited<ReturnType<typeof tempCore>>;
let core: Core;

beforeAll(async () => {
  env = await tempCore();
  core = env.core;
  await seedLedger(core, 6);
  // Straight into SQLite, bypassing the contract that would have removed them.
  rawSql(core).prepare(`UPDATE findings SET text = ? || text, category = ? || category WHERE id = (SELECT min(id) FROM findings)`).run(`坏字符${BAD}问题`, BAD);
  rawSql(core).prepare(`UPDATE measures SET text = text || ? WHERE id = (SELECT min(id) FROM measures)`).run(`${BAD}措施尾`);
  rawSql(core).prepare(`UPDATE units SET name = name || ? WHERE id = (SELECT min(id) FROM units)`).run(`${BAD}`);
  rawSql(core).prepare(`INSERT INTO settings (key, value) VALUES ('app', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`).run(JSON.stringify({ officeName: `青山县委统战部${BAD}` }));
});
afterAll(() => env.dispose());

/** Every XML part of a zip package, parsed strictly; the errors found (none for a good file). */
function xmlErrors(bytes: Buffer): string[] {
  const errors: string[] = [];
  const parts = zipNames(bytes).filter((n) => /\.(xml|rels)$/.test(n));
  expect(parts.length).toBeGreaterThan(3);
  for (const name of parts) {
    const parser = new SaxesParser({ xmlns: true });
    parser.on('error', (e) => errors.push(`${name}: ${e.message}`));
    parser.write(zipEntry(bytes, name)).close();
  }
  return errors;
}

describe('text XML cannot hold', () => {
  it('the stored text does hold it (the test would prove nothing otherwise)', () => {
    expect(rawSql(core).prepare('SELECT text FROM findings ORDER BY id LIMIT 1').pluck().get()).toContain('\ufffe');
  });

  it('still gives a Word report whose every part is well-formed XML, with the finding in it', async () => {
    const docx = fromBase64(await callReport(core, 'report:word', { filter: {} }));
    expect(xmlErrors(docx)).toEqual([]);
    expect(zipEntry(docx, 'word/document.xml')).toContain('坏字符问题');
  });

  it('still gives an Excel ledger whose every part is well-formed XML, with the finding in it', async () => {
    const xlsx = fromBase64(await callReport(core, 'report:ledger-xlsx', { filter: {} }));
    expect(xmlErrors(xlsx)).toEqual([]);
    expect(zipEntry(xlsx, 'xl/sharedStrings.xml')).toContain('坏字符问题');
  });

  it('is dropped where text comes in: fields and uploaded file names', () => {
    expect(requiredText('反馈问题', 100).parse(` 资金${BAD}使用\t不规范 `)).toBe('资金使用\t不规范');
    expect(uploadedFile.parse({ name: `佐证${BAD}\ud800.pdf`, base64: '' }).name).toBe('佐证.pdf');
  });
});
