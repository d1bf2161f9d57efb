import type { TemplateCheckDto, TemplateProblemDto, TemplateTagDto } from '../../../contract/report-template.ts';
import { LOOP_NAMES, isKnownInLoop, isKnownTopTag, nearestTag } from './tags.ts';
import { openTemplate, TemplateSyntaxErrors, type FoundTag, type OpenedTemplate, type TemplateErrorInfo } from './open.ts';
import type { TemplatePlaces } from './paragraphs.ts';

/**
 * 检查模板: every tag the template holds (where it is, whether we know it, the nearest known name
 * if not), and docxtemplater's own complaints in Chinese, each naming its paragraph. Reading only:
 * nothing is saved or changed by a check.
 */
export function checkTemplate(bytes: Uint8Array, fileName: string): TemplateCheckDto {
  let opened: OpenedTemplate;
  try {
    opened = openTemplate(bytes, fileName);
  } catch (err) {
    if (!(err instanceof TemplateSyntaxErrors)) throw err;
    return { fileName, ok: false, tags: [], unknown: [], problems: err.errors.map((e) => syntaxProblem(e, err.places)) };
  }
  return describeTags(fileName, opened);
}

export function describeTags(fileName: string, { doc, tags, places }: OpenedTemplate): TemplateCheckDto {
  const problems: TemplateProblemDto[] = [];
  const dtos: TemplateTagDto[] = tags.map((t) => tagDto(t, places, problems));
  const text = doc.getFullText();
  if (/[｛｝]/.test(text)) {
    problems.push({ message: '模板中有全角括号“｛”或“｝”：标签须用半角括号，如 {办公室名称}（切换到英文输入法输入）。', where: places.describe(undefined, undefined, /｛/.test(text) ? '｛' : '｝') });
  }
  const unknown = dtos.filter((t) => !t.known);
  if (dtos.length === 0 && problems.length === 0) {
    problems.push({ message: '模板中没有找到任何标签。标签用半角大括号写在文中，如 {办公室名称}、{问题总数}，表格行用 {#措施}…{/措施}。', where: '整个文档' });
  }
  return { fileName, ok: problems.length === 0 && unknown.length === 0, tags: dtos, unknown, problems };
}

function tagDto(t: FoundTag, places: TemplatePlaces, problems: TemplateProblemDto[]): TemplateTagDto {
  const where = places.describe(t.file, t.offset);
  const isSection = t.module === 'loop';
  const kind: TemplateTagDto['kind'] = isSection ? (LOOP_NAMES.has(t.name) ? 'loop' : 'condition') : 'field';
  let known = t.loop ? isKnownInLoop(t.loop, t.name) : isKnownTopTag(t.name);
  if (t.module === 'rawxml') {
    // {@名} pastes its value into the document's XML as it is: a finding's text could break the file.
    problems.push({ message: `“{@${t.name}}”是插入原始代码的标签，本程序不支持，请改为 {${t.name}}。`, where });
    known = false;
  } else if (kind === 'field' && LOOP_NAMES.has(t.name)) {
    // {措施} alone would print a whole list: it is a loop, or the row's {整改措施} was meant.
    known = false;
  }
  return { name: t.name, kind, loop: t.loop, where, known, nearest: known ? null : nearestTag(kindName(t), t.loop) };
}

/** The name a slip most likely meant: a loop name used as a field points at the row field of the same meaning. */
function kindName(t: FoundTag): string {
  if (t.module !== 'loop' && LOOP_NAMES.has(t.name)) return t.name === '措施' ? '整改措施' : t.name === '问题' ? '反馈问题' : '单位';
  return t.name;
}

function syntaxProblem(e: TemplateErrorInfo, places: TemplatePlaces): TemplateProblemDto {
  const offset = Array.isArray(e.offset) ? e.offset[0] : e.offset;
  const where = places.describe(e.file, offset, e.xtag);
  const tag = e.xtag ?? '';
  const message = ((): string => {
    switch (e.id) {
      case 'unclosed_tag':
        return `标签“{${tag}”缺少右括号“}”。请补上，或删去多余的“{”。`;
      case 'unopened_tag':
        return `“${tag}}”多了一个右括号“}”，前面没有对应的“{”。请补上左括号，或删去多余的“}”。`;
      case 'duplicate_open_tag':
        return `“{${tag}”中又出现了左括号“{”：标签不能套标签，请检查括号是否成对。`;
      case 'duplicate_close_tag':
        return '这里多了一个右括号“}”，请删去。';
      case 'change_delimiters_invalid':
        return '“{=”是更换括号的写法，本程序不需要，请删去“{=”到“=}”之间的内容。';
      case 'unclosed_loop':
        return `循环“{#${tag}}”没有结尾：请在循环内容之后加上“{/${tag}}”。`;
      case 'unopened_loop':
        return `“{/${tag}}”前面没有对应的循环开头“{#${tag}}”。`;
      case 'closing_tag_does_not_match_opening_tag':
        return `循环开头是“{#${e.openingtag}}”，结尾却是“{/${e.closingtag}}”：两处名称须相同。`;
      case 'unbalanced_loop_tags':
        return '循环的开头和结尾没有一一对应（例如两个循环交叉）。请让每个 {#名称} 都有自己的 {/名称}，且不交叉。';
      case 'loop_position_invalid':
        return `循环“{#${tag}}”的开头和结尾位置不配套（例如一个在表格里、一个在表格外）。表格循环请把 {#${tag}} 放在该行第一格、{/${tag}} 放在同一行最后一格。`;
      case 'raw_tag_outerxml_invalid':
      case 'raw_xml_tag_should_be_only_text_in_paragraph':
        return `“{@${tag}}”是插入原始代码的标签，本程序不支持，请改为 {${tag}}。`;
      case 'malformed_xml':
      case 'file_has_invalid_xml':
        return '文件内部格式有误，无法读取。请在 Word 中打开模板后重新保存再选择。';
      default:
        return `模板有误${tag ? `（标签“${tag}”附近）` : ''}，请检查大括号是否成对。`;
    }
  })();
  return { message, where };
}
