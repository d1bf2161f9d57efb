import { Button, Table, Tag, Tooltip } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { NOTICE_DOC_NAME, NOTICE_LEVEL_LABEL, type NoticeDto, type NoticeLevel } from '../../../shared/contract/reports.ts';
import { chineseDate } from '../../../shared/domain/dates.ts';
import { call } from '../../api.ts';
import { navigate } from '../../router.ts';
import { NOTICE_TAG_COLOR } from './IssueNoticeModal.tsx';
import { useFileAction } from './use-file-action.ts';

/** Notices sent (newest first): number, level, dates, the items listed, and 重印 of the same paper. */
export function NoticeHistory({ notices, loading, showUnit, testId }: { notices: NoticeDto[]; loading?: boolean; showUnit?: boolean; testId?: string }) {
  const { busy, run } = useFileAction();
  return (
    <Table<NoticeDto>
      size="small"
      rowKey="id"
      loading={loading}
      data-testid={testId}
      dataSource={notices}
      pagination={{ pageSize: 10, hideOnSinglePage: true, size: 'small' }}
      locale={{ emptyText: '尚未发出催办通知' }}
      columns={[
        { title: '编号', dataIndex: 'docNumber', width: 140 },
        {
          title: '等级',
          dataIndex: 'level',
          width: 110,
          render: (l: NoticeLevel) => <Tag color={NOTICE_TAG_COLOR[l]}>{`${NOTICE_LEVEL_LABEL[l]}（${NOTICE_DOC_NAME[l]}）`}</Tag>,
        },
        ...(showUnit
          ? [{ title: '发给', dataIndex: 'unitName', width: 160, render: (t: string, n: NoticeDto) => (n.unitId ? <a onClick={() => navigate(`units/${n.unitId}`)}>{t}</a> : t) }]
          : []),
        {
          title: '所列事项',
          key: 'items',
          render: (_, n) =>
            n.items.length ? (
              <Tooltip title={n.items.map((i) => `${i.number} ${i.measureText}`).join('\n')}>
                <span>{n.items.map((i) => i.number).join('、')}（{n.items.length} 项，{n.reason}）</span>
              </Tooltip>
            ) : (
              '（所列措施已删除）'
            ),
        },
        { title: '发出日期', dataIndex: 'issuedDate', width: 130, render: (d: string) => chineseDate(d) },
        { title: '反馈时限', dataIndex: 'replyBy', width: 130, render: (d: string) => chineseDate(d) },
        {
          title: '',
          key: 'reprint',
          width: 80,
          render: (_, n) => (
            <Button size="small" icon={<PrinterOutlined />} disabled={!n.items.length} loading={busy === `reprint-${n.id}`} onClick={() => void run(`reprint-${n.id}`, () => call('notice:reprint', { id: n.id }))}>
              重印
            </Button>
          ),
        },
      ]}
    />
  );
}
