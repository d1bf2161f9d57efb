/**
 * 责任单位 cells → one lead unit and co-operating units. Handles lists split by 、，,；; or line
 * breaks, "牵头：A；配合：B、C", "A（牵头）、B", "A牵头，B、C配合".
 */
export interface SplitUnits {
  lead: string | null;
  co: string[];
}

const SEPARATORS = /[、，,；;\n\r\/／]+|\s{2,}/;

export function splitUnitList(text: string): string[] {
  return text
    .split(SEPARATORS)
    .map((s) => s.replace(/^(?:及|和|以及)/, '').replace(/[等。.\s]+$/, '').replace(/^[\s"“”]+|[\s"“”]+$/g, '').trim())
    .filter((s) => s.length > 0 && !/^(?:无|\/|-|—)$/.test(s));
}

const LEAD_LABEL = /(?:牵头单位|牵头部门|牵头|主办单位|主办|主责单位|主责)[:：]/;
const CO_LABEL = /(?:配合单位|配合部门|配合|协办单位|协办|参与单位|参与)[:：]/;

export function splitUnits(leadCell: string | null, coCell: string | null): SplitUnits {
  let lead: string[] = [];
  let co: string[] = [];
  // "A（牵头）" outranks a name merely written first.
  const markedLead: string[] = [];
  const take = (cell: string, isCoColumn: boolean) => {
    const t = cell.trim();
    if (!t) return;
    const leadAt = t.search(LEAD_LABEL);
    const coAt = t.search(CO_LABEL);
    if (leadAt >= 0 || coAt >= 0) {
      // "牵头：A；配合：B、C" in either order.
      const parts: { kind: 'lead' | 'co'; start: number; body: number }[] = [];
      if (leadAt >= 0) parts.push({ kind: 'lead', start: leadAt, body: leadAt + LEAD_LABEL.exec(t.slice(leadAt))![0].length });
      if (coAt >= 0) parts.push({ kind: 'co', start: coAt, body: coAt + CO_LABEL.exec(t.slice(coAt))![0].length });
      parts.sort((a, b) => a.start - b.start);
      const head = t.slice(0, parts[0].start).trim();
      if (head) (isCoColumn ? co : lead).push(...splitUnitList(head));
      parts.forEach((p, i) => {
        const body = t.slice(p.body, parts[i + 1]?.start ?? t.length);
        (p.kind === 'lead' ? lead : co).push(...splitUnitList(body));
      });
      return;
    }
    for (const name of splitUnitList(t)) {
      const marked = /^(.+?)[（(]?(牵头|主办|主责)[）)]?$/.exec(name);
      const coMarked = /^(.+?)[（(]?(配合|协办|参与)[）)]?$/.exec(name);
      if (marked) markedLead.push(marked[1]);
      else if (coMarked) co.push(coMarked[1]);
      else (isCoColumn ? co : lead).push(name);
    }
  };
  if (leadCell) take(leadCell, false);
  if (coCell) take(coCell, true);
  lead = [...markedLead, ...lead];
  // Several names in the lead cell: the first leads, the rest co-operate.
  if (lead.length > 1) {
    co = [...lead.slice(1), ...co];
    lead = lead.slice(0, 1);
  }
  if (lead.length === 0 && co.length > 0) lead = [co.shift()!];
  const leadName = lead[0] ?? null;
  return { lead: leadName, co: [...new Set(co)].filter((n) => n !== leadName) };
}
