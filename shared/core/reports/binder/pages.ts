/**
 * 页数 for the 材料清单, where it is cheap to know: a PDF's page tree says how many pages it has
 * (its root /Pages /Count), a photo or scan is one page. Anything else — Word files, whose page
 * count depends on the fonts of the PC that opens them, PDFs whose page tree is compressed — is
 * left blank for the clerk to fill, rather than guessed.
 */

const SINGLE_PAGE_IMAGES = new Set(['jpg', 'jpeg', 'png', 'gif', 'bmp', 'webp', 'heic', 'heif']);

export function pageCount(ext: string, bytes: Uint8Array): number | null {
  if (SINGLE_PAGE_IMAGES.has(ext)) return 1;
  if (ext === 'pdf') return pdfPages(bytes);
  return null;
}

function pdfPages(bytes: Uint8Array): number | null {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  let best = 0;
  // Each page-tree node states its /Count; the root's is the largest, whatever updates were appended.
  for (const m of text.matchAll(/\/Type\s*\/Pages\b/g)) {
    const around = text.slice(Math.max(0, m.index - 400), m.index + 400);
    for (const c of around.matchAll(/\/Count\s+(\d{1,6})\b/g)) best = Math.max(best, Number(c[1]));
  }
  if (best > 0) return best;
  let pages = 0;
  for (const _ of text.matchAll(/\/Type\s*\/Page(?![a-zA-Z])/g)) pages++;
  return pages > 0 ? pages : null;
}
