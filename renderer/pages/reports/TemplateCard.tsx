import { useState } from 'react';
import { Alert, App, Button, Card, Collapse, Input, Space, Table, Tag, Typography, Upload } from 'antd';
import { CheckCircleOutlined, DownloadOutlined, FileWordOutlined, UploadOutlined } from '@ant-design/icons';
import type { LedgerFilter } from '../../../shared/contract/index.ts';
import { TEMPLATE_TAGS, type TemplateCheckDto } from '../../../shared/contract/report-template.ts';
import { chineseDate, localIsoDate } from '../../../shared/domain/dates.ts';
import { call, toUpload } from '../../api.ts';
import { useAppInfo } from '../../app-info.tsx';
import { errorText } from '../../components/errors.ts';
import { useLoad } from '../../components/use-load.ts';
import { JobProgress } from './JobProgress.tsx';
import { useFileAction } from './use-file-action.ts';
import { useReportJob } from './use-report-job.ts';

/**
 * 本单位模板: the office gives its own .docx (letterhead, fonts, fixed paragraphs) with tags such as
 * {问题总数} and a table row {#措施}…{/措施}; choosing a file checks it (检查模板) and keeps it only
 * when every tag is known and none is broken. The report is then filled as a job.
 */
export function TemplateCard({ filter }: { filter: LedgerFilter }) {
  const { message } = App.useApp();
  const { dataVersion } = useAppInfo();
  const info = useLoad(() => call('template:info', {}), [dataVersion]);
  const [check, setCheck] = useState<TemplateCheckDto | null>(null);
  const [busy, setBusy] = useState<'save' | 'check' | 'remove' | null>(null);
  const [title, setTitle] = useState('');
  const files = useFileAction();
  const job = useReportJob();

  const choose = async (file: File) => {
    setBusy('save');
    try {
      const r = await call('template:save', { file: await toUpload(file) });
      setCheck(r.check);
      if (r.saved) {
        message.success(`已保存为本单位模板：${file.name}`);
        await info.reload();
      } else {
        message.warning('模板有问题，没有保存。请按下方提示在 Word 中修改后重新选择');
      }
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setBusy(null);
    }
  };

  const recheck = async () => {
    setBusy('check');
    try {
      setCheck(await call('template:check', {}));
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setBusy(null);
    }
  };

  const remove = async () => {
    setBusy('remove');
    try {
      await call('template:remove', {});
      setCheck(null);
      message.success('已停用本单位模板（文件仍保留在数据文件夹中）');
      await info.reload();
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setBusy(null);
    }
  };

  const saved = info.data;
  return (
    <Card title="用本单位模板生成报告" size="small" data-testid="template-card">
      <Space direction="vertical" size={10} style={{ width: '100%' }}>
        {saved ? (
          <Typography.Text data-testid="template-current">
            当前模板：<Typography.Text strong>{saved.fileName}</Typography.Text>（{saved.tags.length} 个标签，{chineseDate(localIsoDate(new Date(saved.savedAt)))}保存）
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary" data-testid="template-current">
            还没有本单位模板。可先下载示例模板，在 Word 中改成本单位的版头、字体和固定段落，再选择它。
          </Typography.Text>
        )}
        <Space wrap>
          <Upload accept=".docx" showUploadList={false} beforeUpload={(f) => (void choose(f), false)}>
            <Button icon={<UploadOutlined />} loading={busy === 'save'} data-testid="template-choose">
              选择模板文件…
            </Button>
          </Upload>
          <Button icon={<CheckCircleOutlined />} disabled={!saved} loading={busy === 'check'} onClick={() => void recheck()} data-testid="template-check">
            检查模板
          </Button>
          <Button icon={<DownloadOutlined />} loading={files.busy === 'sample'} onClick={() => void files.run('sample', () => call('template:sample', {}))} data-testid="template-sample">
            下载示例模板
          </Button>
          {saved && (
            <Button type="link" danger loading={busy === 'remove'} onClick={() => void remove()}>
              停用此模板
            </Button>
          )}
        </Space>
        {check && <CheckResult check={check} />}
        <Space wrap align="end">
          <Input style={{ width: 360 }} value={title} onChange={(e) => setTitle(e.target.value)} placeholder="标题（可不填）：模板中 {标题} 处的文字" maxLength={100} />
          <Button
            type="primary"
            icon={<FileWordOutlined />}
            disabled={!saved || (job.running && job.job?.key !== 'template')}
            loading={job.running && job.job?.key === 'template'}
            onClick={() => void job.start('template', { kind: 'report:template', input: { filter, title: title || undefined } })}
            data-testid="template-report"
          >
            按模板生成报告
          </Button>
        </Space>
        {job.job?.key === 'template' && (
          <JobProgress job={job.job} onCancel={() => void job.cancel()} onSave={() => job.job?.status && void job.save(job.job.status)} onDismiss={job.dismiss} />
        )}
        <TagHelp />
      </Space>
    </Card>
  );
}

function CheckResult({ check }: { check: TemplateCheckDto }) {
  const names = [...new Set(check.tags.filter((t) => t.known).map((t) => (t.kind === 'field' ? `{${t.name}}` : `{#${t.name}}`)))];
  return (
    <div data-testid="template-check-result" data-ok={check.ok}>
      {check.ok ? (
        <Alert type="success" showIcon title={`“${check.fileName}”检查通过：找到 ${check.tags.length} 处标签，均可填写。`} />
      ) : (
        <Alert type="error" showIcon title={`“${check.fileName}”有 ${check.problems.length + check.unknown.length} 处需要修改，修改前不能用它生成报告：`} />
      )}
      {check.problems.length > 0 && (
        <ul style={{ margin: '6px 0' }} data-testid="template-problems">
          {check.problems.map((p, i) => (
            <li key={i}>
              <Typography.Text type="danger">{p.where}：</Typography.Text>
              {p.message}
            </li>
          ))}
        </ul>
      )}
      {check.unknown.length > 0 && (
        <ul style={{ margin: '6px 0' }} data-testid="template-unknown">
          {check.unknown.map((t, i) => (
            <li key={i}>
              <Typography.Text type="warning">{t.where}：</Typography.Text>不认识的标签 <Typography.Text code>{`{${t.name}}`}</Typography.Text>
              {t.nearest ? (
                <>
                  ，是否应为 <Typography.Text code>{`{${t.nearest}}`}</Typography.Text>？
                </>
              ) : (
                '，请对照下方“可用标签”修改。'
              )}
            </li>
          ))}
        </ul>
      )}
      {names.length > 0 && (
        <div style={{ marginTop: 6 }} data-testid="template-tags">
          <Typography.Text type="secondary">找到的标签：</Typography.Text>
          {names.map((n) => (
            <Tag key={n} style={{ marginBottom: 4 }}>
              {n}
            </Tag>
          ))}
        </div>
      )}
    </div>
  );
}

/** The tags a template may use, from the one catalogue the core checks against. */
function TagHelp() {
  const rows = TEMPLATE_TAGS.map((t) => ({
    key: t.name,
    tag: t.group === '循环' ? `{#${t.name}} … {/${t.name}}` : `{${t.name}}`,
    meaning: t.fields ? `${t.meaning}。每行可用：${t.fields.map((f) => `{${f.name}}`).join(' ')}` : t.meaning,
    group: t.group,
  }));
  return (
    <Collapse
      size="small"
      items={[
        {
          key: 'tags',
          label: '可用标签与写法说明',
          children: (
            <Space direction="vertical" size={6} style={{ width: '100%' }}>
              <Typography.Paragraph style={{ marginBottom: 0, fontSize: 13 }}>
                在 Word 模板中用<Typography.Text strong>半角大括号</Typography.Text>写标签，例如“反馈的{'{问题总数}'}个问题”。表格中每条措施一行：在表格第二行的第一格写
                {' {#措施}{序号}'}，最后一格写{' {整改状态}{/措施}'}，其余格写{' {反馈问题}'}、{'{整改措施}'}等。只在有逾期时出现的一句话：
                {' {#逾期未完成}尚有{逾期未完成}条逾期。{/逾期未完成}'}。版头、字体、页眉页脚和固定段落保持原样。
              </Typography.Paragraph>
              <Table size="small" pagination={false} dataSource={rows} columns={[
                { title: '标签', dataIndex: 'tag', width: 220, render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
                { title: '类别', dataIndex: 'group', width: 60 },
                { title: '填入的内容', dataIndex: 'meaning' },
              ]} />
            </Space>
          ),
        },
      ]}
    />
  );
}
