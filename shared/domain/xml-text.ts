/**
 * Characters XML 1.0 cannot hold: C0 controls other than tab, line feed and carriage return,
 * U+FFFE/U+FFFF, and UTF-16 surrogates without their pair. One of them in any field (pasted from
 * a PDF, a web page, an old system) makes every Word and Excel file that contains it unreadable.
 */
const UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const HAS_UNSAFE = new RegExp(UNSAFE.source);

/** The text without the characters XML cannot hold (unchanged, and not copied, when it has none). */
export function xmlSafe(text: string): string {
  return HAS_UNSAFE.test(text) ? text.replace(UNSAFE, '') : text;
}
