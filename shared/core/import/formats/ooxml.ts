/**
 * A small, fast XML tokenizer for the parts of an Office Open XML package (WordprocessingML).
 * It is not a general XML parser: no DTD, no entity definitions (so nothing can expand), no
 * namespace resolution (Word, WPS and LibreOffice all write the conventional prefixes: w:, mc:…).
 * Handlers receive element names as written, the raw attribute text, and raw text between tags.
 */

export interface XmlHandlers {
  open(name: string, attrs: string, selfClosing: boolean): void;
  close(name: string): void;
  /** Raw text between tags; decode it with `decodeXmlText` when needed. */
  text(raw: string): void;
}

export class XmlError extends Error {}

/** Walk the document once, calling the handlers in document order. */
export function scanXml(xml: string, h: XmlHandlers): void {
  const n = xml.length;
  let i = 0;
  while (i < n) {
    const lt = xml.indexOf('<', i);
    if (lt < 0) {
      if (i < n) h.text(xml.slice(i));
      return;
    }
    if (lt > i) h.text(xml.slice(i, lt));
    const c = xml.charCodeAt(lt + 1);
    if (c === 0x21 /* ! */) {
      if (xml.startsWith('<!--', lt)) {
        const e = xml.indexOf('-->', lt + 4);
        if (e < 0) throw new XmlError('unterminated comment');
        i = e + 3;
      } else if (xml.startsWith('<![CDATA[', lt)) {
        const e = xml.indexOf(']]>', lt + 9);
        if (e < 0) throw new XmlError('unterminated CDATA');
        // CDATA is literal text: escape what decodeXmlText would otherwise read as an entity.
        h.text(xml.slice(lt + 9, e).replace(/&/g, '&amp;'));
        i = e + 3;
      } else {
        // <!DOCTYPE …>: skipped whole (an internal subset ends with "]>"), never interpreted.
        const bracket = xml.indexOf('[', lt);
        const gt = xml.indexOf('>', lt);
        if (gt < 0) throw new XmlError('unterminated declaration');
        if (bracket >= 0 && bracket < gt) {
          const e = xml.indexOf(']>', bracket);
          if (e < 0) throw new XmlError('unterminated declaration');
          i = e + 2;
        } else i = gt + 1;
      }
      continue;
    }
    if (c === 0x3f /* ? */) {
      const e = xml.indexOf('?>', lt + 2);
      if (e < 0) throw new XmlError('unterminated processing instruction');
      i = e + 2;
      continue;
    }
    const gt = tagEnd(xml, lt + 1);
    if (gt < 0) throw new XmlError('unterminated tag');
    if (c === 0x2f /* / */) {
      h.close(xml.slice(lt + 2, gt).trim());
      i = gt + 1;
      continue;
    }
    const selfClosing = xml.charCodeAt(gt - 1) === 0x2f;
    const bodyEnd = selfClosing ? gt - 1 : gt;
    let nameEnd = lt + 1;
    while (nameEnd < bodyEnd) {
      const ch = xml.charCodeAt(nameEnd);
      if (ch === 0x20 || ch === 0x09 || ch === 0x0a || ch === 0x0d) break;
      nameEnd++;
    }
    h.open(xml.slice(lt + 1, nameEnd), nameEnd < bodyEnd ? xml.slice(nameEnd, bodyEnd) : '', selfClosing);
    i = gt + 1;
  }
}

/** The ">" ending a tag that starts at `from`, skipping ">" inside quoted attribute values. */
function tagEnd(xml: string, from: number): number {
  let quote = 0;
  for (let i = from, n = xml.length; i < n; i++) {
    const ch = xml.charCodeAt(i);
    if (quote) {
      if (ch === quote) quote = 0;
    } else if (ch === 0x3e) return i;
    else if (ch === 0x22 || ch === 0x27) quote = ch;
  }
  return -1;
}

const attrPatterns = new Map<string, RegExp>();

/** One attribute's decoded value from a tag's raw attribute text, or null. */
export function xmlAttr(attrs: string, name: string): string | null {
  if (!attrs) return null;
  let re = attrPatterns.get(name);
  if (!re) {
    re = new RegExp(`(?:^|\\s)${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`);
    attrPatterns.set(name, re);
  }
  const m = re.exec(attrs);
  if (!m) return null;
  return decodeXmlText(m[1] ?? m[2] ?? '');
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Replace the five XML entities and numeric references (&#20013; &#x4E2D;); unknown ones stay as written. */
export function decodeXmlText(raw: string): string {
  if (raw.indexOf('&') < 0) return raw;
  return raw.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]{2,8});/g, (whole, ref: string) => {
    if (ref.charCodeAt(0) === 0x23) {
      const code = ref.charCodeAt(1) === 0x78 ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return whole;
      return String.fromCodePoint(code);
    }
    return NAMED[ref] ?? whole;
  });
}
