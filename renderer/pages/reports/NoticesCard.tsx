import { useState } from 'react';
import { App, Button, Card, Form, Input, InputNumber, Select, Space, Table, Tabs, Tag, Typography, type ButtonProps } from 'antd';
import { PrinterOutlined, SendOutlined } from '@ant-design/icons';
import type { LedgerRow } from '../../../shared/contract/index.ts';
import { NOTICE_LEVELS, NOTICE_LEVEL_LABEL, type NoticeDto, type NoticeLevel, type ReportOptionsDto } from '../../../shared/contract/reports.ts';
import { call } from '../../api.ts';
import { useAppInfo } from '../../app-info.tsx';
import { errorText } from '../../components/errors.ts';
import { SignalDot } from '../../components/labels.tsx';
import { useLoad } from '../../components/use-load.ts';
import { navigate } from '../../router.ts';
import { PrintAssignmentButton } from '../../print/index.tsx';
import { useFileAction } from './use-file-action.ts';
import { nextNoticeNumber } from './notice-number.ts';

const LEVEL_COLOR: Record<NoticeLevel, string> = { reminder: 'blue', supervise: 'gold', warning: 'red' };

/** 督办通知单: late or stagnant measures to chase, the notices already sent, and the number format. */
export function NoticesCard({ options, onOptionsSaved }: { options: ReportOptionsDto; onOptionsSaved: (o: ReportOptionsDto) => void }) {
  const { dataVersion, info } = useAppInfo();
  const { message, modal } = App.useApp();
  const [page, setPage] = useState(1);
  const [levels, setLevels] = useState<Record<number, NoticeLevel | undefined>>({});
  const due = useLoad(
    () => call('ledger:query', { filter: { signals: ['red', 'yellow'], statuses: ['not_started', 'in_progress'] }, sort: 'signal', order: 'asc', page, pageSize: 10 }),
    [page, dataVersion],
  );
  const notices = useLoad(() => call('notice:list', { limit: 200 }), [dataVersion]);
  const { busy, run } = useFileAction();
  const [format, setFormat] = useState(options.noticeFormat);
  const [replyDays, setReplyDays] = useState(options.replyDays);

  const issue = (row: LedgerRow) =>
    run(`notice-${row.measureId}`, async () => {
      const { notice, file } = await call('notice:create', { measureId: row.measureId, level: levels[row.measureId] });
      message.info(`已发出 ${notice.docNumber}，已记入该措施的办理记录`);
      void notices.reload();
      return file;
    });

  // A number once issued is never taken back: say which one before issuing.
  const confirmIssue = async (row: LedgerRow) => {
    const year = Number(info.today.slice(0, 4));
    let next: number | null = null;
    try {
      const issued = await call('notice:list', { year, limit: 1000 });
      next = nextNoticeNumber(options.noticeFormat, year, issued, issued.length < 1000);
    } catch {
      next = null; // the question below still warns; issuing reports its own errors
    }
    modal.confirm({
      title: next === null ? '将生成督办单（编号一经生成不能收回），确定生成吗？' : `将生成督办单 第 ${next} 号（编号一经生成不能收回），确定生成吗？`,
      content: `发给：${row.leadUnitName}；措施：${row.measureText.length > 40 ? `${row.measureText.slice(0, 40)}…` : row.measureText}`,
      okText: '生成',
      cancelText: '取消',
      okButtonProps: { 'data-testid': 'issue-notice-confirm' } as ButtonProps,
      onOk: () => issue(row),
    });
  };

  const saveFormat = async () => {
    try {
      onOptionsSaved(await call('report:save-options', { noticeFormat: format, replyDays }));
      message.success('已保存');
    } catch (err) {
      message.error(errorText(err));
    }
  };

  return (
    <Card title="督办通知单" size="small">
      <Tabs
        items={[
          {
            key: 'due',
            label: '待督办（逾期或停滞）',
            children: (
              <Table<LedgerRow>
                size="small"
                rowKey="measureId"
                data-testid="notice-candidates"
                loading={due.loading}
                dataSource={due.data?.rows ?? []}
                pagination={{ current: page, pageSize: 10, total: due.data?.total ?? 0, onChange: setPage, showTotal: (t) => `共 ${t} 条`, size: 'small' }}
                columns={[
                  { title: '预警', width: 120, render: (_, r) => <SignalDot signal={r.signal} reason={r.signalReason} withText /> },
                  { title: '整改措施', dataIndex: 'measureText', ellipsis: true, render: (t: string, r) => <a onClick={() => navigate(`findings/${r.findingId}`)}>{t}</a> },
                  { title: '牵头单位', dataIndex: 'leadUnitName', width: 180 },
                  {
                    title: '等级',
                    width: 130,
                    render: (_, r) => (
                      <Select<NoticeLevel | 'auto'>
                        size="small"
                        style={{ width: 110 }}
                        value={levels[r.measureId] ?? 'auto'}
                        onChange={(v) => setLevels({ ...levels, [r.measureId]: v === 'auto' ? undefined : v })}
                        options={[{ value: 'auto', label: '自动升级' }, ...NOTICE_LEVELS.map((l) => ({ value: l, label: NOTICE_LEVEL_LABEL[l] }))]}
                      />
                    ),
                  },
                  {
                    title: '',
                    width: 200,
                    render: (_, r) => (
                      <Space size={4}>
                        <Button size="small" type="primary" icon={<SendOutlined />} loading={busy === `notice-${r.measureId}`} onClick={() => void confirmIssue(r)} data-testid="issue-notice">
                          发督办单
                        </Button>
                        <PrintAssignmentButton findingId={r.findingId} size="small" />
                      </Space>
                    ),
                  },
                ]}
              />
            ),
          },
          {
            key: 'sent',
            label: `已发通知单${notices.data ? `（${notices.data.length}）` : ''}`,
            children: (
              <Table<NoticeDto>
                size="small"
                rowKey="id"
                data-testid="notice-list"
                loading={notices.loading}
                dataSource={notices.data ?? []}
                pagination={{ pageSize: 10, size: 'small' }}
                columns={[
                  { title: '编号', dataIndex: 'docNumber', width: 150 },
                  { title: '等级', dataIndex: 'level', width: 70, render: (l: NoticeLevel) => <Tag color={LEVEL_COLOR[l]}>{NOTICE_LEVEL_LABEL[l]}</Tag> },
                  { title: '责任单位', dataIndex: 'unitName', width: 180 },
                  { title: '整改措施', dataIndex: 'measureText', ellipsis: true },
                  { title: '事由', dataIndex: 'reason', width: 130 },
                  { title: '发出日期', dataIndex: 'issuedDate', width: 100 },
                  { title: '反馈时限', dataIndex: 'replyBy', width: 100 },
                  {
                    title: '',
                    width: 80,
                    render: (_, n) => (
                      <Button size="small" icon={<PrinterOutlined />} loading={busy === `reprint-${n.id}`} onClick={() => void run(`reprint-${n.id}`, () => call('notice:reprint', { id: n.id }))}>
                        重印
                      </Button>
                    ),
                  },
                ]}
              />
            ),
          },
          {
            key: 'format',
            label: '编号与时限',
            children: (
              <Form layout="inline">
                <Form.Item label="编号格式" help="{年} 为年份，{号} 为当年流水号">
                  <Input style={{ width: 240 }} value={format} onChange={(e) => setFormat(e.target.value)} data-testid="notice-format" />
                </Form.Item>
                <Form.Item label="反馈期限">
                  <InputNumber min={1} max={90} value={replyDays} onChange={(v) => setReplyDays(v ?? options.replyDays)} suffix="天" />
                </Form.Item>
                <Button onClick={() => void saveFormat()}>保存</Button>
              </Form>
            ),
          },
        ]}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        每份通知单按年度编号，记入该措施的办理记录；同一措施再次督办时自动由提醒升级为督办、告诫。
      </Typography.Text>
    </Card>
  );
}
