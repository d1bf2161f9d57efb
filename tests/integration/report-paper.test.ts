import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEDGER_COLUMNS } from '../../shared/contract/reports.ts';
import type { Core } from '../../shared/core/context.ts';
import { getSettings, saveSettings } from '../../shared/core/ledger/settings.ts';
import { seedSynthetic } from '../../shared/core/sample/synthetic.ts';
import { measureNumber } from '../../shared/domain/numbering.ts';
import { callReport, fromBase64, tempCore, TODAY, zipEntry } from './report-fixtures.ts';
import { rawSql } from '../support/raw-sql.ts';

/**
 * Ledgers and letters on paper, read back from the files as a clerk's printer would take them:
 * the printed size of the ledger's text (font size × the scale the page setup gives), merged finding
 * cells, page breaks outside findings, units in the columns their headers name, one 序号 for a
 * measure everywhere, the unit fill-in sheet's 报送时限 and signature lines, and the 反馈函 on one
 * page (LibreOffice).
 */

let env: Awaited<ReturnType<typeof tempCore>>;
let core: Core;

beforeAll(async () => {
  env = await tempCore();
  core = env.core;
  await seedSynthetic(core, { findings: 150, seed: 11 });
  await saveSettings(core.db, {
    ...(await getSettings(core.db)),
    officeName: '中共广元市利州区委统一战线工作部',
    contactName: '王晓燕',
    contactPhone: '0839-3266512',
    replyDays: 15,
  });
});
afterAll(() => env.dispose());

async function ledger(input: Parameters<typeof callReport<'report:ledger-xlsx'>>[2]): Promise<{ bytes: Buffer; ws: ExcelJS.Worksheet }> {
  const bytes = fromBase64(await callReport(core, 'report:ledger-xlsx', input));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as never);
  return { bytes, ws: wb.getWorksheet('整改台账')! };
}

/** Paper sizes by the page setup's code, portrait millimetres. */
const PAPER_MM: Record<number, [number, number]> = { 9: [210, 297], 8: [297, 420] };

/**
 * The body text's size as printed, worked out from the file alone: Excel draws a column of width w
 * as trunc(w × 7 + 0.5) + 5 pixels for the default font's 7-pixel digits (asserted below), fits
 * the columns to the printable width (paper less margins) when fitToPage is set, in whole percent.
 */
function printed(ws: ExcelJS.Worksheet, bytes: Buffer, sheetFile: string): { paper: string; scale: number; bodyPt: number; printedPt: number } {
  const styles = zipEntry(bytes, 'xl/styles.xml');
  const firstFont = /<font>(.*?)<\/font>/.exec(styles)?.[1] ?? '';
  expect(firstFont).toContain('<sz val="11"/>');
  expect(firstFont).toContain('Calibri');
  const setup = ws.pageSetup;
  const [pw, ph] = PAPER_MM[setup.paperSize as number];
  const widthMm = setup.orientation === 'landscape' ? ph : pw;
  const printable = (widthMm / 25.4) * 72 - (setup.margins!.left + setup.margins!.right) * 72;
  const columns = (ws.columns ?? []).filter((c) => !c.hidden);
  const total = columns.reduce((sum, c) => sum + ((Math.floor((c.width ?? 8.43) * 7 + 0.5) + 5) * 72) / 96, 0);
  const sheetXml = zipEntry(bytes, sheetFile);
  const fit = sheetXml.includes('<pageSetUpPr fitToPage="1"/>');
  const scale = fit ? Math.floor(Math.min(1, printable / total) * 100) / 100 : (setup.scale ?? 100) / 100;
  // The body cells' font: the first data row's cells.
  let bodyPt = 0;
  ws.getRow(ws.rowCount).eachCell((cell) => (bodyPt = Math.max(bodyPt, cell.font?.size ?? 0)));
  return { paper: setup.paperSize === 9 ? 'A4' : 'A3', scale, bodyPt, printedPt: bodyPt * scale };
}

describe('the Excel 整改台账 on paper', () => {
  it('prints the default columns on A4 landscape with body text at 9 pt or more', async () => {
    const { bytes, ws } = await ledger({ filter: {} });
    const p = printed(ws, bytes, 'xl/worksheets/sheet1.xml');
    expect(p.paper).toBe('A4');
    expect(ws.pageSetup.orientation).toBe('landscape');
    expect(p.bodyPt).toBeGreaterThanOrEqual(10);
    expect(p.printedPt).toBeGreaterThanOrEqual(9);
    console.log(`A4 默认列：正文 ${p.bodyPt} pt × ${Math.round(p.scale * 100)}% = 打印 ${p.printedPt.toFixed(2)} pt`);
    // The header row repeats on every page, and the pages are numbered.
    expect(ws.pageSetup.printTitlesRow).toBe('3:3');
    expect(ws.headerFooter.oddFooter).toBe('&C第 &P 页 共 &N 页');
  });

  it('prints the statistics sheet on A4 portrait with every text at 9 pt or more', async () => {
    const { bytes, ws } = await ledger({ filter: {} });
    const stats = ws.workbook.getWorksheet('统计')!;
    const p = printed(stats, bytes, 'xl/worksheets/sheet2.xml');
    expect(p.paper).toBe('A4');
    expect(stats.pageSetup.orientation).toBe('portrait');
    let smallest = Infinity;
    stats.eachRow((row) => row.eachCell((cell) => {
      if (cell.text) smallest = Math.min(smallest, cell.font?.size ?? 11);
    }));
    expect(smallest * p.scale).toBeGreaterThanOrEqual(9);
    console.log(`统计表：最小字号 ${smallest} pt × ${Math.round(p.scale * 100)}% = 打印 ${(smallest * p.scale).toFixed(2)} pt`);
  });

  it('moves to A3 landscape when the clerk chooses every column, still at 9 pt or more', async () => {
    const { bytes, ws } = await ledger({ filter: {}, columns: [...LEDGER_COLUMNS] });
    expect(ws.columnCount).toBe(LEDGER_COLUMNS.length);
    const p = printed(ws, bytes, 'xl/worksheets/sheet1.xml');
    expect(p.paper).toBe('A3');
    expect(p.printedPt).toBeGreaterThanOrEqual(9);
    console.log(`A3 全部列：正文 ${p.bodyPt} pt × ${Math.round(p.scale * 100)}% = 打印 ${p.printedPt.toFixed(2)} pt`);
  });

  it('merges each finding\'s cells over exactly its measure rows, and breaks pages only between findings', async () => {
    const { bytes, ws } = await ledger({ filter: {}, columns: ['seq', 'category', 'finding', 'measure', 'leadUnit', 'units', 'deadline', 'status'], groupBy: 'category' });
    const merges = new Set(ws.model.merges);
    // Blocks of consecutive rows of one finding, by the 序号's finding part ("民革·3" of "民革·3-2").
    const blocks: { key: string; first: number; last: number }[] = [];
    for (let r = 4; r <= ws.rowCount; r++) {
      const seq = ws.getCell(r, 1).text;
      if (/^[一二三四五六七八九十]+、/.test(seq)) continue; // a category row
      const key = seq.replace(/-\d+$/, '');
      const last = blocks[blocks.length - 1];
      if (last && last.key === key && last.last === r - 1) last.last = r;
      else blocks.push({ key, first: r, last: r });
    }
    const multi = blocks.filter((b) => b.last > b.first);
    expect(multi.length).toBeGreaterThan(10);
    for (const b of multi) {
      for (const col of ['B', 'C']) expect(merges.has(`${col}${b.first}:${col}${b.last}`), `${col}${b.first}:${col}${b.last}`).toBe(true);
      // The measure's own cells are never merged.
      for (const col of ['A', 'D', 'E']) expect([...merges].some((m) => m.startsWith(`${col}${b.first}:`))).toBe(false);
    }
    const findingMerges = [...merges].filter((m) => /^[BC]\d+:[BC]\d+$/.test(m));
    expect(findingMerges).toHaveLength(multi.length * 2);
    // The merged text is the finding's, once, at the top of its block.
    const f = multi[0];
    expect(ws.getCell(`C${f.first}`).text.length).toBeGreaterThan(5);

    // Manual page breaks (Excel's <brk id> is the last row of a page) never fall inside a block.
    const sheetXml = zipEntry(bytes, 'xl/worksheets/sheet1.xml');
    const breaks = [...sheetXml.matchAll(/<brk id="(\d+)"/g)].map((m) => Number(m[1]));
    expect(breaks.length).toBeGreaterThan(3);
    for (const id of breaks) for (const b of multi) expect(id >= b.first && id < b.last, `break after row ${id} inside ${b.first}–${b.last}`).toBe(false);
  });

  it('puts the lead unit under 牵头单位 and the co-units under 配合单位', async () => {
    const m = rawSql(core)
      .prepare(
        `SELECT m.text, u.name AS lead, (SELECT group_concat(x.name, '、') FROM (SELECT cu.name FROM measure_co_units c JOIN units cu ON cu.id = c.unit_id WHERE c.measure_id = m.id ORDER BY cu.id) x) AS co
         FROM measures m JOIN units u ON u.id = m.lead_unit_id WHERE EXISTS (SELECT 1 FROM measure_co_units c WHERE c.measure_id = m.id)
           AND (SELECT count(*) FROM measures m2 WHERE m2.text = m.text) = 1 ORDER BY m.id LIMIT 1`,
      )
      .get() as { text: string; lead: string; co: string };
    const { ws } = await ledger({ filter: {}, columns: ['seq', 'measure', 'leadUnit', 'units'], groupBy: 'none' });
    expect((ws.getRow(3).values as unknown[]).slice(1)).toEqual(['序号', '整改措施', '牵头单位', '配合单位']);
    let found = false;
    ws.eachRow((row) => {
      if (row.getCell(2).text !== m.text) return;
      found = true;
      expect(row.getCell(3).text).toBe(m.lead);
      expect(row.getCell(4).text.split('、').sort()).toEqual(m.co.split('、').sort());
      expect(row.getCell(4).text).not.toContain(m.lead);
    });
    expect(found).toBe(true);
  });
});

describe('one numbering of findings and measures', () => {
  it('gives a measure the same 序号 in the ledger (however grouped), its unit\'s fill-in sheet and numbering.ts', async () => {
    const m = rawSql(core)
      .prepare(
        `SELECT m.id, m.text, m.seq, f.seq AS fseq, f.batch_id, u.name AS unit FROM measures m JOIN findings f ON f.id = m.finding_id JOIN units u ON u.id = m.lead_unit_id
         WHERE m.status = 'in_progress' AND m.seq = 2 ORDER BY m.id DESC LIMIT 1`,
      )
      .get() as { id: number; text: string; seq: number; fseq: string; batch_id: number; unit: string };
    // Synthetic texts repeat: make this one findable.
    m.text = `${m.text}（编号核对）`;
    rawSql(core).prepare('UPDATE measures SET text = ? WHERE id = ?').run(m.text, m.id);
    const expected = measureNumber(m.fseq, m.seq);
    expect(expected).toBe(`${m.fseq}-2`);

    const numberIn = (ws: ExcelJS.Worksheet, measureCol: number) => {
      const hits: string[] = [];
      ws.eachRow((row) => {
        if (row.getCell(measureCol).text === m.text) hits.push(row.getCell(1).text);
      });
      return hits;
    };
    const seen = new Set<string>();
    for (const groupBy of ['none', 'category', 'unit', 'party'] as const) {
      const { ws } = await ledger({ filter: {}, columns: ['seq', 'measure', 'leadUnit'], groupBy });
      const hits = numberIn(ws, 2);
      expect(hits, groupBy).toHaveLength(1);
      seen.add(hits[0]);
    }
    // The same string whatever the grouping; several batches in one ledger: the batch's mark in front.
    expect(seen.size).toBe(1);
    const inLedger = [...seen][0];
    const party = rawSql(core).prepare('SELECT o.party FROM batches b JOIN organizations o ON o.id = b.organization_id WHERE b.id = ?').pluck().get(m.batch_id) as string;
    expect(inLedger).toMatch(new RegExp(`^${party}[①-⑳]?·${expected.replace('-', '\\-')}$`));

    // A ledger of that batch alone: no mark, the plain number.
    const { ws: oneBatch } = await ledger({ filter: { batchId: m.batch_id }, columns: ['seq', 'measure'], groupBy: 'unit' });
    expect(numberIn(oneBatch, 2)).toEqual([expected]);

    // The unit's fill-in sheet: the plain number, under the heading of its batch.
    const { exportUnitSheets } = await import('../../shared/core/import/unit-sheets/export.ts');
    const out = await exportUnitSheets(core, { singleFile: true });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(out.files[0].base64, 'base64') as never);
    const sheet = wb.worksheets.find((w) => w.getCell('A1').text.startsWith(m.unit))!;
    expect(numberIn(sheet, 3)).toEqual([expected]);
  });
});

describe('the unit fill-in sheet on paper', () => {
  it('carries 报送时限, 填报人/联系电话 and 负责人签字/单位盖章 lines, and prints on A4 landscape at 9 pt or more', async () => {
    const { exportUnitSheets } = await import('../../shared/core/import/unit-sheets/export.ts');
    const out = await exportUnitSheets(core, { singleFile: false, dueDate: '2026-12-10' });
    const bytes = Buffer.from(out.files[0].base64, 'base64');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as never);
    const ws = wb.worksheets[0];
    expect(ws.getCell('A2').text).toContain('报送时限：请于2026年12月10日前报送');
    expect(ws.getCell('A2').text).toContain('联系人：王晓燕 0839-3266512');
    const texts = ws.getSheetValues().flat().map(String);
    expect(texts.some((t) => /^填报人：.*联系电话：/.test(t))).toBe(true);
    expect(texts.some((t) => /单位负责人（签字）：.*（单位盖章）/.test(t))).toBe(true);
    const p = printed(ws, bytes, 'xl/worksheets/sheet1.xml');
    expect(p.paper).toBe('A4');
    expect(ws.pageSetup.orientation).toBe('landscape');
    // The signature lines are the last rows; the body font is read from the last data row above them.
    let body = 0;
    for (let r = 4; r <= ws.rowCount; r++) if (ws.getCell(r, 11).text) body = Math.max(body, ws.getCell(r, 3).font?.size ?? 0);
    expect(body * p.scale).toBeGreaterThanOrEqual(9);
    console.log(`单位填报表：正文 ${body} pt × ${Math.round(p.scale * 100)}% = 打印 ${(body * p.scale).toFixed(2)} pt`);
    // By default the 报送时限 is 设置 › 反馈期限 days from today.
    const byDefault = await exportUnitSheets(core, { singleFile: true });
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(Buffer.from(byDefault.files[0].base64, 'base64') as never);
    expect(wb2.worksheets[0].getCell('A2').text).toContain('报送时限：请于2026年12月6日前报送'); // 2026-11-21 + 15
  });
});

describe('a returned fill-in sheet with batch headings and signature lines', () => {
  it('is read back: the filled row becomes one change, the headings and lines none, and no problem', async () => {
    const { exportUnitSheets } = await import('../../shared/core/import/unit-sheets/export.ts');
    const { invoke } = await import('../../shared/core/invoke.ts');
    const out = await exportUnitSheets(core, { singleFile: false, dueDate: '2026-12-10' });
    // A sheet whose unit has open measures in several batches, so it carries 反馈来源 heading rows.
    let chosen: { wb: ExcelJS.Workbook; name: string } | null = null;
    for (const f of out.files) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(f.base64, 'base64') as never);
      if (wb.worksheets[0].getSheetValues().flat().some((v) => String(v).startsWith('反馈来源：'))) {
        chosen = { wb, name: f.fileName };
        break;
      }
    }
    expect(chosen, 'a unit with open measures in two batches').not.toBeNull();
    const ws = chosen!.wb.worksheets[0];
    let filled = 0;
    for (let r = 4; r <= ws.rowCount && !filled; r++) {
      if (!ws.getCell(r, 11).text) continue; // a heading or signature row
      ws.getCell(r, 7).value = '已完成现场核查，形成整改报告';
      filled = r;
    }
    const base64 = Buffer.from(await chosen!.wb.xlsx.writeBuffer()).toString('base64');
    const reply = await invoke(core, 'unitSheets:preview', { files: [{ name: chosen!.name, base64 }] });
    expect(reply.ok).toBe(true);
    const preview = (reply as { ok: true; data: { changes: { progress?: { new: string } | null }[]; problems: unknown[] } }).data;
    expect(preview.problems).toEqual([]);
    expect(preview.changes).toHaveLength(1);
    expect(preview.changes[0].progress?.new).toBe('已完成现场核查，形成整改报告');
  });
});

describe('the blank ledger template on paper', () => {
  it('prints its fifteen columns on A3 landscape at 9 pt or more', async () => {
    const { blankTemplate } = await import('../../shared/core/import/template.ts');
    const bytes = Buffer.from((await blankTemplate()).base64, 'base64');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as never);
    const ws = wb.getWorksheet('整改台账')!;
    const p = printed(ws, bytes, 'xl/worksheets/sheet1.xml');
    expect(p.paper).toBe('A3');
    const body = ws.getCell('C4').font?.size ?? 0;
    expect(body).toBe(10);
    expect(body * p.scale).toBeGreaterThanOrEqual(9);
    console.log(`空白模板：正文 ${body} pt × ${Math.round(p.scale * 100)}% = 打印 ${(body * p.scale).toFixed(2)} pt（A3）`);
  });
});

const soffice = ['libreoffice', 'soffice'].find((cmd) => spawnSync('which', [cmd]).status === 0);
const hasPoppler = spawnSync('which', ['pdfinfo']).status === 0;
if (!soffice || !hasPoppler) console.warn('跳过反馈函一页测试：本机没有 LibreOffice 或 pdfinfo（.ci/run 会安装它们）');

describe('the 反馈函', () => {
  it('keeps 落款 with the body, puts the 附注 under the date, and asks for the answer by the day settings give', async () => {
    const batch = rawSql(core).prepare('SELECT batch_id FROM findings GROUP BY batch_id ORDER BY count(*) DESC LIMIT 1').pluck().get() as number;
    const xml = zipEntry(fromBase64(await callReport(core, 'report:reply-letter', { batchId: batch })), 'word/document.xml');
    const paragraphs = [...xml.matchAll(/<w:p>(.*?)<\/w:p>/g)].map((m) => ({
      xml: m[1],
      text: [...m[1].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''),
    }));
    const dateAt = paragraphs.findIndex((p) => p.text === '2026年11月21日');
    expect(dateAt).toBeGreaterThan(0);
    expect(paragraphs[dateAt - 1].text).toBe('中共广元市利州区委统一战线工作部');
    expect(paragraphs[dateAt + 1].text).toBe('（联系人：王晓燕，联系电话：0839-3266512）');
    // From the last body paragraph to the date, each keeps with the next (no lone 落款 on a page).
    for (let i = dateAt - 3; i <= dateAt; i++) expect(paragraphs[i].xml, paragraphs[i].text).toContain('<w:keepNext/>');
    expect(paragraphs[dateAt - 3].text).toContain('2026年12月6日前将意见反馈我部');
    // No ISO date in any paragraph, no sentence about zero items.
    for (const p of paragraphs) {
      expect(p.text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
      expect(p.text).not.toMatch(/[^\d.]0(个|条)/);
    }
  });

  it.skipIf(!soffice || !hasPoppler)('fits one page with long, realistic text (LibreOffice)', async () => {
    // The longest names a county office meets, and a batch with many findings still open.
    const batch = rawSql(core).prepare('SELECT batch_id FROM findings GROUP BY batch_id ORDER BY count(*) DESC LIMIT 1').pluck().get() as number;
    rawSql(core)
      .prepare('UPDATE batches SET topic = ?, doc_number = ? WHERE id = ?')
      .run('关于巩固拓展脱贫攻坚成果同乡村振兴有效衔接专项民主监督的反馈意见', '民革川委〔2026〕第17号', batch);
    rawSql(core)
      .prepare('UPDATE organizations SET name = ? WHERE id = (SELECT organization_id FROM batches WHERE id = ?)')
      .run('中国国民党革命委员会四川省广元市利州区委员会', batch);
    const open = rawSql(core).prepare("SELECT count(DISTINCT f.id) FROM findings f WHERE f.batch_id = ? AND f.status <> 'closed'").pluck().get(batch) as number;
    expect(open).toBeGreaterThan(10);
    const dir = path.join(env.dir, 'letter');
    fs.mkdirSync(dir, { recursive: true });
    const docx = path.join(dir, 'letter.docx');
    fs.writeFileSync(docx, fromBase64(await callReport(core, 'report:reply-letter', { batchId: batch })));
    execFileSync(soffice!, [`-env:UserInstallation=file://${path.join(dir, 'lo-profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, docx], {
      stdio: 'ignore',
      timeout: 180_000,
    });
    const pdf = docx.replace(/\.docx$/, '.pdf');
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);
    expect(pages).toBe(1);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text).toContain('中国国民党革命委员会四川省广元市利州区委员会：');
    expect(text).toContain('（联系人：王晓燕，联系电话：0839-3266512）');
    expect(text).toContain(`截至2026年11月21日`);
    expect(TODAY).toBe('2026-11-21');
  });
});
