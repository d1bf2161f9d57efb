import { SNAPSHOT_AUTO_LABEL, type SnapshotAuto } from '../../contract/snapshots.ts';
import { chineseDate } from '../../domain/dates.ts';
import {
  DEADLINE_KIND_LABEL, MEASURE_ACTION_LABEL, MEASURE_STATUS_LABEL,
  type DeadlineKind, type MeasureAction, type MeasureStatus,
} from '../../domain/vocabulary.ts';
import type { Db } from '../db/open.ts';
import { SUPERVISION_DATE_FIELDS, SUPERVISION_FIELD_LABEL, SUPERVISION_NOUN, supervisionActionWords, supervisionObject } from '../supervision/entities.ts';

/**
 * 操作日志 in a clerk's words: what was done (修改 / 办理：申请销号 / 导入), on which item
 * (反馈问题 3：扶贫资金拨付滞后) and what changed (整改时限：2026年6月30日 → 2026年9月30日).
 * Audit records hold rows (snake_case) before and inputs (camelCase) after; both are read
 * through one table of fields.
 */

export interface AuditWords {
  action: string;
  object: string;
  changes: string[];
}

export interface AuditRow {
  action: string;
  entity: string;
  entityId: number | null;
  before: unknown;
  after: unknown;
}

type Fields = Record<string, unknown>;

/** Every field an audit record holds, in the clerk's words; fields not listed are not shown as changes. */
const FIELD_LABEL: Record<string, string> = {
  // 反馈问题
  seq: '序号', category: '问题类别', text: '内容', suggestion: '意见建议', target: '整改目标', note: '备注',
  // 整改措施
  leadUnitId: '牵头单位', coUnitIds: '配合单位', leader: '责任领导', person: '责任人', deadline: '整改时限',
  status: '状态', resultText: '整改结果', verifiedBy: '验收人', requestedDate: '申请销号日期', closedDate: '销号日期',
  assignedDate: '交办日期', lastProgressDate: '最近进展日期',
  // 反馈批次
  organizationId: '监督主体', area: '监督领域', docNumber: '文号', receivedDate: '收文日期', topic: '主题', mode: '监督方式',
  // 单位、监督主体
  name: '名称', aliases: '别名', contactPerson: '联系人', contactPhone: '联系电话', party: '党派', level: '层级',
  // 进展
  date: '日期', source: '报送单位',
  // 设置
  operator: '操作人', officeName: '单位名称', dueSoonDays: '临期提醒天数', stagnantDays: '停滞提醒天数',
  immediateDays: '立行立改期限（天）', longTermPeriodDays: '长期坚持报送周期（天）', backupKeep: '保留备份份数', 'import.synonyms': '导入表头词语',
  reportTemplate: '报告模板', contactName: '联系人', replyDays: '反馈期限（天）', rankUnits: '责任单位排名',
  signalLevels: '预警等级名称与颜色', snapshotAuto: '自动保存快照', assessmentWeights: '考核权重',
  ...SUPERVISION_FIELD_LABEL,
};
/** Per entity, where the generic word is too vague. */
const ENTITY_FIELD_LABEL: Record<string, Record<string, string>> = {
  finding: { text: '反馈问题' },
  measure: { text: '整改措施' },
  progress: { text: '进展情况', date: '进展日期' },
  user: { username: '登录名', displayName: '姓名', role: '角色', disabled: '状态', password: '密码' },
};
const DATE_FIELDS = new Set(['receivedDate', 'requestedDate', 'closedDate', 'assignedDate', 'lastProgressDate', 'date', ...SUPERVISION_DATE_FIELDS]);

const ENTITY_NOUN: Record<string, string> = {
  organization: '监督主体', unit: '责任单位', batch: '反馈批次', finding: '反馈问题', measure: '整改措施',
  progress: '整改进展', evidence: '佐证材料', settings: '设置', sample: '示例数据', ledger: '整个台账', snapshot: '快照',
  finding_repeat: '再次反馈关联', measures: '整改措施',
  ...SUPERVISION_NOUN,
};

const camel = (key: string) => key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
const short = (s: string, n = 30) => (s.length > n ? `${s.slice(0, n)}…` : s);
const asFields = (v: unknown): Fields => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Fields) : {});

/** A record's fields under camelCase names, a measure's three deadline columns as one deadline. */
function normalise(v: unknown): Fields {
  const out: Fields = {};
  for (const [k, val] of Object.entries(asFields(v))) out[camel(k)] = val;
  if ('deadlineKind' in out) {
    out.deadline = { kind: out.deadlineKind, date: out.deadlineDate ?? null };
    delete out.deadlineKind;
    delete out.deadlineDate;
    delete out.deadlineText;
  }
  return out;
}

function deadlineWords(d: unknown): string {
  const { kind, date } = asFields(d) as { kind?: DeadlineKind; date?: string | null };
  if (kind === 'date' || (!kind && date)) return date ? chineseDate(date) : '—';
  return kind ? DEADLINE_KIND_LABEL[kind] ?? String(kind) : '—';
}

class Names {
  units = new Map<number, string>();
  orgs = new Map<number, string>();
  findings = new Map<number, { seq: string; text: string }>();
  measures = new Map<number, { text: string; unit: string }>();
  batches = new Map<number, string>();
}

function valueWords(key: string, value: unknown, names: Names): string {
  if (value === null || value === undefined || value === '') return '（空）';
  if (key === 'deadline') return deadlineWords(value);
  if (key === 'status' && typeof value === 'string') return MEASURE_STATUS_LABEL[value as MeasureStatus] ?? value;
  if (key === 'snapshotAuto' && typeof value === 'string') return SNAPSHOT_AUTO_LABEL[value as SnapshotAuto] ?? value;
  if (key === 'leadUnitId' && typeof value === 'number') return names.units.get(value) ?? `已删除的单位（${value}）`;
  if (key === 'coUnitIds' && Array.isArray(value)) return value.length ? value.map((id) => names.units.get(id as number) ?? `单位${id}`).join('、') : '（无）';
  if (key === 'organizationId' && typeof value === 'number') return names.orgs.get(value) ?? `已删除的监督主体（${value}）`;
  if (DATE_FIELDS.has(key) && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return chineseDate(value);
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (Array.isArray(value)) return value.length ? value.map(String).join('、') : '（无）';
  if (typeof value === 'object') return JSON.stringify(value);
  return short(String(value), 40);
}

const labelOf = (entity: string, key: string) => ENTITY_FIELD_LABEL[entity]?.[key] ?? FIELD_LABEL[key];

/** "整改时限：2026年6月30日 → 2026年9月30日" for every listed field whose words differ. */
function differences(entity: string, before: Fields, after: Fields, names: Names): string[] {
  const out: string[] = [];
  for (const key of Object.keys(after)) {
    const label = labelOf(entity, key);
    if (!label || !(key in before) || after[key] === undefined) continue;
    const was = valueWords(key, before[key], names);
    const now = valueWords(key, after[key], names);
    if (was !== now) out.push(`${label}：${was} → ${now}`);
  }
  return out;
}

/** The main fields of a new record: 牵头单位：县财政局；整改时限：2026年6月30日. */
function listed(entity: string, fields: Fields, names: Names, keys: string[]): string[] {
  const empty = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
  return keys.filter((k) => !empty(fields[k])).map((k) => `${labelOf(entity, k)}：${valueWords(k, fields[k], names)}`);
}

const count = (v: unknown) => (typeof v === 'number' ? v : 0);
function contents(f: Fields): string {
  const parts = [
    count(f.findings) ? `反馈问题 ${f.findings} 个` : '',
    count(f.measures) ? `整改措施 ${f.measures} 项` : '',
    count(f.progress) ? `进展 ${f.progress} 条` : '',
    count(f.files) ? `佐证材料 ${f.files} 份` : '',
  ].filter(Boolean);
  return parts.length ? `，含${parts.join('、')}` : '';
}

function objectWords(e: AuditRow, names: Names, before: Fields, after: Fields): string {
  const id = e.entityId;
  const label = (after.name ?? before.name) as string | undefined;
  switch (e.entity) {
    case 'finding': {
      const f = (id && names.findings.get(id)) || { seq: String(before.seq ?? after.seq ?? ''), text: String(before.text ?? after.text ?? label ?? '') };
      return `反馈问题 ${f.seq}：${short(f.text)}`;
    }
    case 'measure': {
      if (id === null) return '整改措施';
      const m = names.measures.get(id);
      const text = m?.text ?? String(before.text ?? after.text ?? label ?? '');
      const unit = m?.unit ?? names.units.get((before.leadUnitId ?? after.leadUnitId) as number) ?? '';
      return `整改措施：${short(text)}${unit ? `（${unit}）` : ''}`;
    }
    case 'batch':
      return `反馈批次：${(id && names.batches.get(id)) || label || ''}`;
    case 'unit':
      return `责任单位：${(id && names.units.get(id)) || label || ''}`;
    case 'organization':
      return id ? `监督主体：${names.orgs.get(id) ?? label ?? ''}` : '监督主体';
    case 'progress': {
      const mid = (before.measureId ?? after.measureId) as number | undefined;
      const m = mid ? names.measures.get(mid) : undefined;
      return m ? `整改进展（${short(m.text, 20)}）` : '整改进展';
    }
    case 'user':
      return `用户账号：${String(after.displayName ?? before.displayName ?? '')}（${String(after.role ?? before.role ?? '')}）`;
    default:
      return supervisionObject(e.entity, label) ?? ENTITY_NOUN[e.entity] ?? e.entity;
  }
}

function words(e: AuditRow, names: Names): AuditWords {
  const before = normalise(e.before);
  const after = normalise(e.after);
  const object = objectWords(e, names, before, after);
  const files = Array.isArray(after.files) ? (after.files as string[]) : [];
  const own = supervisionActionWords(e.action, e.entity, object, before, after);
  if (own) return own;
  switch (e.action) {
    case 'create':
      return { action: '新增', object, changes: listed(e.entity, after, names, ['leadUnitId', 'coUnitIds', 'deadline', 'organizationId', 'docNumber', 'receivedDate', 'party', 'level']) };
    case 'update':
      if (e.entity === 'settings') return { action: '修改设置', object: '设置', changes: differences('settings', before, after, names).concat(listed('settings', after, names, Object.keys(after).filter((k) => !(k in before) && FIELD_LABEL[k]))) };
      if (typeof after.aliasAdded === 'string') return { action: '新增别名', object, changes: [`导入时“${after.aliasAdded}”对应到此单位，记为别名`] };
      return { action: '修改', object, changes: differences(e.entity, before, after, names) };
    case 'delete':
      return { action: '删除', object, changes: [] };
    case 'recycle':
      return { action: '删除（移入回收站）', object, changes: [`可在回收站恢复${contents(after)}`] };
    case 'restore':
      return { action: '从回收站恢复', object, changes: [`“${after.name ?? ''}”${contents(after)}`] };
    case 'purge':
      return { action: '彻底删除', object, changes: [`“${before.name ?? ''}”${contents(before)}，已不可恢复`] };
    case 'transition': {
      const act = MEASURE_ACTION_LABEL[after.action as MeasureAction] ?? String(after.action ?? '');
      const changes = [`状态：${valueWords('status', before.status, names)} → ${valueWords('status', after.status, names)}`];
      if (typeof after.date === 'string') changes.push(`日期：${chineseDate(after.date)}`);
      if (typeof after.deadlineDate === 'string') changes.push(`整改时限：${deadlineWords(before.deadline)} → ${chineseDate(after.deadlineDate)}`);
      else if (after.note) changes.push(`说明：${short(String(after.note), 60)}`);
      if (files.length) changes.push(`佐证材料：${files.join('、')}`);
      return { action: `办理（${act}）`, object, changes };
    }
    case 'progress':
      return {
        action: '记录进展',
        object,
        changes: [
          typeof after.date === 'string' ? `进展日期：${chineseDate(after.date)}` : '',
          after.text ? `进展情况：${short(String(after.text), 60)}` : '',
          after.source ? `报送单位：${after.source}` : '',
          files.length ? `佐证材料：${files.join('、')}` : '',
        ].filter(Boolean),
      };
    case 'evidence':
      return { action: '上传佐证材料', object, changes: [files.join('、')] };
    case 'merge': {
      const from = asFields(before.from).name;
      const into = asFields(before.into).name;
      return { action: '合并单位', object, changes: [`“${from}”并入“${into}”，原名称记为别名`] };
    }
    case 'import':
      if (e.entity === 'batch') {
        const parts = [
          `新增反馈问题 ${count(after.createdFindings)} 个`,
          `整改措施 ${count(after.createdMeasures)} 项`,
          count(after.updatedFindings) ? `更新反馈问题 ${after.updatedFindings} 个` : '',
          count(after.progressEntries) ? `进展 ${after.progressEntries} 条` : '',
          count(after.createdUnits) ? `新建责任单位 ${after.createdUnits} 个` : '',
        ].filter(Boolean);
        return { action: '导入', object, changes: [`导入《${after.file ?? ''}》：${parts.join('、')}`] };
      }
      if (e.entity === 'finding') {
        // One row per imported finding: where in the file it came from, and what status the file gave.
        const where = [after.sheet ? `工作表“${after.sheet}”` : '', after.row ? `第 ${after.row} 行` : ''].filter(Boolean).join('');
        const statuses = ((after.statuses as (string | null)[]) ?? []).filter(Boolean);
        return {
          action: '导入反馈问题',
          object,
          changes: [
            `${after.seq ? `序号 ${after.seq}：` : ''}${where ? `来自${where}，` : ''}措施 ${count(after.measures)} 项`,
            ...(statuses.length ? [`文件所记状态：${statuses.join('；')}`] : []),
          ],
        };
      }
      return {
        action: '导入单位报回表',
        object: '整改措施',
        changes: [`导入${((after.returnedSheets as string[]) ?? []).map((f) => `《${f}》`).join('')}：涉及措施 ${count(after.measures)} 项，新增进展 ${count(after.progressAdded)} 条，状态变化 ${count(after.statusChanged)} 项`],
      };
    case 'seed':
      if (e.entity === 'organization') {
        const added = (after.added as string[]) ?? [];
        return {
          action: '按本单位层级生成监督主体',
          object: '监督主体',
          changes: [`${after.place ?? ''}（${after.level ?? ''}）：新增 ${added.length} 个${added.length ? `（${added.slice(0, 3).join('、')}${added.length > 3 ? '等' : ''}）` : ''}，替换未使用的预置 ${((after.removed as string[]) ?? []).length} 个`],
        };
      }
      return { action: '生成演示数据', object, changes: listed('', after, names, []) };
    case 'sample':
      return { action: after.loaded ? '载入示例数据' : '移除示例数据', object: '示例数据', changes: [] };
    case 'backup-restore':
    case 'backup-undo-restore':
      return {
        action: e.action === 'backup-restore' ? '从备份恢复' : '撤销从备份恢复',
        object: '整个台账',
        changes: [`从“${after.from ?? ''}”恢复；恢复前的台账已自动备份`],
      };
    case 'notice':
      return { action: '督办通知', object, changes: [] };
    case 'bulk': // 批量修改 (issue 10): the marker over one 修改 entry per measure
      return { action: '批量修改', object: `整改措施 ${count(after.count)} 项`, changes: Array.isArray(after.summary) ? (after.summary as string[]) : [] };
    default:
      return { action: e.action, object, changes: [] };
  }
}

/** Names of every unit, organisation, finding, measure and batch the records point at, read in bulk. */
async function loadNames(db: Db, rows: AuditRow[]): Promise<Names> {
  const names = new Names();
  for (const u of await db.selectFrom('units').select(['id', 'name']).execute()) names.units.set(u.id, u.name);
  for (const o of await db.selectFrom('organizations').select(['id', 'name']).execute()) names.orgs.set(o.id, o.name);
  const ids = (entity: string) => [...new Set(rows.filter((r) => r.entity === entity && r.entityId).map((r) => r.entityId!))];
  const measureIds = [
    ...ids('measure'),
    ...rows.filter((r) => r.entity === 'progress').map((r) => normalise(r.before).measureId as number).filter(Boolean),
  ];
  if (measureIds.length) {
    const ms = await db
      .selectFrom('measures as m')
      .leftJoin('units as u', 'u.id', 'm.lead_unit_id')
      .select(['m.id', 'm.text', 'u.name as unit'])
      .where('m.id', 'in', [...new Set(measureIds)])
      .execute();
    for (const m of ms) names.measures.set(m.id, { text: m.text, unit: m.unit ?? '' });
  }
  const findingIds = ids('finding');
  if (findingIds.length) {
    for (const f of await db.selectFrom('findings').select(['id', 'seq', 'text']).where('id', 'in', findingIds).execute()) {
      names.findings.set(f.id, { seq: f.seq, text: f.text });
    }
  }
  const batchIds = ids('batch');
  if (batchIds.length) {
    const bs = await db
      .selectFrom('batches as b')
      .innerJoin('organizations as o', 'o.id', 'b.organization_id')
      .select(['b.id', 'b.doc_number', 'b.topic', 'o.name as org'])
      .where('b.id', 'in', batchIds)
      .execute();
    for (const b of bs) names.batches.set(b.id, `${b.org} ${b.doc_number ?? b.topic}`);
  }
  return names;
}

export async function auditWords(db: Db, rows: AuditRow[]): Promise<AuditWords[]> {
  const names = await loadNames(db, rows);
  return rows.map((r) => words(r, names));
}
