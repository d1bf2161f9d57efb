import type { MeasureStatus } from '../../../domain/vocabulary.ts';

/**
 * Status words real reports use, mapped to the workflow. Order matters: "基本完成" must be tested
 * before "完成", "未完成" before "完成", "持续整改" before "整改".
 */
const STATUS_WORDS: [RegExp, MeasureStatus][] = [
  // 待销号 / 未销号 name a measure not yet closed: never read them as 已销号.
  [/待销号|申请销号|待验收|拟销号/, 'pending'],
  [/未销号|不销号|暂不销号/, 'in_progress'],
  [/已销号|^销号$|同意销号|予以销号/, 'closed'],
  [/滞后序时进度|未达到?序时进度|进度滞后|滞后/, 'in_progress'],
  [/达到序时进度|符合序时进度|按序时推进|序时推进/, 'in_progress'],
  [/长期坚持|持续整改|长期推进|常态化|持续推进中?并长期/, 'standing'],
  [/基本完成|阶段性/, 'pending'],
  [/未完成|未整改|未启动|未开始|尚未|未落实|未办结/, 'not_started'],
  [/部分整改|部分完成|正在|整改中|推进中|办理中|进行中|持续推进|在办|序时推进|按序时/, 'in_progress'],
  [/已完成|已整改|已办结|已落实|完成|办结|整改到位|已解决/, 'closed'],
];

export function statusFromWords(text: string): MeasureStatus | null {
  const t = text.replace(/\s+/g, '');
  if (!t) return null;
  for (const [re, status] of STATUS_WORDS) if (re.test(t)) return status;
  return null;
}

/** A cell that means "ticked": ✓ √ ☑ ✔ ● ○? no — only ticks, 是, and the letters Excel users type. */
export function isTick(text: string): boolean {
  return /^[✓√☑✔✅●■▲vVyY是对1]$/.test(text.trim());
}
