import { useState } from 'react';
import { Alert, Button, Card, Col, Descriptions, Row, Skeleton, Space, Statistic, Table, Tabs, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, BellOutlined, TableOutlined } from '@ant-design/icons';
import type { UnitItemDto } from '../../../shared/contract/chasing.ts';
import { NOTICE_LEVEL_LABEL } from '../../../shared/contract/reports.ts';
import { call } from '../../api.ts';
import { useAppInfo } from '../../app-info.tsx';
import { SignalDot, StatusTag } from '../../components/labels.tsx';
import { useLoad } from '../../components/use-load.ts';
import { navigate } from '../../router.ts';
import { IssueNoticeModal, NOTICE_TAG_COLOR, type NoticeScope } from '../reports/IssueNoticeModal.tsx';
import { NoticeHistory } from '../reports/NoticeHistory.tsx';

/** 单位页: a responsible unit's contact, its open, late and chased items, and the notices it received. */
export function UnitDetailPage({ unitId }: { unitId: number }) {
  const { dataVersion } = useAppInfo();
  const detail = useLoad(() => call('units:detail', { id: unitId }), [unitId, dataVersion]);
  const [scope, setScope] = useState<NoticeScope | null>(null);
  const [selected, setSelected] = useState<number[]>([]);
  const d = detail.data;

  const back = <Button icon={<ArrowLeftOutlined />} onClick={() => (history.length > 1 ? history.back() : navigate('units'))}>返回</Button>;
  if (detail.error && !d) return <Card title={back}><Alert type="error" showIcon title={detail.error} /></Card>;
  if (!d) return <Card><Skeleton active paragraph={{ rows: 8 }} /></Card>;
  const c = d.counts;

  const items = (rows: UnitItemDto[], opts: { role?: boolean; select?: boolean; testId: string }) => (
    <Table<UnitItemDto>
      size="small"
      rowKey="measureId"
      data-testid={opts.testId}
      dataSource={rows}
      pagination={{ pageSize: 20, hideOnSinglePage: true, size: 'small', showTotal: (t) => `共 ${t} 项` }}
      rowSelection={opts.select ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys as number[]) } : undefined}
      locale={{ emptyText: '没有' }}
      columns={[
        { title: '编号', dataIndex: 'number', width: 64 },
        {
          title: '整改措施',
          dataIndex: 'measureText',
          ellipsis: true,
          render: (t: string, r) => <a title={`${r.findingText}\n${t}`} onClick={() => navigate(`findings/${r.findingId}`)}>{t}</a>,
        },
        ...(opts.role ? [{ title: '角色', dataIndex: 'role', width: 56, render: (v: string) => (v === 'lead' ? '牵头' : '配合') }] : []),
        { title: '整改时限', dataIndex: 'deadline', width: 132 },
        { title: '状态', dataIndex: 'status', width: 84, render: (_: unknown, r) => <StatusTag status={r.status} /> },
        { title: '预警', key: 'signal', width: 120, render: (_, r) => <SignalDot signal={r.signal} reason={r.signalReason} withText /> },
        {
          title: '催办',
          key: 'notices',
          width: 190,
          render: (_, r) =>
            r.notices.length ? (
              <Space size={2} wrap>
                {r.notices.slice(0, 3).map((n) => (
                  <Tag key={n.id} color={NOTICE_TAG_COLOR[n.level]} title={`${n.docNumber}，${n.issuedDate} 发出`} style={{ marginInlineEnd: 0 }}>
                    {NOTICE_LEVEL_LABEL[n.level]} {n.issuedDate.slice(5)}
                  </Tag>
                ))}
                {r.notices.length > 3 && <span>等 {r.notices.length} 次</span>}
              </Space>
            ) : (
              <Typography.Text type="secondary">—</Typography.Text>
            ),
        },
      ]}
    />
  );

  return (
    <div data-testid="unit-page">
      <Card
        title={
          <Space wrap>
            {back}
            <span data-testid="unit-name">{d.unit.name}</span>
            {d.unit.aliases.map((a) => <Tag key={a}>{a}</Tag>)}
          </Space>
        }
        extra={
          <Space>
            <Button icon={<TableOutlined />} onClick={() => navigate('ledger', { unit: unitId })}>在台账中查看</Button>
            <Button type="primary" danger icon={<BellOutlined />} disabled={!c.late} onClick={() => setScope({ kind: 'unit', unitId, lateOnly: true })} data-testid="chase-unit">
              催办全部逾期事项
            </Button>
          </Space>
        }
      >
        <Descriptions
          size="small"
          column={3}
          items={[
            { key: 'person', label: '联系人', children: d.unit.contactPerson ?? '—' },
            { key: 'phone', label: '联系电话', children: d.unit.contactPhone ?? '—' },
            { key: 'co', label: '配合未办结', children: `${c.coOpen} 项` },
          ]}
        />
        <Row gutter={16} style={{ marginTop: 8 }} data-testid="unit-counts">
          <Col span={4}><Statistic title="牵头措施" value={c.lead} suffix="项" /></Col>
          <Col span={4}><Statistic title="未办结" value={c.open} suffix="项" /></Col>
          <Col span={4}><Statistic title="逾期" value={c.late} suffix="项" styles={{ content: { color: c.late ? '#cf1322' : undefined } }} /></Col>
          <Col span={4}><Statistic title="已催办事项" value={c.chased} suffix="项" /></Col>
          <Col span={8}>
            <Statistic
              title="收到通知"
              value={c.notices}
              suffix={<span style={{ fontSize: 13 }}>份（提醒 {c.byLevel.reminder} · 督办 {c.byLevel.supervise} · 告诫 {c.byLevel.warning}）</span>}
            />
          </Col>
        </Row>
      </Card>

      {d.truncated && <Alert style={{ marginTop: 12 }} type="info" showIcon title="事项较多，下列清单只显示前 1000 项；全部事项请“在台账中查看”。" />}
      <Card style={{ marginTop: 12 }} size="small">
        <Tabs
          items={[
            {
              key: 'late',
              label: `逾期事项（${c.late}）`,
              children: (
                <>
                  <Space style={{ marginBottom: 8 }}>
                    <Button
                      icon={<BellOutlined />}
                      disabled={!selected.length}
                      onClick={() => setScope({ kind: 'unit', unitId, measureIds: selected, lateOnly: false })}
                      data-testid="chase-selected"
                    >
                      {selected.length ? `对所选 ${selected.length} 项催办` : '对所选事项催办'}
                    </Button>
                    <Typography.Text type="secondary">一份通知列出该单位所选（或全部）逾期事项，并记入每项措施的办理记录。</Typography.Text>
                  </Space>
                  {items(d.late, { select: true, testId: 'unit-late' })}
                </>
              ),
            },
            { key: 'open', label: `未办结事项（${d.open.length}）`, children: items(d.open, { role: true, testId: 'unit-open' }) },
            { key: 'chased', label: `已催办事项（${c.chased}）`, children: items(d.chased, { testId: 'unit-chased' }) },
            { key: 'notices', label: `通知记录（${c.notices}）`, children: <NoticeHistory notices={d.notices} testId="unit-notices" /> },
          ]}
        />
      </Card>
      {scope && (
        <IssueNoticeModal
          scope={scope}
          onClose={() => setScope(null)}
          onDone={() => {
            setSelected([]);
            void detail.reload();
          }}
        />
      )}
    </div>
  );
}
