import { useState } from 'react';
import dayjs, { type Dayjs } from 'dayjs';
import { Alert, App, Button, DatePicker, Divider, List, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { ReturnedChange, ReturnedSheetsPreview, ReturnedSheetsResult, UnitSheetsResult } from '../../../shared/contract/import.ts';
import { call, saveFile, toUpload } from '../../api.ts';
import { useAppInfo } from '../../app-info.tsx';
import { errorText } from '../../components/errors.ts';
import { StatusTag } from '../../components/labels.tsx';
import { useLoad } from '../../components/use-load.ts';
import { useSubmit } from '../../components/use-submit.ts';
import { FilePicker } from './file-picker.tsx';

/**
 * The round trip with responsible units: write each unit a locked fill-in workbook of its open
 * measures; read the returned ones (several at once), confirm each change, merge them.
 */
export function UnitSheetsTab() {
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <ExportSheets />
      <Divider style={{ margin: 0 }} />
      <ReturnedSheets />
    </Space>
  );
}

function ExportSheets() {
  const { dataVersion } = useAppInfo();
  const units = useLoad(() => call('units:list', {}), [dataVersion]);
  const [singleFile, setSingleFile] = useState(false);
  const [unitIds, setUnitIds] = useState<number[]>([]);
  // 报送时限: empty means today + 设置's 反馈期限.
  const [due, setDue] = useState<Dayjs | null>(null);
  const [out, setOut] = useState<UnitSheetsResult | null>(null);

  const { saving: busy, error, submit: run } = useSubmit(async () => {
    const result = await call('unitSheets:export', { singleFile, unitIds: unitIds.length ? unitIds : undefined, dueDate: due ? due.format('YYYY-MM-DD') : undefined });
    setOut(result);
    if (result.files.length === 1) await saveFile(result.files[0]);
  });

  return (
    <div data-testid="unit-sheets-export">
      <Typography.Title level={5}>一、生成单位填报表</Typography.Title>
      <Typography.Paragraph type="secondary">
        每个责任单位一张表，列出其未完成的整改措施（含反馈问题、整改时限、最近进展）。单位只能填写“本期进展”“完成情况”“状态”三列，其余内容锁定；交回后在下方读取合并。
      </Typography.Paragraph>
      <Space wrap>
        <Radio.Group value={singleFile} onChange={(e) => setSingleFile(e.target.value)} data-testid="single-file">
          <Radio value={false}>每个单位一个文件</Radio>
          <Radio value={true}>一个文件，每个单位一个工作表</Radio>
        </Radio.Group>
        <Select<number[]>
          mode="multiple"
          allowClear
          style={{ minWidth: 320 }}
          placeholder="全部有未完成措施的单位（可只选部分）"
          value={unitIds}
          onChange={setUnitIds}
          showSearch={{ optionFilterProp: 'label' }}
          options={(units.data ?? []).filter((u) => u.openCount > 0).map((u) => ({ value: u.id, label: `${u.name}（${u.openCount}）` }))}
        />
        <DatePicker
          value={due}
          onChange={setDue}
          placeholder="报送时限（默认按设置的反馈期限）"
          style={{ width: 260 }}
          disabledDate={(d) => d.isBefore(dayjs(), 'day')}
          data-testid="unit-sheets-due"
        />
        <Button type="primary" loading={busy} onClick={() => void run()} data-testid="unit-sheets-generate">生成填报表</Button>
      </Space>
      {error && <Alert style={{ marginTop: 12 }} type="error" showIcon title={error} />}
      {out && (
        <div style={{ marginTop: 12 }}>
          {out.files.length === 0 ? (
            <Alert type="info" showIcon title="没有未完成的整改措施，无需下发填报表" />
          ) : (
            <List
              size="small"
              bordered
              data-testid="unit-sheets-files"
              header={`已生成 ${out.files.length} 个文件（${out.units} 个单位，${out.measures} 项措施）`}
              dataSource={out.files}
              renderItem={(f) => (
                <List.Item actions={[<Button key="dl" size="small" icon={<DownloadOutlined />} onClick={() => void saveFile(f)}>保存</Button>]}>
                  {f.fileName}
                </List.Item>
              )}
            />
          )}
        </div>
      )}
    </div>
  );
}

function ReturnedSheets() {
  const { message } = App.useApp();
  const { refresh } = useAppInfo();
  const [files, setFiles] = useState<File[]>([]);
  const [preview, setPreview] = useState<ReturnedSheetsPreview | null>(null);
  const [selected, setSelected] = useState<number[]>([]);
  const [busy, setBusy] = useState<'read' | 'merge' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<ReturnedSheetsResult | null>(null);

  const read = async (list: File[]) => {
    setBusy('read');
    setError(null);
    setResult(null);
    try {
      const p = await call('unitSheets:preview', { files: await Promise.all(list.map(toUpload)) });
      setPreview(p);
      setSelected(p.changes.map((c) => c.measureId));
    } catch (err) {
      setError(errorText(err));
      setPreview(null);
    } finally {
      setBusy(null);
    }
  };

  const merge = async () => {
    setBusy('merge');
    setError(null);
    try {
      const r = await call('unitSheets:commit', { files: await Promise.all(files.map(toUpload)), measureIds: selected });
      setResult(r);
      setPreview(null);
      setFiles([]);
      message.success('已合并单位填报');
      await refresh();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div data-testid="unit-sheets-returned">
      <Typography.Title level={5}>二、读取单位交回的填报表</Typography.Title>
      <FilePicker
        multiple
        testId="returned-files"
        files={files}
        hint="可一次选择多个单位交回的文件；按隐藏的措施编号与校验码逐行匹配，不按位置或文字"
        onChange={(list) => {
          setFiles(list);
          void read(list);
        }}
      />
      {error && <Alert style={{ marginTop: 12 }} type="error" showIcon title={error} data-testid="returned-error" />}
      {result && (
        <Alert
          style={{ marginTop: 12 }}
          type="success"
          showIcon
          data-testid="returned-result"
          title={`已合并 ${result.measures} 项措施：新增进展 ${result.progressAdded} 条，状态变更 ${result.statusChanged} 项`}
        />
      )}
      {preview && (
        <div style={{ marginTop: 12 }} data-testid="returned-preview">
          <Table
            size="small"
            rowKey="file"
            pagination={false}
            dataSource={preview.files}
            columns={[
              { title: '文件', dataIndex: 'file' },
              { title: '单位', dataIndex: 'unit', render: (u: string | null) => u ?? '—' },
              { title: '行数', dataIndex: 'rows', width: 70, align: 'right' },
              { title: '变更', dataIndex: 'changes', width: 70, align: 'right' },
              { title: '问题', dataIndex: 'problems', width: 70, align: 'right', render: (n: number) => (n ? <Typography.Text type="danger">{n}</Typography.Text> : 0) },
            ]}
          />
          {preview.problems.length > 0 && (
            <Alert
              style={{ marginTop: 12 }}
              type="warning"
              showIcon
              data-testid="returned-problems"
              title={`以下 ${preview.problems.length} 处未合并`}
              description={<ul style={{ margin: 0, paddingInlineStart: 18 }}>{preview.problems.map((p, i) => <li key={i}>{p.message}</li>)}</ul>}
            />
          )}
          <Table<ReturnedChange>
            style={{ marginTop: 12 }}
            size="small"
            rowKey="measureId"
            data-testid="returned-changes"
            dataSource={preview.changes}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as number[]) }}
            locale={{ emptyText: '交回的表格中没有填写新的进展或状态' }}
            columns={[
              { title: '单位', dataIndex: 'unit', width: 130 },
              { title: '整改措施', dataIndex: 'measureText', render: (t: string, c) => <><div>{t}</div><Typography.Text type="secondary">{c.findingText}</Typography.Text></> },
              {
                title: '进展（原 → 新）',
                key: 'progress',
                render: (_, c) =>
                  c.progress ? (
                    <div>
                      <Typography.Text type="secondary" delete={false}>{c.progress.old ?? '（无）'}</Typography.Text>
                      <div>→ <Typography.Text strong>{c.progress.new}</Typography.Text></div>
                    </div>
                  ) : '—',
              },
              { title: '完成情况', dataIndex: 'completion', width: 150, render: (t: string | null) => t ?? '—' },
              {
                title: '状态（原 → 新）',
                key: 'status',
                width: 170,
                render: (_, c) => (c.status ? <Space size={4}><StatusTag status={c.status.old} />→<StatusTag status={c.status.new} /></Space> : <Tag>不变</Tag>),
              },
              { title: '来源', key: 'src', width: 150, render: (_, c) => `${c.file} 第 ${c.row} 行` },
            ]}
          />
          <Button
            style={{ marginTop: 12 }}
            type="primary"
            disabled={selected.length === 0}
            loading={busy === 'merge'}
            onClick={() => void merge()}
            data-testid="returned-commit"
          >
            确认合并所选 {selected.length} 项
          </Button>
        </div>
      )}
    </div>
  );
}
