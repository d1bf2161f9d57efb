import { PARTIES } from './vocabulary.ts';

/**
 * 监督主体 names as offices write them (DOMAIN.md "Who the parties are, at which level"):
 * 民革青山县委会 / 民盟青山县委 / 九三学社青山县委 / 青山县工商联 / 无党派人士.
 * 民革 calls its committees 委员会, shortened 委会; the other parties write 委.
 */

export type Party = (typeof PARTIES)[number];

/** The office's own level, as the first run asks it, and the committee level it deals with. */
export const OFFICE_LEVELS = ['市级', '县级', '区级'] as const;
export type OfficeLevel = (typeof OFFICE_LEVELS)[number];
export const COMMITTEE_LEVEL: Record<OfficeLevel, '市委' | '县委' | '区委'> = { 市级: '市委', 县级: '县委', 区级: '区委' };
const PLACE_SUFFIX: Record<string, string> = { 省委: '省', 市委: '市', 县委: '县', 区委: '区' };

/** "青山县" → "青山": the place without its 省/市/县/区, so the level can supply its own. */
function placeStem(place: string): string {
  const p = place.trim();
  return p.length > 1 ? p.replace(/(自治县|自治州|[省市县区州旗])$/, '') : p;
}

/** The name an office writes for a party at a level in a place; the clerk may still edit it. */
export function composeOrgName(party: string, level: string, place: string): string {
  const where = place.trim();
  if (party === '无党派人士') return '无党派人士';
  if (party === '工商联') {
    if (level === '中央') return '全国工商联';
    const suffix = PLACE_SUFFIX[level];
    if (!suffix) return `${where}工商联`;
    const stem = placeStem(where);
    // A place already naming its kind (青山县) keeps it; a bare stem takes the level's (青山 → 青山县).
    return `${stem === where || !where ? stem + suffix : where}工商联`;
  }
  if (level === '中央') return `${party}中央`;
  const suffix = PLACE_SUFFIX[level];
  if (suffix) return `${party}${placeStem(where)}${suffix}${party === '民革' ? '委会' : '委'}`;
  return `${party}${where}${level}`;
}

/** The presets an office at this level and place starts with: every party, 工商联 and 无党派人士. */
export function presetOrganizations(level: OfficeLevel, place: string): { name: string; party: string; level: string }[] {
  const committee = COMMITTEE_LEVEL[level];
  return PARTIES.map((party) => ({ name: composeOrgName(party, committee, place), party, level: committee }));
}

/** The 市委-level names migration 0001 seeded before the office said where it is. */
export const FIRST_SEEDED_NAMES = ['民革市委', '民盟市委', '民建市委', '民进市委', '农工党市委', '致公党市委', '九三学社市委', '台盟市委', '市工商联', '无党派人士'];

/** "中共青山县委统战部" → { place: 青山县, level: 县级 }: what the first run can fill in by itself. */
export function placeOfOffice(officeName: string): { place: string; level: OfficeLevel } | null {
  const m = /^(?:中共)?(.{1,10}?(?:自治县|[市县区]))委?(?:统战部|统一战线工作部)/.exec(officeName.replace(/\s+/g, ''));
  if (!m) return null;
  const place = m[1];
  const level: OfficeLevel = place.endsWith('区') ? '区级' : place.endsWith('市') ? '市级' : '县级';
  return { place, level };
}
