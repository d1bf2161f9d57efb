import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Button, Card, Checkbox, Collapse, Form, Input, Radio, Select, Space, Typography } from 'antd';
import { FileWordOutlined } from '@ant-design/icons';
import type { LedgerFilter } from '../../../shared/contract/index.ts';
import { SECTION_BYS, SECTION_BY_LABEL, type ReportOptionsDto, type SectionBy } from '../../../shared/contract/reports.ts';
import { DEFAULT_WORDING, WORDING_FIELDS, WORDING_KEYS, WORDING_LABEL, type ReportWording, type WordingKey } from '../../../shared/contract/report-wording.ts';
import { call } from '../../api.ts';
import { useAppInfo } from '../../app-info.tsx';
import { JobProgress } from './JobProgress.tsx';
import { useReportJob } from './use-report-job.ts';

/** 中共青山县委统战部 → 中共青山县委: the placeholder of 主送机关 (the core reads it the same way). */
function guessAddressee(officeName: string): string {
  const m = /^(中共)?(.+?(?:自治州|自治县|市|县|区|州|盟|旗|省|自治区)委)(?:统战部|办公室|办)/.exec(officeName.trim());
  return m ? `中共${m[2]}` : '';
}

/**
 * Word 整改情况报告: 主送机关, how part 二 is summarised, charts, key findings told one by one, and
 * the office's own wording of the editable paragraphs — all remembered for the next report. The
 * report is refused (in words) until the office has a name to sign it with.
 */
export function ReportWordCard({ filter, options }: { filter: LedgerFilter; options: ReportOptionsDto | undefined }) {
  const { info } = useAppInfo();
  const officeName = info.settings.officeName.trim();
  const [sectionBy, setSectionBy] = useState<SectionBy | undefined>(options?.sectionBy);
  const [title, setTitle] = useState('');
  const [addressee, setAddressee] = useState('');
  const [charts, setCharts] = useState(false);
  const [wording, setWording] = useState<ReportWording>({});
  const [keyIds, setKeyIds] = useState<number[]>([]);
  const job = useReportJob();

  useEffect(() => {
    if (!options) return;
    setSectionBy(options.sectionBy);
    setAddressee(options.addressee);
    setCharts(options.charts);
    setWording(options.wording);
    setKeyIds(options.keyFindingIds);
  }, [options]);

  const guessed = guessAddressee(officeName);
  const noAddressee = !addressee.trim() && !guessed;
  const changed = WORDING_KEYS.filter((k) => wording[k] !== undefined && wording[k] !== DEFAULT_WORDING[k]);
  const start = () =>
    void job.start('word', {
      kind: 'report:word',
      input: {
        filter, sectionBy, title: title || undefined, addressee, charts, keyFindingIds: keyIds,
        // Only what the clerk changed is kept; the rest follows the default text.
        wording: Object.fromEntries(changed.map((k) => [k, wording[k]!])),
      },
    });

  return (
    <Card title="Word 整改情况报告" size="small" data-testid="report-word-card">
      {!officeName && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title="报告需要署名：请先在“设置”中填写本单位名称（如：中共青山县委统战部），再生成报告。"
          data-testid="report-no-office"
        />
      )}
      <Form layout="vertical">
        <Space wrap size="large" align="start">
          <Form.Item label="主送机关" style={{ marginBottom: 8 }} required validateStatus={noAddressee ? 'warning' : undefined} help={noAddressee ? '请填写主送机关' : undefined}>
            <Input style={{ width: 260 }} value={addressee} onChange={(e) => setAddressee(e.target.value)} placeholder={guessed || '如：中共青山县委'} maxLength={60} data-testid="report-addressee" />
          </Form.Item>
          <Form.Item label="标题（可不填）" style={{ marginBottom: 8 }}>
            <Input style={{ width: 380 }} value={title} onChange={(e) => setTitle(e.target.value)} placeholder="默认：关于XX民主监督反馈问题整改情况的报告（筛选时注明范围）" maxLength={100} />
          </Form.Item>
        </Space>
        <Space wrap size="large" align="start">
          <Form.Item label="第二部分的分类汇总" style={{ marginBottom: 8 }}>
            <Radio.Group value={sectionBy} onChange={(e) => setSectionBy(e.target.value)} optionType="button" options={SECTION_BYS.map((s) => ({ value: s, label: SECTION_BY_LABEL[s] }))} />
          </Form.Item>
          <Form.Item label="图表" style={{ marginBottom: 8 }}>
            <Checkbox checked={charts} onChange={(e) => setCharts(e.target.checked)} data-testid="report-charts">
              插入整改状态图和各单位完成情况图
            </Checkbox>
          </Form.Item>
        </Space>
        <Form.Item label="重点问题（在第二部分逐项写明，其余问题超过 20 个时只列入附件）" style={{ marginBottom: 8 }}>
          <KeyFindingPicker value={keyIds} onChange={setKeyIds} />
        </Form.Item>
        <Collapse
          size="small"
          style={{ marginBottom: 12 }}
          items={[
            {
              key: 'wording',
              label: `报告文字（可按本单位实际修改，下次沿用）${changed.length ? `：已修改 ${changed.length} 段` : ''}`,
              children: <WordingEditor value={wording} onChange={setWording} />,
            },
          ]}
        />
        <Button
          type="primary"
          icon={<FileWordOutlined />}
          loading={job.running && job.job?.key === 'word'}
          disabled={!officeName || noAddressee || (job.running && job.job?.key !== 'word')}
          data-testid="report-word"
          onClick={start}
        >
          生成整改情况报告
        </Button>
      </Form>
      {job.job?.key === 'word' && (
        <JobProgress job={job.job} onCancel={() => void job.cancel()} onSave={() => job.job?.status && void job.save(job.job.status)} onDismiss={job.dismiss} />
      )}
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }}>
        按党政机关公文格式（GB/T 9704）排版的上行文：主送机关、开头、整改工作开展情况、逐项整改落实情况、整改成效、存在问题和下一步打算、“特此报告。”、附件说明、署名和成文日期；附件为整改台账（每条措施一行，横向）和各责任单位统计表。
      </Typography.Paragraph>
    </Card>
  );
}

/** The editable paragraphs: the default text until the clerk changes it, with the fields it may use. */
function WordingEditor({ value, onChange }: { value: ReportWording; onChange: (w: ReportWording) => void }) {
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        花括号中的内容由程序按台账数据填写：{Object.entries(WORDING_FIELDS).map(([k, v]) => `{${k}} ${v}`).join('；')}。某项数字为 0 时，含它的那一句不写入报告。
      </Typography.Text>
      {WORDING_KEYS.map((key: WordingKey) => (
        <div key={key}>
          <Space style={{ marginBottom: 4 }}>
            <Typography.Text strong>{WORDING_LABEL[key]}</Typography.Text>
            {value[key] !== undefined && value[key] !== DEFAULT_WORDING[key] && (
              <Button size="small" type="link" onClick={() => onChange(Object.fromEntries(Object.entries(value).filter(([k]) => k !== key)))}>
                恢复默认
              </Button>
            )}
          </Space>
          <Input.TextArea
            autoSize={{ minRows: 2, maxRows: 6 }}
            maxLength={2000}
            value={value[key] ?? DEFAULT_WORDING[key]}
            onChange={(e) => onChange({ ...value, [key]: e.target.value })}
            data-testid={`wording-${key}`}
          />
        </div>
      ))}
    </Space>
  );
}

/** Findings searched by their words (the ledger's own search); chosen ones keep their labels. */
function KeyFindingPicker({ value, onChange }: { value: number[]; onChange: (ids: number[]) => void }) {
  const [labels, setLabels] = useState<Map<number, string>>(new Map());
  const [found, setFound] = useState<number[]>([]);
  const [searching, setSearching] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  // Labels of the remembered ones, read once.
  useEffect(() => {
    const missing = value.filter((id) => !labels.has(id));
    if (!missing.length) return;
    let stopped = false;
    void Promise.all(missing.map((id) => call('findings:get', { id }).then((f) => [id, `${f.seq}. ${f.text}`] as const, () => [id, `问题（已删除）`] as const))).then(
      (pairs) => !stopped && setLabels((old) => new Map([...old, ...pairs])),
    );
    return () => void (stopped = true);
  }, [value, labels]);

  const search = (q: string) => {
    clearTimeout(timer.current);
    if (!q.trim()) return;
    timer.current = setTimeout(async () => {
      setSearching(true);
      try {
        const page = await call('ledger:query', { filter: { q: q.trim() }, pageSize: 30 });
        const next = new Map(labels);
        const ids: number[] = [];
        for (const r of page.rows) {
          if (!next.has(r.findingId)) next.set(r.findingId, `${r.findingSeq}. ${r.findingText}`);
          if (!ids.includes(r.findingId)) ids.push(r.findingId);
        }
        setLabels(next);
        setFound(ids);
      } finally {
        setSearching(false);
      }
    }, 300);
  };

  const opts = useMemo(() => [...new Set([...value, ...found])].map((id) => ({ value: id, label: labels.get(id) ?? `问题 ${id}` })), [value, found, labels]);
  return (
    <Select<number[]>
      mode="multiple"
      style={{ width: '100%', maxWidth: 760 }}
      placeholder="输入问题中的词语查找，可选多个"
      value={value}
      onChange={onChange}
      showSearch={{ filterOption: false, onSearch: search }}
      loading={searching}
      options={opts}
      maxTagTextLength={24}
      data-testid="report-key-findings"
    />
  );
}
