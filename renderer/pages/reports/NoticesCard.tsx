import { useState } from 'react';
import { App, Button, Card, Form, Input, Select, Space, Table, Tabs, Tag, Typography, type ButtonProps } from 'antd';
import { BellOutlined, SendOutlined } from '@ant-design/icons';
import type { LedgerRow } from '../../../shared/contract/index.ts';
import { NOTICE_LEVELS, NOTICE_LEVEL_LABEL, type NoticeLevel, type NoticePlanDto, type ReportOptionsDto } from '../../../shared/contract/reports.ts';
import { call } from '../../api.ts';
import { useAppInfo } from '../../app-info.tsx';
import { errorText } from '../../components/errors.ts';
import { SignalDot } from '../../components/labels.tsx';
import { useLoad } from '../../components/use-load.ts';
import { navigate } from '../../router.ts';
import { PrintAssignmentButton } from '../../print/index.tsx';
import { useFileAction } from './use-file-action.ts';
import { nextNoticeNumber } from './notice-number.ts';
import { IssueNoticeModal, NOTICE_TAG_COLOR, type NoticeScope } from './IssueNoticeModal.tsx';
import { NoticeHistory } from './NoticeHistory.tsx';

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
  // Units that lead overdue measures (an empty list when none: the core refuses to plan nothing).
  const byUnit = useLoad(() => call('notice:preview', { all: true }).catch((): NoticePlanDto[] => []), [dataVersion]);
  const [scope, setScope] = useState<NoticeScope | null>(null);
  const { busy, run } = useFileAction();
  const [format, setFormat] = useState(options.noticeFormat);

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
      onOptionsSaved(await call('report:save-options', { noticeFormat: format }));
      message.success('已保存');
    } catch (err) {
      message.error(errorText(err));
    }
  };

  return (
    <Card
      title="催办通知（提醒 / 督办 / 告诫）"
      size="small"
      extra={
        <Button danger icon={<BellOutlined />} disabled={!byUnit.data?.length} onClick={() => setScope({ kind: 'all' })} data-testid="chase-all">
          给所有有逾期事项的单位发通知
        </Button>
      }
    >
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
            key: 'units',
            label: `按单位催办${byUnit.data ? `（${byUnit.data.length}）` : ''}`,
            children: (
              <Table<NoticePlanDto>
                size="small"
                rowKey="unitId"
                data-testid="chase-units"
                loading={byUnit.loading}
                dataSource={byUnit.data ?? []}
                pagination={{ pageSize: 10, hideOnSinglePage: true, size: 'small' }}
                locale={{ emptyText: '没有逾期未完成的事项' }}
                columns={[
                  { title: '牵头单位', dataIndex: 'unitName', render: (t: string, p) => <a onClick={() => navigate(`units/${p.unitId}`)}>{t}</a> },
                  { title: '逾期事项', key: 'count', width: 90, align: 'right', render: (_, p) => `${p.items.length} 项` },
                  { title: '编号', key: 'numbers', ellipsis: true, render: (_, p) => p.items.map((i) => i.number).join('、') },
                  { title: '本次等级', dataIndex: 'level', width: 90, render: (l: NoticeLevel) => <Tag color={NOTICE_TAG_COLOR[l]}>{NOTICE_LEVEL_LABEL[l]}</Tag> },
                  {
                    title: '',
                    key: 'go',
                    width: 110,
                    render: (_, p) => (
                      <Button size="small" type="primary" icon={<SendOutlined />} onClick={() => setScope({ kind: 'unit', unitId: p.unitId, lateOnly: true })} data-testid="chase-unit-row">
                        发通知
                      </Button>
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
              <NoticeHistory notices={notices.data ?? []} loading={notices.loading} showUnit testId="notice-list" />
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
                <Button onClick={() => void saveFormat()}>保存</Button>
              </Form>
            ),
          },
        ]}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        每份通知按年度编号，记入所列每项措施的办理记录；同一事项再次催办时自动由提醒升级为督办、告诫。反馈期限（{info.settings.replyDays} 天）、联系人和电话在“设置”中填写。
      </Typography.Text>
      {scope && <IssueNoticeModal scope={scope} onClose={() => setScope(null)} onDone={() => void Promise.all([notices.reload(), byUnit.reload(), due.reload()])} />}
    </Card>
  );
}
