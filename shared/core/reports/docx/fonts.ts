/**
 * The fonts of GB/T 9704 公文, as East Asian fonts with the hint Word needs (LIBRARY-NOTES), and
 * the font table that names a fallback for each: a PC without the _GB2312 fonts (or without 方正小标宋)
 * shows 仿宋 / 楷体 / 宋体 from Windows instead of boxes. Word reads w:altName when a font is missing;
 * charset 86 (GB2312) keeps any further substitution on a Chinese font.
 */
export interface EastAsianFont {
  ascii: string;
  hAnsi: string;
  eastAsia: string;
  hint: 'eastAsia';
}

const LATIN = 'Times New Roman';
const font = (eastAsia: string): EastAsianFont => ({ ascii: LATIN, hAnsi: LATIN, eastAsia, hint: 'eastAsia' });

export const FONTS = {
  /** 标题: 方正小标宋简体 */
  title: font('方正小标宋简体'),
  /** 正文: 仿宋_GB2312 */
  body: font('仿宋_GB2312'),
  /** 一级标题: 黑体 */
  hei: font('黑体'),
  /** 二级标题: 楷体_GB2312 */
  kai: font('楷体_GB2312'),
  /** 宋体 */
  song: font('宋体'),
  /** 页码 "— 1 —": the digits in 宋体 as well, not in the Latin font. */
  pageNumber: { ascii: '宋体', hAnsi: '宋体', eastAsia: '宋体', hint: 'eastAsia' } as EastAsianFont,
} as const;

/** Half-points: 2号 22 pt, 3号 16 pt, 4号 14 pt, 小四 12 pt, 五号 10.5 pt. */
export const SIZE = { er: 44, san: 32, si: 28, xiaosi: 24, wu: 21 } as const;

/** Each East Asian font with the installed font Word falls back to, and its family. */
const FALLBACKS: { name: string; altName: string; family: 'roman' | 'modern' | 'swiss' }[] = [
  { name: '方正小标宋简体', altName: '宋体', family: 'roman' },
  { name: '仿宋_GB2312', altName: '仿宋', family: 'modern' },
  { name: '楷体_GB2312', altName: '楷体', family: 'modern' },
  { name: '黑体', altName: 'SimHei', family: 'modern' },
  { name: '宋体', altName: 'SimSun', family: 'roman' },
  { name: '仿宋', altName: 'FangSong', family: 'modern' },
  { name: '楷体', altName: 'KaiTi', family: 'modern' },
];

/** word/fontTable.xml, replacing the empty one the docx library writes. */
export function fontTableXml(): string {
  const entries = FALLBACKS.map(
    (f) =>
      `<w:font w:name="${f.name}"><w:altName w:val="${f.altName}"/><w:charset w:val="86"/><w:family w:val="${f.family}"/><w:pitch w:val="variable"/></w:font>`,
  ).join('');
  const latin = `<w:font w:name="${LATIN}"><w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>`;
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
    entries + latin +
    '</w:fonts>'
  );
}
