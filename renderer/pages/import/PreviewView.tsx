import { Alert, Col, Collapse, Row, Statistic } from 'antd';
import type { ColumnRole, ImportPreview, ImportSheetDto } from '../../../shared/contract/import.ts';
import type { UnitDto } from '../../../shared/contract/index.ts';
import { MappingTable } from './MappingTable.tsx';
import { FindingsPreview, RowsPreview } from './PreviewTables.tsx';
import { UnitsConfirm, type UnitDecision } from './UnitsConfirm.tsx';
import { UnlocatedSheets } from './UnlocatedSheets.tsx';
import { tableKey } from './labels.ts';

/** The totals' figures: smaller than antd's default, so the tables start on the first screen at 768 px. */
const FIGURE = { fontSize: 20 };

/** What an import would do: totals, each table's columns, units to confirm, findings, every row. */
export function PreviewView({ preview, knownUnits, decisions, onDecision, onMapping, onHeaderRow, busy }: {
  preview: ImportPreview;
  knownUnits: UnitDto[];
  decisions: Record<string, UnitDecision>;
  onDecision: (name: string, d: UnitDecision) => void;
  onMapping: (sheet: ImportSheetDto, letter: string, role: ColumnRole) => void;
  onHeaderRow: (sheet: string, row: number) => void;
  busy: boolean;
}) {
  const t = preview.totals;
  const unlocated = preview.unlocated ?? [];
  const blocks = new Map<string, number>();
  for (const s of preview.sheets) blocks.set(s.name, (blocks.get(s.name) ?? 0) + 1);

  // Nothing was read at all: the rows of each sheet are what the clerk needs to see.
  if (preview.sheets.length === 0 && preview.findings.length === 0) {
    return (
      <div data-testid="import-preview-empty">
        {/* Each sheet's own alert says what to do; one red banner more would only alarm. */}
        {unlocated.length === 0 && <Alert type="error" showIcon style={{ marginBottom: 12 }} title="没有找到表头，文件中没有可读取的内容" />}
        <UnlocatedSheets sheets={unlocated} open disabled={busy} onPick={onHeaderRow} />
      </div>
    );
  }

  return (
    <>
      <Row gutter={16} style={{ marginBottom: 12 }}>
        <Col span={4}><Statistic title="反馈问题" value={t.findings} styles={{ content: FIGURE }} /></Col>
        <Col span={4}><Statistic title="整改措施" value={t.measures} styles={{ content: FIGURE }} /></Col>
        <Col span={4}><Statistic title="新增 / 有变化 / 已存在" value={`${t.newFindings} / ${t.changedFindings} / ${t.sameFindings}`} styles={{ content: FIGURE }} /></Col>
        <Col span={4}><Statistic title="有提示的行" value={t.rowsWarning} styles={{ content: FIGURE }} /></Col>
        <Col span={4}><Statistic title="拒绝的行" value={t.rowsRefused} styles={{ content: t.rowsRefused ? { ...FIGURE, color: '#cf1322' } : FIGURE }} /></Col>
        <Col span={4}><Statistic title="新单位（待确认）" value={t.newUnits} styles={{ content: FIGURE }} /></Col>
      </Row>
      {preview.rememberedMapping && <Alert type="info" showIcon title="已套用上次为同样表头选择的列对应关系" style={{ marginBottom: 12 }} />}
      {preview.errors.filter((e) => e.row === null || !preview.rows.some((r) => r.sheet === e.sheet && r.row === e.row)).map((e, i) => (
        <Alert key={i} type="error" showIcon style={{ marginBottom: 12 }} title={e.sheet ? `${e.sheet}：${e.message}` : e.message} data-testid="preview-error" />
      ))}
      <UnlocatedSheets sheets={unlocated} open={false} disabled={busy} onPick={onHeaderRow} />
      <Collapse
        defaultActiveKey={['mapping', 'units', 'findings']}
        items={[
          {
            key: 'mapping',
            label: `识别出的表格与列对应（${preview.sheets.length} 个表格）`,
            children: preview.sheets.map((s) => (
              <MappingTable
                key={tableKey(s)}
                sheet={s}
                blocksOnSheet={blocks.get(s.name) ?? 1}
                disabled={busy}
                onChange={(letter, role) => onMapping(s, letter, role)}
                onHeaderRow={(row) => onHeaderRow(s.name, row)}
              />
            )),
          },
          {
            key: 'units',
            label: `责任单位（${preview.units.length} 个，其中新单位 ${t.newUnits} 个）`,
            children: <UnitsConfirm units={preview.units} known={knownUnits} decisions={decisions} onChange={onDecision} />,
          },
          { key: 'findings', label: `反馈问题与整改措施（${t.findings} 个问题）`, children: <FindingsPreview preview={preview} /> },
          { key: 'rows', label: `逐行处理结果（${preview.rows.length} 行）`, children: <RowsPreview preview={preview} /> },
        ]}
      />
    </>
  );
}
