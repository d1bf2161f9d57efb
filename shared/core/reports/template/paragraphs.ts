/**
 * Naming a place in a template the way a clerk finds it in Word: "正文第 3 段“关于……”", "表格中“{#措施}…”",
 * "页眉“中共××县委统战部”". docxtemplater reports a tag's position as an offset into the part's text
 * (every <w:t> of the part, joined); this maps such an offset back to its paragraph.
 */

interface ParagraphSpan {
  /** 1-based among the part's non-empty paragraphs outside tables (0 inside a table). */
  number: number;
  text: string;
  start: number;
  end: number;
  inTable: boolean;
}

const TOKEN = /<w:p[ >]|<w:p\/>|<\/w:p>|<w:tbl[ >]|<\/w:tbl>|<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g;

/** Paragraphs of one part with the span of the part's text each holds (text boxes nest theirs inside a run). */
function paragraphSpans(xml: string): ParagraphSpan[] {
  const spans: ParagraphSpan[] = [];
  const open: { text: string; start: number; inTable: boolean }[] = [];
  let tables = 0;
  let offset = 0;
  for (const m of xml.matchAll(TOKEN)) {
    const token = m[0];
    if (token.startsWith('<w:tbl')) tables++;
    else if (token === '</w:tbl>') tables = Math.max(0, tables - 1);
    else if (token.startsWith('<w:p') && token !== '<w:p/>') open.push({ text: '', start: offset, inTable: tables > 0 });
    else if (token === '</w:p>') {
      const p = open.pop();
      if (p && p.text.trim()) spans.push({ number: 0, text: p.text, start: p.start, end: offset, inTable: p.inTable });
    } else if (token.startsWith('<w:t')) {
      const text = m[1] ?? '';
      for (const p of open) p.text += text;
      offset += text.length;
    }
  }
  spans.sort((a, b) => a.start - b.start);
  let n = 0;
  for (const s of spans) if (!s.inTable) s.number = ++n;
  return spans;
}

function partLabel(file: string): string {
  if (/word\/header\d*\.xml$/.test(file)) return '页眉';
  if (/word\/footer\d*\.xml$/.test(file)) return '页脚';
  if (/word\/footnotes\.xml$/.test(file)) return '脚注';
  if (/word\/endnotes\.xml$/.test(file)) return '尾注';
  return '正文';
}

const quote = (text: string) => {
  const t = decodeXml(text).replace(/\s+/g, ' ').trim();
  return `“${t.length > 18 ? `${t.slice(0, 18)}……` : t}”`;
};

export function decodeXml(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

/** Locates offsets in the parts of one template; each part's paragraphs are read once. */
export class TemplatePlaces {
  private readonly cache = new Map<string, ParagraphSpan[]>();
  constructor(private readonly readPart: (file: string) => string | null) {}

  /** Where `offset` (docxtemplater's, in `file`) is, in words; `hint` (the tag's text) locates it when no offset is given. */
  describe(file: string | undefined, offset: number | undefined, hint?: string): string {
    const part = file ?? 'word/document.xml';
    const label = partLabel(part);
    const spans = this.spans(part);
    let span: ParagraphSpan | undefined;
    if (typeof offset === 'number') span = spans.find((s) => offset >= s.start && offset < Math.max(s.end, s.start + 1)) ?? spans.findLast((s) => s.start <= offset);
    if (!span && hint) span = spans.find((s) => decodeXml(s.text).includes(hint));
    if (!span) return label;
    if (label !== '正文') return `${label}${quote(span.text)}`;
    return span.inTable ? `正文表格中${quote(span.text)}` : `正文第 ${span.number} 段${quote(span.text)}`;
  }

  private spans(file: string): ParagraphSpan[] {
    let spans = this.cache.get(file);
    if (!spans) {
      const xml = this.readPart(file);
      spans = xml ? paragraphSpans(xml) : [];
      this.cache.set(file, spans);
    }
    return spans;
  }
}
