import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isOpenableEvidence, safeFileName } from '../../electron/file-names.ts';
import { cleanEvidenceName } from '../../shared/core/ledger/evidence-names.ts';
import { checkEvidenceFile } from '../../shared/core/ledger/evidence-types.ts';
import * as f from '../support/evidence-files.ts';

/** The refusal message, or 'accepted' with the stored name. */
function verdict(name: string, bytes: Buffer): string {
  try {
    return `accepted ${checkEvidenceFile(name, bytes).name}`;
  } catch (err) {
    return (err as Error).message;
  }
}

describe('佐证材料 accepted by name and content', () => {
  it('takes real documents and images of every allowed type', async () => {
    const files: [string, Buffer][] = [
      ['整改说明.pdf', f.pdf()],
      ['现场照片.png', f.png()],
      ['现场照片.jpg', f.jpeg()],
      ['动图.gif', f.gif()],
      ['手机照片.heic', f.heic()],
      ['整改报告.docx', await f.docxFile()],
      ['台账.xlsx', await f.xlsxFile()],
      ['台账.xls', f.xlsFile()],
      ['台账.et', f.xlsFile()],
      ['台账.ods', f.odsFile()],
      ['旧版报告.doc', f.oleFile(['WordDocument'])],
      ['旧版报告.wps', f.oleFile(['WordDocument'])],
      ['汇报.pptx', f.pptxFile()],
      ['汇报.dps', f.oleFile(['PowerPoint Document'])],
      ['公文.ofd', f.ofdFile()],
      ['说明.txt', Buffer.from('整改情况说明：已完成。\r\n', 'utf8')],
      ['说明（GBK）.txt', f.gbkText()],
    ];
    for (const [name, bytes] of files) expect(verdict(name, bytes), name).toBe(`accepted ${name}`);
  });

  it('takes a PNG saved as ".jpg" (chat apps do this; viewers read the content)', () => {
    expect(verdict('微信图片.jpg', f.png())).toBe('accepted 微信图片.jpg');
  });
});

describe('佐证材料 refused', () => {
  it('refuses a program renamed .pdf, saying what it looks like', () => {
    expect(verdict('x.pdf', f.windowsExe())).toBe('文件“x.pdf”的内容不是 PDF（看起来是可执行程序），不能作为佐证材料。');
    expect(verdict('照片.png', f.elf())).toBe('文件“照片.png”的内容不是 PNG 图片（看起来是可执行程序），不能作为佐证材料。');
  });

  it('refuses programs and scripts by name, whatever the content', () => {
    for (const ext of ['exe', 'bat', 'cmd', 'com', 'scr', 'lnk', 'js', 'vbs', 'ps1', 'msi', 'hta', 'jar', 'EXE']) {
      expect(verdict(`整改报告.${ext}`, f.pdf())).toBe(`文件“整改报告.${ext}”是可执行程序或脚本（.${ext.toLowerCase()}），不能作为佐证材料。`);
    }
  });

  it('shows the real extension of a name disguised with direction controls, and refuses it', () => {
    // Displayed by Windows as "报告exe.pdf".
    expect(cleanEvidenceName('报告\u202Efdp.exe')).toBe('报告fdp.exe');
    expect(verdict('报告\u202Efdp.exe', f.pdf())).toMatch(/^文件“报告fdp\.exe”是可执行程序或脚本（\.exe）/);
    for (const c of ['\u202A', '\u202B', '\u202C', '\u202D', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u0007', '\u001b']) {
      expect(cleanEvidenceName(`整改${c}报告.pdf`)).toBe('整改报告.pdf');
    }
    // Trailing dots and spaces are dropped by Windows: they would hide ".exe" behind "exe.".
    expect(verdict('报告.exe. . ', f.pdf())).toMatch(/是可执行程序或脚本/);
  });

  it('keeps a long Chinese name within what a disk allows (255 bytes with the stored prefix)', () => {
    const long = `${'关于青山县扶贫资金使用情况的专项检查整改报告'.repeat(5)}.pdf`;
    const clean = cleanEvidenceName(long);
    expect(clean.endsWith('.pdf')).toBe(true);
    expect(Buffer.byteLength(`1732000000000-${clean}`, 'utf8')).toBeLessThanOrEqual(255);
    expect(clean.startsWith('关于青山县扶贫资金使用情况')).toBe(true);
    // A short name is left as it is.
    expect(cleanEvidenceName('整改报告.pdf')).toBe('整改报告.pdf');
  });

  it('refuses archives and says why', () => {
    for (const name of ['照片.zip', '材料.rar', '材料.7z']) {
      expect(verdict(name, f.plainZip())).toBe(`文件“${name}”是压缩包（${path.extname(name)}）。压缩包里可能夹带程序，无法逐一检查，不能作为佐证材料；请解压后添加其中的文档或图片。`);
    }
    expect(verdict('报告.docx', f.plainZip())).toMatch(/的内容不是 Word 文档（看起来是压缩包）/);
  });

  it('refuses Office files with macros, and installers dressed as documents', () => {
    expect(verdict('报告.docx', f.docmFile())).toMatch(/含有宏（可以自动运行的程序代码），不能作为佐证材料/);
    expect(verdict('报告.doc', f.oleFile(['SummaryInformation'], '84100c0000000000c000000000000046'))).toBe(
      '文件“报告.doc”的内容不是 Word 文档（看起来是Windows 安装程序），不能作为佐证材料。',
    );
    expect(verdict('报告.doc', f.xlsFile())).toMatch(/的内容不是 Word 文档（看起来是Excel 97-2003 表格）.*请用原程序重新保存/);
  });

  it('refuses text with NUL bytes, unknown bytes and types outside the list', () => {
    expect(verdict('说明.txt', Buffer.from('abc\0def'))).toMatch(/的内容不是 文本文件（看起来是无法识别的内容）/);
    expect(verdict('扫描件.pdf', Buffer.from([0xde, 0xad, 0xbe, 0xef, 0, 1, 2, 3]))).toMatch(/的内容不是 PDF（看起来是无法识别的内容）/);
    expect(verdict('网页.html', Buffer.from('<html></html>'))).toMatch(/^文件“网页\.html”的类型（\.html）不能作为佐证材料。佐证材料可以是PDF、Word/);
    expect(verdict('无扩展名', f.pdf())).toMatch(/没有扩展名，无法判断类型/);
    expect(verdict('空.pdf', Buffer.alloc(0))).toBe('文件“空.pdf”是空文件，未添加');
  });
});

describe('what the desktop shell agrees to open', () => {
  const data = path.resolve('/data/台账');
  it('opens only allowed files inside the data folder’s evidence/', () => {
    expect(isOpenableEvidence(data, path.join(data, 'evidence', '12', 'ab-报告.pdf'))).toBe(true);
    expect(isOpenableEvidence(data, path.join(data, 'evidence', '12', 'ab-报告.exe'))).toBe(false);
    expect(isOpenableEvidence(data, path.join(data, 'evidence', '..', 'ledger.sqlite3'))).toBe(false);
    expect(isOpenableEvidence(data, path.join(data, 'evidence-other', '1.pdf'))).toBe(false);
    expect(isOpenableEvidence(data, path.resolve('/etc/passwd.txt'))).toBe(false);
    expect(isOpenableEvidence(data, path.join(data, 'evidence'))).toBe(false);
  });

  it('strips direction controls from names it saves', () => {
    expect(safeFileName('报告\u202Efdp.exe')).toBe('报告fdp.exe');
  });
});
