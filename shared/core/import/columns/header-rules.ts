import type { ColumnRole, LedgerField } from '../types.ts';

/**
 * What a header's words mean, by keyword stems in priority order (the first rule that matches wins),
 * not by a closed list of whole headers. Ledgers name their item column after their own process
 * (督查事项, 会议确定事项, 提案案由, 整改任务, 存在问题 …) and their other columns in many ways; the
 * stems below come from the published tables listed in the import corpus (tests/fixtures/import/corpus).
 *
 * Order matters: "问题类别" is a category and "问题金额" a figure before "问题" is an item; "销号时间"
 * is a closure date before "时间" is a deadline; "时限要求" a deadline before "要求" a target.
 */
export interface HeaderRule {
  role: Exclude<ColumnRole, 'ignore'>;
  stem: RegExp;
  /** How the reason names the rule, e.g. “单位”. */
  words: string;
}

const rule = (role: HeaderRule['role'], stem: RegExp, words: string): HeaderRule => ({ role, stem, words });

export const HEADER_RULES: HeaderRule[] = [
  rule('seq', /^(?:序号?|编号|no\.?|number|问题编号|问题序号|序列号|排序|编码|事项编号|任务编号|项目编号|提案编号|建议编号|议案编号|案号|号|提案号|建议号|议案号|督办号|交办号)$/i, '序号/编号'),
  // Figures and people the ledger has no field for: kept with the finding, never read as its text.
  rule('extra', /金额|万元|元\)|数量|个数|人数|户数|面积|人次|提案人|提出人|代表姓名|领衔|附议|联名|答复(?:时间|日期|函)?|办复|回复(?:时间|日期)|评价|满意|测评|办理结果|类型代码|代码|分值|得分|扣分/, '数额/提案人/答复/评价'),
  rule('status', /^(?:是否)?销号(?:情况|状态)?$|整改销号情况|销号与否/, '销号情况'),
  rule('closedDate', /(?:销号|实际完成|实际办结|办结|验收|完成销号|实际整改完成)(?:时间|日期)|^实际完成$/, '销号/实际完成时间'),
  rule('extra', /(?:开始|启动|交办|立项|受理|收到|反馈|下发|印发|填报)(?:时间|日期)/, '开始/交办日期'),
  rule('deadline', /时限|期限|截止(?:时间|日期)?|计划完成|完成(?:时间|日期)|整改时间|到期(?:时间|日期)|办结要求|完成要求|时间节点|时间要求|^时间$|^完成时间/, '时限/完成时间'),
  rule('status', /状态|是否完成|是否整改|是否到位|整改结果|办结情况|完成进度|序时进度|^进度$|完成与否|整改进度|^办结$|^完成$/, '状态/进度'),
  rule('source', /反馈单位|提出单位|交办单位|监督单位|反馈党派|反馈来源|问题来源/, '来源'),
  rule('evidence', /佐证|证明材料|支撑材料|附件|印证材料|台账资料/, '佐证材料'),
  rule('leadUnit', /牵头|主办(?:单位|部门)?|主责(?:单位|部门)|主要责任单位|责任主体单位/, '牵头/主办'),
  rule('coUnit', /配合|协办|协同|参与(?:单位|部门)|协助/, '配合/协办'),
  rule('leader', /领导/, '领导'),
  rule('person', /责任人|联系人|经办人|负责人|承办人|包保人|联络员|具体责任人/, '责任人'),
  rule('units', /责任清单|责任分工|责任落实/, '责任清单'),
  rule('units', /单位|部门|股室|科室|处室|责任主体|承办|责任方|乡镇|街道/, '单位/部门'),
  rule('progress', /进展|落实情况|完成情况|推进情况|办理情况|整改情况|开展情况|办理过程|落实进度|工作成效|整改成效|整改落实|办理进度|完成结果|成效/, '进展/落实情况'),
  rule('category', /类别|类型|方面|领域|分类|板块|性质|专项|所属/, '类别/方面'),
  rule('source', /来源|监督主体|党派|反馈单位|批次|提出单位|交办单位|督查组|巡察组|检查组|督导组/, '来源'),
  rule('target', /目标|整改要求|目标要求|预期成效|预期效果/, '目标'),
  rule('measure', /措施|举措|整改方案|对策|办法|整改思路|工作安排|具体做法|解决方案|整改路径/, '措施'),
  rule('suggestion', /意见建议|建议|^意见$|监督意见/, '意见建议'),
  rule('finding', /问题|事项|案由|线索|反馈意见|任务|议题|不足|清单|情形|表现/, '问题/事项/任务'),
  // Weaker words for an item: a meeting's or document's 名称 yields to a column of 事项 beside it.
  rule('finding', /内容|标题|名称|题目/, '内容/名称'),
  rule('note', /备注|说明|其他|附注/, '备注'),
];

export interface HeaderReading {
  role: ColumnRole;
  /** A second field the header pairs with the first ("问题及整改措施", "完成时限（责任人）"). */
  also: LedgerField | null;
  reason: string;
}

function byRules(key: string): HeaderRule | null {
  for (const r of HEADER_RULES) if (r.stem.test(key)) return r;
  return null;
}

/** The role a header's words give, with why; null when its words say nothing we know. */
export function readHeaderWords(key: string, remarks: string[], own: Map<string, LedgerField>): HeaderReading | null {
  if (!key) return null;
  const office = own.get(key);
  if (office) return { role: office, also: null, reason: `本单位设定的表头词“${key}”` };
  for (const [word, field] of own) {
    if (word.length >= 2 && key.includes(word)) return { role: field, also: null, reason: `含本单位设定的表头词“${word}”` };
  }
  const parts = key.split(/及|和|与|、|\/|以及|暨/).filter((p) => p.length >= 2);
  if (parts.length >= 2) {
    const roles = parts.map(byRules);
    const [a, b] = roles;
    if (a && b && a.role !== b.role) {
      // "问题及整改措施": the item first; "整改措施及完成时限": the measure, its deadline in the same cell.
      return {
        role: a.role,
        also: isField(b.role) ? b.role : null,
        reason: `表头含“${a.words}”与“${b.words}”两项，按${label(a.role)}读取，${label(b.role)}从同一单元格中分出`,
      };
    }
  }
  const r = byRules(key);
  if (!r) return null;
  const second = remarks.map(byRules).find((x) => x && x.role !== r.role && (x.role === 'person' || x.role === 'leader' || x.role === 'deadline'));
  return {
    role: r.role,
    also: second && isField(second.role) ? second.role : null,
    reason: `表头“${key}”含“${r.words}”${second ? `，括注“${remarks.join('、')}”另含${label(second.role)}` : ''}`,
  };
}

const isField = (role: ColumnRole): role is LedgerField => role !== 'ignore' && role !== 'extra' && !role.startsWith('status:');

const ROLE_WORDS: Record<string, string> = {
  seq: '序号', source: '反馈来源', category: '问题类别', finding: '反馈问题', suggestion: '意见建议', target: '整改目标', measure: '整改措施',
  leadUnit: '牵头单位', units: '责任单位', coUnit: '配合单位', leader: '责任领导', person: '责任人', deadline: '整改时限', progress: '整改进展',
  status: '整改状态', evidence: '佐证材料', closedDate: '销号时间', note: '备注', extra: '其他信息',
};
export const label = (role: ColumnRole): string => ROLE_WORDS[role] ?? (role.startsWith('status:') ? '打勾列' : '不导入');
