import { z } from 'zod';

/**
 * The paragraphs of the report an office words its own way (一、整改工作开展情况, the 长效机制 and
 * 下一步 paragraphs): a default text with fields in braces that the app fills from the ledger; the
 * clerk's edited text is remembered (report options) and used the next time. A sentence whose
 * figure is zero, or whose field the ledger cannot fill, is left out — a report never says
 * "发出督办通知单0份".
 */

export const WORDING_KEYS = ['leadership', 'plan', 'checklist', 'supervision', 'effect', 'nextSteps'] as const;
export type WordingKey = (typeof WORDING_KEYS)[number];

export const WORDING_LABEL: Record<WordingKey, string> = {
  leadership: '（一）组织领导',
  plan: '（二）整改方案',
  checklist: '（三）清单管理、责任和时限',
  supervision: '（四）督办机制',
  effect: '三、整改成效与长效机制',
  nextSteps: '四、下一步工作打算',
};

/** The headings of part 一, in the house style (楷体). */
export const WORK_HEADINGS: Partial<Record<WordingKey, string>> = {
  leadership: '（一）加强组织领导',
  plan: '（二）制定整改方案',
  checklist: '（三）实行清单管理',
  supervision: '（四）强化跟踪督办',
};

export const DEFAULT_WORDING: Record<WordingKey, string> = {
  leadership:
    '收到反馈意见后，{我部}高度重视，把抓好反馈问题整改作为一项重要政治任务，及时召开专题会议传达学习反馈意见，研究部署整改工作。' +
    '成立整改工作领导小组，主要负责同志亲自抓，分管负责同志具体抓，形成一级抓一级、层层抓落实的工作格局。',
  plan:
    '对照反馈意见，逐条研究制定整改方案，{交办日期}将{问题数}个问题分解为{措施数}条整改措施，交由{单位数}个责任单位牵头落实。' +
    '整改方案明确了整改目标、整改措施和整改时限，整改时限最晚至{最晚时限}。',
  checklist:
    '实行清单式管理、滚动式销号，逐项明确牵头单位、配合单位、责任领导、责任人和整改时限，建立整改台账，做到问题不查清不放过、整改不到位不放过、群众不满意不放过。' +
    '坚持完成一项、验收一项、销号一项，已验收销号整改措施{销号数}条。',
  supervision:
    '建立定期调度和跟踪督办机制，各责任单位定期报送整改进展，累计报送整改进展{进展条数}条、佐证材料{佐证数}份。' +
    '对临期、逾期和进展缓慢的事项及时提醒督办，共发出督办通知{督办数}份，涉及{督办单位数}个单位。',
  effect:
    '在抓好具体问题整改的同时，{我部}注重举一反三、标本兼治，推动各责任单位针对反馈问题查找制度漏洞，健全完善相关制度机制，' +
    '把整改工作与日常业务工作结合起来，防止问题反弹回潮。对已销号事项适时开展“回头看”，巩固整改成果。',
  nextSteps:
    '下一步，{我部}将继续把反馈问题整改作为一项重要任务抓紧抓实，对尚未完成的事项逐项跟踪督办，压实牵头单位责任，确保按期整改到位；' +
    '对长期坚持的事项定期跟踪回访，防止问题反弹；整改情况纳入相关单位年度绩效考核，推动整改成果转化为工作成效。',
};

/** The fields a text may use, and what each means (the 报表 page lists them beside the text). */
export const WORDING_FIELDS: Record<string, string> = {
  我部: '本单位的自称（我部、我办……）',
  单位名称: '本单位名称',
  党派: '提出反馈意见的党派组织',
  收到日期: '收到反馈意见的日期',
  交办日期: '整改任务交办的日期',
  最晚时限: '最晚的整改时限',
  问题数: '反馈问题数',
  措施数: '整改措施数',
  单位数: '牵头单位数',
  销号数: '已验收销号的措施数',
  进展条数: '报送的整改进展条数',
  佐证数: '佐证材料份数',
  督办数: '发出的督办通知份数',
  督办单位数: '收到督办通知的单位数',
};

export type WordingValues = Record<string, string | number | null>;

/** A text's fields filled; each sentence with a zero or unknown figure left out. */
export function fillWording(template: string, values: WordingValues): string {
  const sentences = template.split(/(?<=[。！？])/);
  const out: string[] = [];
  for (const s of sentences) {
    let drop = false;
    const filled = s.replace(/\{([^{}]+)\}/g, (whole, name: string) => {
      if (!(name in values)) return whole;
      const v = values[name];
      if (v === null || v === '' || v === 0) drop = true;
      return String(v ?? '');
    });
    if (!drop && filled.trim()) out.push(filled.trim());
  }
  return out.join('');
}

/** The clerk's text where they wrote one, else the default. */
export function wordingOf(saved: Partial<Record<WordingKey, string>> | undefined, key: WordingKey): string {
  const text = saved?.[key]?.trim();
  return text ? text : DEFAULT_WORDING[key];
}

export type ReportWording = Partial<Record<WordingKey, string>>;

const knownFields = (text: string) => [...text.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1]).filter((f) => !(f in WORDING_FIELDS));

/** The 整改情况报告's remembered options, as report:save-options and report:word take them. */
export const reportWordOptionsInput = z.object({
  addressee: z.string().trim().max(60, { message: '主送机关不能超过 60 个字' }).optional(),
  wording: z
    .partialRecord(z.enum(WORDING_KEYS), z.string().trim().max(2000, { message: '每段文字不能超过 2000 个字' }))
    .superRefine((w, ctx) => {
      for (const [key, text] of Object.entries(w)) {
        const unknown = knownFields(text ?? '');
        if (unknown.length) ctx.addIssue({ code: 'custom', message: `“${WORDING_LABEL[key as WordingKey]}”中有不认识的填充项：${unknown.map((f) => `{${f}}`).join('、')}` });
      }
    })
    .optional(),
  charts: z.boolean().optional(),
  keyFindingIds: z.array(z.number().int().positive()).max(200, { message: '重点问题最多选 200 个' }).optional(),
});
