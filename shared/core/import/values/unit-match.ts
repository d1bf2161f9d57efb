/**
 * The existing unit a written name probably means, when it is not the same name or alias:
 * 青山县卫生健康局 / 县卫健局 / 卫生健康局 are one unit; 县财政局国库支付中心 is not 县财政局.
 * Names are compared by a key: the place prefix removed, every common abbreviation written out
 * in one form. Only equal keys propose a unit; a prefix of a longer name never does.
 */

export interface DirectoryUnit {
  id: number;
  name: string;
  aliases: string[];
}

export interface UnitSuggestion {
  id: number;
  name: string;
  /** In the clerk's words: 去掉“青山县”后与已有单位相同 / “发改局”是“发展和改革局”的简称. */
  reason: string;
}

/**
 * One unit's names, the full forms first and the abbreviations after `short`. The first full form
 * is the key every other form is read as.
 */
interface NameGroup {
  full: string[];
  short: string[];
}
const group = (full: string[], short: string[] = []): NameGroup => ({ full, short });

const NAME_GROUPS: NameGroup[] = [
  group(['发展和改革局', '发展改革局', '发展和改革委员会', '发展改革委员会'], ['发改局', '发改委']),
  group(['卫生健康局', '卫生和健康局', '卫生健康委员会', '卫生健康委'], ['卫健局', '卫健委']),
  group(['人力资源和社会保障局', '人力资源社会保障局'], ['人社局']),
  group(['住房和城乡建设局', '住房城乡建设局'], ['住建局']),
  group(['市场监督管理局'], ['市场监管局']),
  group(['生态环境局'], ['环保局', '环境保护局']),
  group(['自然资源局', '自然资源和规划局'], ['自然资源规划局']),
  group(['乡村振兴局'], ['扶贫办', '扶贫开发办公室', '扶贫开发办']),
  group(['文化广电旅游局', '文化广电和旅游局', '文化和旅游局', '文化旅游局', '文化广电体育和旅游局'], ['文旅局', '文广旅局', '文广旅体局']),
  group(['交通运输局'], ['交通局']),
  group(['教育体育局', '教育和体育局'], ['教体局']),
  group(['应急管理局'], ['应急局']),
  group(['医疗保障局'], ['医保局']),
  group(['城市管理局', '城市管理和综合执法局', '城市管理综合执法局'], ['城管局']),
  group(['综合行政执法局'], ['综合执法局', '综合执法大队']),
  group(['纪委监委', '纪委监察委', '纪律检查委员会', '纪委监察委员会', '纪委监委机关'], ['纪委']),
  group(['机构编制委员会办公室'], ['编办', '编委办']),
  group(['信访局'], ['信访办']),
  group(['数据局', '数据资源局', '大数据局', '大数据发展管理局']),
  group(['融媒体中心']),
  group(['人民政府办公室', '政府办公室'], ['政府办']),
  group(['委员会办公室', '委办公室'], ['委办']),
  group(['农业农村局'], ['农业局', '农牧局']),
  group(['水利局', '水务局']),
  group(['统计局']),
  group(['审计局']),
  group(['公安局']),
  group(['财政局']),
  group(['民政局']),
  group(['商务局']),
  group(['林业局', '林业和草原局']),
  group(['政法委员会'], ['政法委']),
  group(['统一战线工作部'], ['统战部']),
];

/** Written form → { key, isShort }. */
const FORMS = new Map<string, { key: string; isShort: boolean }>();
for (const g of NAME_GROUPS) {
  for (const f of g.full) FORMS.set(f, { key: g.full[0], isShort: false });
  for (const s of g.short) FORMS.set(s, { key: g.full[0], isShort: true });
}
/** Longest first, so 发展和改革委员会 is read before 委员会办公室 could take its tail. */
const FORM_PATTERN = new RegExp([...FORMS.keys()].sort((a, b) => b.length - a.length).join('|'), 'g');

/** Two-character words ending in 市/区/县 that are not places (城市管理局, 社区矫正…). */
const NOT_PLACES = new Set(['城市', '社区', '园区', '景区', '城区', '市区', '校区', '库区', '山区', '牧区', '林区', '矿区', '都市', '超市', '街区']);

const clean = (name: string) => name.replace(/\s+/g, '').replace(/[（(]/g, '（').replace(/[）)]/g, '）');

/**
 * The place a name starts with: the office's own (青山县), "XX县 / XX市 / XX区 / XX自治县", or a
 * bare 县 / 市 / 区 (县财政局). 中共 before it goes too.
 */
function splitPlace(name: string, places: string[]): { place: string; rest: string } {
  let rest = name.replace(/^中共/, '');
  let place = name.length - rest.length ? '中共' : '';
  const own = places.find((p) => p && rest.startsWith(p) && rest.length > p.length + 1);
  if (own) return { place: place + own, rest: rest.slice(own.length) };
  const m = /^([\u4e00-\u9fa5]{1,4}?(?:自治县|自治州|[省市县区州旗]))(.{2,})$/.exec(rest);
  if (m && !NOT_PLACES.has(m[1]) && !formStartsWithin(rest, m[1].length)) {
    place += m[1];
    rest = m[2];
    // 四川省青山县 / 青山市青山区: a second place after the first.
    const inner = /^([\u4e00-\u9fa5]{1,4}?(?:自治县|[市县区]))(.{2,})$/.exec(rest);
    if (inner && !NOT_PLACES.has(inner[1]) && !formStartsWithin(rest, inner[1].length)) {
      place += inner[1];
      rest = inner[2];
    }
  } else if (/^[县市区]/.test(rest) && rest.length > 2 && !formStartsWithin(rest, 1)) {
    place += rest[0];
    rest = rest.slice(1);
  }
  return { place, rest };
}

/** 县市场监督管理局 keeps its 市: a known name that begins inside the would-be place is not cut. */
function formStartsWithin(s: string, placeLength: number): boolean {
  for (const m of s.matchAll(FORM_PATTERN)) if (m.index < placeLength) return true;
  return false;
}

interface NameKey {
  key: string;
  place: string;
  /** The forms read as another (发改局 → 发展和改革局). */
  forms: { written: string; key: string; isShort: boolean }[];
}

function keyOf(name: string, places: string[]): NameKey {
  const { place, rest } = splitPlace(clean(name), places);
  const forms: NameKey['forms'] = [];
  const key = rest.replace(FORM_PATTERN, (written) => {
    const f = FORMS.get(written)!;
    forms.push({ written, key: f.key, isShort: f.isShort });
    return `〔${f.key}〕`;
  });
  return { key, place, forms };
}

function reasonOf(written: NameKey, existing: NameKey, writtenName: string, existingName: string): string {
  const parts: string[] = [];
  if (written.place !== existing.place) {
    const longer = written.place.length >= existing.place.length ? written.place : existing.place;
    parts.push(longer ? `去掉“${longer}”后与已有单位相同` : '只差地名，与已有单位相同');
  }
  for (const w of written.forms) {
    const e = existing.forms.find((x) => x.key === w.key);
    if (!e || e.written === w.written) continue;
    if (w.isShort && !e.isShort) parts.push(`“${w.written}”是“${e.written}”的简称`);
    else if (!w.isShort && e.isShort) parts.push(`“${e.written}”是“${w.written}”的简称`);
    else parts.push(`“${w.written}”与“${e.written}”是同一单位的不同写法`);
  }
  return parts.length ? parts.join('；') : `“${writtenName}”与“${existingName}”写法相近`;
}

/** Build once for a file: every unit's names keyed; `suggest` then answers for each written name. */
export function unitMatcher(directory: DirectoryUnit[], opts: { places?: string[] } = {}) {
  const places = [...new Set((opts.places ?? []).map(clean).filter(Boolean))].sort((a, b) => b.length - a.length);
  const byKey = new Map<string, { unit: DirectoryUnit; written: string; key: NameKey }[]>();
  for (const unit of directory) {
    for (const written of [unit.name, ...unit.aliases]) {
      const k = keyOf(written, places);
      if (!k.key) continue;
      byKey.set(k.key, [...(byKey.get(k.key) ?? []), { unit, written, key: k }]);
    }
  }
  return {
    suggest(name: string): UnitSuggestion | null {
      const k = keyOf(name, places);
      const hits = byKey.get(k.key) ?? [];
      // Two different units reading the same: the clerk chooses, nothing is proposed.
      if (!hits.length || new Set(hits.map((h) => h.unit.id)).size > 1) return null;
      const best = hits.find((h) => h.written === h.unit.name) ?? hits[0];
      return { id: best.unit.id, name: best.unit.name, reason: reasonOf(k, best.key, clean(name), best.written) };
    },
  };
}

/** The existing unit a written name probably means (see unitMatcher), or null. */
export function suggestUnit(name: string, directory: DirectoryUnit[], opts: { places?: string[] } = {}): UnitSuggestion | null {
  return unitMatcher(directory, opts).suggest(name);
}
