import { useState } from 'react';
import { Alert, App, Button, Checkbox, Col, Collapse, Empty, Row, Select, Space, Statistic, Typography } from 'antd';
import type { ColumnRole, ImportCommitResult, ImportPreview, ImportSheetDto } from '../../../shared/contract/import.ts';
import { call, toUpload } from '../../api.ts';
import { useAppInfo } from '../../app-info.tsx';
import { errorText } from '../../components/errors.ts';
import { useLoad } from '../../components/use-load.ts';
import { navigate } from '../../router.ts';
import { FilePicker } from './file-picker.tsx';
import { MappingTable } from './MappingTable.tsx';
import { FindingsPreview, RowsPreview } from './PreviewTables.tsx';
import { UnitsConfirm, type UnitDecision } from './UnitsConfirm.tsx';

type Mappings = Record<string, Record<string, ColumnRole>>;

/** Choose a file and a batch → preview (mapping, rows, units) → confirm → one transaction. */
export function ImportFileTab() {
  const { message } = App.useApp();
  const { refresh, dataVersion } = useAppInfo();
  const batches = useLoad(() => call('batches:list', {}), [dataVersion]);
  const units = useLoad(() => call('units:list', {}), [dataVersion]);
  const [file, setFile] = useState<File | null>(null);
  const [batchId, setBatchId] = useState<number>();
  const [mappings, setMappings] = useState<Mappings>({});
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [decisions, setDecisions] = useState<Record<string, UnitDecision>>({});
  const [applyUpdates, setApplyUpdates] = useState(true);
  const [busy, setBusy] = useState<'preview' | 'commit' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<ImportCommitResult | null>(null);

  const runPreview = async (chosen: Mappings, f = file, batch = batchId) => {
    if (!f) return;
    setBusy('preview');
    setError(null);
    setResult(null);
    try {
      setPreview(await call('import:preview', { file: await toUpload(f), batchId: batch, mappings: chosen }));
    } catch (err) {
      setPreview(null);
      setError(errorText(err));
    } finally {
      setBusy(null);
    }
  };

  const changeMapping = (sheet: ImportSheetDto, letter: string, role: ColumnRole) => {
    const current = mappings[sheet.signature] ?? Object.fromEntries(sheet.columns.map((c) => [c.letter, c.role]));
    const next = { ...mappings, [sheet.signature]: { ...current, [letter]: role } };
    setMappings(next);
    void runPreview(next);
  };

  const commit = async () => {
    if (!file || !preview || !batchId) return;
    setBusy('commit');
    setError(null);
    try {
      const newUnits: string[] = [];
      const unitMap: Record<string, number> = {};
      for (const u of preview.units.filter((x) => !x.existing)) {
        const d = decisions[u.name] ?? { create: true };
        if (d.mapTo) unitMap[u.name] = d.mapTo;
        else if (d.create) newUnits.push(u.name);
      }
      const done = await call('import:commit', { file: await toUpload(file), batchId, mappings, newUnits, unitMap, applyUpdates });
      setResult(done);
      setPreview(null);
      message.success('导入完成');
      await refresh();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(null);
    }
  };

  const t = preview?.totals;
  const nothingToDo = !!t && t.newFindings === 0 && (t.changedFindings === 0 || !applyUpdates);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Row gutter={16}>
        <Col span={14}>
          <FilePicker
            testId="import-file"
            files={file ? [file] : []}
            hint="支持 .xlsx、.xls（含旧版 Office 与网页格式）、.csv（UTF-8 或 GBK）；可有标题行、两行表头、分类行、合并单元格"
            onChange={(list) => {
              setFile(list[0] ?? null);
              setMappings({});
              setDecisions({});
              void runPreview({}, list[0] ?? null);
            }}
          />
        </Col>
        <Col span={10}>
          <Typography.Paragraph strong style={{ marginBottom: 6 }}>导入到反馈批次</Typography.Paragraph>
          <Select<number>
            style={{ width: '100%' }}
            placeholder="选择反馈批次（同一文件再次导入时用于识别重复）"
            loading={batches.loading}
            value={batchId}
            data-testid="import-batch"
            showSearch={{ optionFilterProp: 'label' }}
            options={(batches.data ?? []).map((b) => ({ value: b.id, label: `${b.organizationName} ${b.docNumber ?? ''} · ${b.topic}` }))}
            onChange={(id) => {
              setBatchId(id);
              void runPreview(mappings, file, id);
            }}
          />
          {batches.data?.length === 0 && (
            <Alert
              style={{ marginTop: 8 }}
              type="info"
              showIcon
              title="还没有反馈批次：请先登记收到的反馈意见，再导入其问题清单"
              action={<Button size="small" onClick={() => navigate('batches', { new: 1 })}>登记反馈批次</Button>}
            />
          )}
        </Col>
      </Row>

      {error && <Alert type="error" showIcon title={error} data-testid="import-error" />}
      {result && (
        <Alert
          type="success"
          showIcon
          data-testid="import-result"
          title={`已导入：新增反馈问题 ${result.createdFindings} 个、整改措施 ${result.createdMeasures} 项；更新 ${result.updatedFindings} 个；未变 ${result.unchangedFindings} 个；新建单位 ${result.createdUnits} 个；进展 ${result.progressEntries} 条`}
          action={<Button size="small" type="primary" onClick={() => navigate('ledger', { batch: result.batchId })}>查看台账</Button>}
        />
      )}
      {!preview && !error && !result && !busy && <Empty description="选择文件后，这里显示识别出的表头、每一行的处理结果和合计；确认前不会写入任何数据" />}

      {preview && t && (
        <div data-testid="import-preview">
          <Row gutter={16} style={{ marginBottom: 12 }}>
            <Col span={4}><Statistic title="反馈问题" value={t.findings} /></Col>
            <Col span={4}><Statistic title="整改措施" value={t.measures} /></Col>
            <Col span={4}><Statistic title="新增 / 有变化 / 已存在" value={`${t.newFindings} / ${t.changedFindings} / ${t.sameFindings}`} /></Col>
            <Col span={4}><Statistic title="有提示的行" value={t.rowsWarning} /></Col>
            <Col span={4}><Statistic title="拒绝的行" value={t.rowsRefused} styles={{ content: t.rowsRefused ? { color: '#cf1322' } : undefined }} /></Col>
            <Col span={4}><Statistic title="新单位（待确认）" value={t.newUnits} /></Col>
          </Row>
          {preview.rememberedMapping && <Alert type="info" showIcon title="已套用上次为同样表头选择的列对应关系" style={{ marginBottom: 12 }} />}
          <Collapse
            defaultActiveKey={['mapping', 'units', 'findings']}
            items={[
              {
                key: 'mapping',
                label: `识别出的表格与列对应（${preview.sheets.length} 个工作表）`,
                children: preview.sheets.map((s) => (
                  <MappingTable key={s.name} sheet={s} disabled={busy !== null} onChange={(letter, role) => changeMapping(s, letter, role)} />
                )),
              },
              {
                key: 'units',
                label: `责任单位（${preview.units.length} 个，其中新单位 ${t.newUnits} 个）`,
                children: (
                  <UnitsConfirm
                    units={preview.units}
                    known={units.data ?? []}
                    decisions={decisions}
                    onChange={(name, d) => setDecisions((all) => ({ ...all, [name]: d }))}
                  />
                ),
              },
              { key: 'findings', label: `反馈问题与整改措施（${t.findings} 个问题）`, children: <FindingsPreview preview={preview} /> },
              { key: 'rows', label: `逐行处理结果（${preview.rows.length} 行）`, children: <RowsPreview preview={preview} /> },
            ]}
          />
          <Space style={{ marginTop: 16 }}>
            {t.changedFindings > 0 && (
              <Checkbox checked={applyUpdates} onChange={(e) => setApplyUpdates(e.target.checked)} data-testid="apply-updates">
                同时更新已存在问题的变化（{t.changedFindings} 个）
              </Checkbox>
            )}
            <Button
              type="primary"
              data-testid="import-commit"
              disabled={!batchId || nothingToDo}
              loading={busy === 'commit'}
              onClick={() => void commit()}
            >
              {batchId ? '确认导入' : '请先选择反馈批次'}
            </Button>
            {nothingToDo && <Typography.Text type="secondary">文件中的问题均已在该批次中，没有需要导入的内容</Typography.Text>}
          </Space>
        </div>
      )}
    </Space>
  );
}
