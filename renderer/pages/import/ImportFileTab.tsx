import { useRef, useState } from 'react';
import { Alert, App, Button, Checkbox, Col, Empty, Row, Select, Space, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { ColumnRole, ImportCommitResult, ImportPreview, ImportSheetDto } from '../../../shared/contract/import.ts';
import { call, toUpload } from '../../api.ts';
import { useAppInfo } from '../../app-info.tsx';
import { errorText } from '../../components/errors.ts';
import { useLoad } from '../../components/use-load.ts';
import { navigate } from '../../router.ts';
import { useFileAction } from '../reports/use-file-action.ts';
import { FilePicker } from './file-picker.tsx';
import { ImportCancelled, ImportJobProgress, useImportJob } from './ImportJob.tsx';
import { IMPORT_ACCEPT, IMPORT_HINT } from './labels.ts';
import { PreviewView } from './PreviewView.tsx';
import { decisionOf, type UnitDecision } from './UnitsConfirm.tsx';

type Mappings = Record<string, Record<string, ColumnRole>>;
/** Header rows the clerk pointed at, by sheet name (1-based). */
type HeaderRows = Record<string, number>;

/** Choose a file and a batch → preview (mapping, rows, units) → confirm → one transaction. */
export function ImportFileTab() {
  const { message } = App.useApp();
  const { refresh, dataVersion } = useAppInfo();
  const batches = useLoad(() => call('batches:list', {}), [dataVersion]);
  const units = useLoad(() => call('units:list', {}), [dataVersion]);
  const template = useFileAction();
  const job = useImportJob();
  const [file, setFile] = useState<File | null>(null);
  const [batchId, setBatchId] = useState<number>();
  const [mappings, setMappings] = useState<Mappings>({});
  const [headerRows, setHeaderRows] = useState<HeaderRows>({});
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [decisions, setDecisions] = useState<Record<string, UnitDecision>>({});
  const [defaultUnitId, setDefaultUnitId] = useState<number>();
  const [applyUpdates, setApplyUpdates] = useState(true);
  const [busy, setBusy] = useState<'preview' | 'commit' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<ImportCommitResult | null>(null);
  // A newer preview (another file, another choice) makes an older answer stale.
  const ticket = useRef(0);

  const runPreview = async (opts: { mappings?: Mappings; headerRows?: HeaderRows; file?: File | null; batchId?: number } = {}) => {
    const f = opts.file === undefined ? file : opts.file;
    if (!f) return;
    const mine = ++ticket.current;
    setBusy('preview');
    setError(null);
    setResult(null);
    try {
      const upload = await toUpload(f);
      const next = await job.run('preview', (jobId) =>
        call('import:preview', {
          file: upload,
          batchId: 'batchId' in opts ? opts.batchId : batchId,
          mappings: opts.mappings ?? mappings,
          headerRows: opts.headerRows ?? headerRows,
          jobId,
        }),
      );
      if (mine === ticket.current) setPreview(next);
    } catch (err) {
      if (mine !== ticket.current) return;
      setPreview(null);
      if (err instanceof ImportCancelled) message.info('已取消读取');
      else setError(errorText(err));
    } finally {
      if (mine === ticket.current) setBusy(null);
    }
  };

  const changeMapping = (sheet: ImportSheetDto, letter: string, role: ColumnRole) => {
    const current = mappings[sheet.signature] ?? Object.fromEntries(sheet.columns.map((c) => [c.letter, c.role]));
    const next = { ...mappings, [sheet.signature]: { ...current, [letter]: role } };
    setMappings(next);
    void runPreview({ mappings: next });
  };

  const chooseHeaderRow = (sheet: string, row: number) => {
    const next = { ...headerRows, [sheet]: row };
    setHeaderRows(next);
    void runPreview({ headerRows: next });
  };

  const commit = async () => {
    if (!file || !preview || !batchId) return;
    setBusy('commit');
    setError(null);
    try {
      const newUnits: string[] = [];
      const unitMap: Record<string, number> = {};
      for (const u of preview.units.filter((x) => !x.existing)) {
        const d = decisionOf(u, decisions);
        if (d.mapTo) unitMap[u.name] = d.mapTo;
        else if (d.create) newUnits.push(u.name);
      }
      const upload = await toUpload(file);
      const done = await job.run('commit', (jobId) =>
        call('import:commit', { file: upload, batchId, mappings, headerRows, jobId, newUnits, unitMap, applyUpdates, defaultUnitId }),
      );
      setResult(done);
      setPreview(null);
      message.success('导入完成');
      await refresh();
    } catch (err) {
      if (err instanceof ImportCancelled) message.info('已取消导入，台账没有任何改动');
      else setError(errorText(err));
    } finally {
      setBusy(null);
    }
  };

  const t = preview?.totals;
  const readable = !!preview && (preview.sheets.length > 0 || preview.findings.length > 0);
  const nothingToDo = !!t && t.newFindings === 0 && (t.changedFindings === 0 || !applyUpdates);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Row gutter={16}>
        <Col span={14}>
          <FilePicker
            testId="import-file"
            accept={IMPORT_ACCEPT}
            files={file ? [file] : []}
            hint={IMPORT_HINT}
            onChange={(list) => {
              const f = list[0] ?? null;
              setFile(f);
              setMappings({});
              setHeaderRows({});
              setDecisions({});
              void runPreview({ file: f, mappings: {}, headerRows: {} });
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
              void runPreview({ batchId: id });
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
          <div style={{ marginTop: 12 }}>
            <Button
              icon={<DownloadOutlined />}
              loading={template.busy === 'template'}
              data-testid="import-template"
              onClick={() => void template.run('template', () => call('import:template', {}))}
            >
              下载空白模板
            </Button>
            <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
              还没有台账？下载模板，按“填写说明”填好后在左边导入。
            </Typography.Paragraph>
          </div>
        </Col>
      </Row>

      <ImportJobProgress job={job.job} onCancel={() => void job.cancel()} />
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

      {preview && (
        <div data-testid="import-preview">
          <PreviewView
            preview={preview}
            knownUnits={units.data ?? []}
            decisions={decisions}
            onDecision={(name, d) => setDecisions((all) => ({ ...all, [name]: d }))}
            onMapping={changeMapping}
            onHeaderRow={chooseHeaderRow}
            busy={busy !== null}
          />
          {readable && t && (
            <Space style={{ marginTop: 16 }} wrap>
              {t.measuresWithoutUnit > 0 && (
                <Space data-testid="default-unit">
                  <Typography.Text type="warning">{t.measuresWithoutUnit} 项措施没有写责任单位，统一记为：</Typography.Text>
                  <Select<number>
                    style={{ width: 220 }}
                    placeholder="选择默认责任单位"
                    value={defaultUnitId}
                    showSearch={{ optionFilterProp: 'label' }}
                    options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
                    onChange={setDefaultUnitId}
                  />
                </Space>
              )}
              {t.changedFindings > 0 && (
                <Checkbox checked={applyUpdates} onChange={(e) => setApplyUpdates(e.target.checked)} data-testid="apply-updates">
                  同时更新已存在问题的变化（{t.changedFindings} 个）
                </Checkbox>
              )}
              <Button
                type="primary"
                data-testid="import-commit"
                disabled={!batchId || nothingToDo || busy !== null || (t.measuresWithoutUnit > 0 && !defaultUnitId)}
                loading={busy === 'commit'}
                onClick={() => void commit()}
              >
                {batchId ? '确认导入' : '请先选择反馈批次'}
              </Button>
              {nothingToDo && <Typography.Text type="secondary">文件中的问题均已在该批次中，没有需要导入的内容</Typography.Text>}
            </Space>
          )}
        </div>
      )}
    </Space>
  );
}
