import { useState } from 'react';
import { Segmented, Space, Table, Tag, Typography } from 'antd';
import type { ImportPreview, PreviewFinding, RowOutcomeDto, RowOutcomeKind } from '../../../shared/contract/import.ts';
import { DEADLINE_KIND_LABEL } from '../../../shared/domain/vocabulary.ts';
import { StatusTag } from '../../components/labels.tsx';
import { OUTCOME } from './labels.ts';
import { SimilarEarlierNote, useSimilarEarlier } from './SimilarEarlier.tsx';

const MATCH = { new: { label: '新增', color: 'blue' }, changed: { label: '有变化', color: 'orange' }, same: { label: '已存在', color: 'default' } } as const;

/** Findings as they will enter the ledger, each with its measures and what an update would change. */
export function FindingsPreview({ preview }: { preview: ImportPreview }) {
  const similar = useSimilarEarlier(preview.findings);
  return (
    <Table<PreviewFinding>
      size="small"
      data-testid="preview-findings"
      rowKey={(f) => `${f.sheet}:${f.row}`}
      dataSource={preview.findings}
      pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (n) => `共 ${n} 个问题` }}
      columns={[
        { title: '序号', dataIndex: 'seq', width: 60 },
        { title: '类别', dataIndex: 'category', width: 150, render: (c: string | null) => c ?? '—' },
        {
          title: '反馈问题 / 整改措施',
          key: 'text',
          render: (_, f) => (
            <div>
              <Typography.Text strong>{f.text}</Typography.Text>
              {(f.source || f.parentSeq) && (
                <div data-testid="preview-finding-source">
                  <Typography.Text type="secondary">
                    {[f.source && `反馈来源：${f.source}`, f.parentSeq && `属于第 ${f.parentSeq} 项`].filter(Boolean).join('　')}
                  </Typography.Text>
                </div>
              )}
              {f.suggestion && (
                <div data-testid="preview-suggestion">
                  <Typography.Text type="secondary">意见建议：</Typography.Text>
                  {f.suggestion}
                </div>
              )}
              {f.measures.length === 0 && (
                <div data-testid="preview-no-measures">
                  <Typography.Text type="secondary">（尚未分解整改措施，导入后在台账中分解）</Typography.Text>
                </div>
              )}
              {f.measures.length > 0 && <ol style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
                {f.measures.map((m, i) => (
                  <li key={i} data-testid="preview-measure">
                    <Space size={6} wrap>
                      <span>{m.text}</span>
                      <Typography.Text type="secondary">
                        {m.leadUnit}
                        {m.coUnits.length ? `（配合：${m.coUnits.join('、')}）` : ''}
                      </Typography.Text>
                      <Tag>{m.deadline.kind === 'date' ? m.deadline.date : DEADLINE_KIND_LABEL[m.deadline.kind]}</Tag>
                      {m.deadline.text && m.deadline.text !== m.deadline.date && <Typography.Text type="secondary">“{m.deadline.text}”</Typography.Text>}
                      {m.status && <StatusTag status={m.status} />}
                    </Space>
                  </li>
                ))}
              </ol>}
              {f.changes.length > 0 && (
                <ul style={{ margin: '4px 0 0', color: '#d46b08' }} data-testid="finding-changes">
                  {f.changes.map((c) => <li key={c}>{c}</li>)}
                </ul>
              )}
              <SimilarEarlierNote finding={f} similar={similar} />
            </div>
          ),
        },
        { title: '文件中位置', key: 'src', width: 130, render: (_, f) => `${f.sheet} 第 ${f.row} 行` },
        { title: '与台账比对', key: 'match', width: 90, render: (_, f) => <Tag color={MATCH[f.match].color}>{MATCH[f.match].label}</Tag> },
      ]}
    />
  );
}

/** Every row of the sheet: imported, imported with a warning, refused (why), or skipped (why). */
export function RowsPreview({ preview }: { preview: ImportPreview }) {
  const [only, setOnly] = useState<RowOutcomeKind | 'all'>('all');
  const rows = only === 'all' ? preview.rows : preview.rows.filter((r) => r.outcome === only);
  return (
    <>
      <Segmented
        style={{ marginBottom: 8 }}
        value={only}
        onChange={(v) => setOnly(v as RowOutcomeKind | 'all')}
        options={[
          { value: 'all', label: `全部 ${preview.rows.length}` },
          ...(Object.keys(OUTCOME) as RowOutcomeKind[]).map((k) => ({ value: k, label: `${OUTCOME[k].label} ${preview.rows.filter((r) => r.outcome === k).length}` })),
        ]}
      />
      <Table<RowOutcomeDto>
        size="small"
        data-testid="preview-rows"
        rowKey={(r) => `${r.sheet}:${r.row}`}
        dataSource={rows}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: '工作表', dataIndex: 'sheet', width: 120 },
          { title: '行', dataIndex: 'row', width: 60 },
          { title: '结果', dataIndex: 'outcome', width: 70, render: (o: RowOutcomeKind) => <Tag color={OUTCOME[o].color}>{OUTCOME[o].label}</Tag> },
          { title: '原因', dataIndex: 'reason', width: 260, render: (r: string | null) => r ?? '' },
          { title: '内容摘要', dataIndex: 'excerpt', ellipsis: true },
        ]}
      />
    </>
  );
}
