import { useState } from 'react';
import { Alert, Button, Modal, Progress, Select, Space, Table, Tag, Typography } from 'antd';
import type { BatchDto, UnitDto } from '../../../shared/contract/index.ts';
import { call } from '../../api.ts';
import { errorText } from '../../components/errors.ts';
import { DeadlineCell } from '../../components/labels.tsx';
import type { PastedFinding } from './paste-rows.ts';

const norm = (s: string) => s.replace(/\s+/g, '');

function knownUnit(units: UnitDto[], name: string): UnitDto | undefined {
  const n = norm(name);
  return units.find((u) => norm(u.name) === n || u.aliases.some((a) => norm(a) === n));
}

/**
 * Rows pasted from Excel, offered as one finding each. Created one after another through the
 * ordinary findings:create (with a measure where a unit was found), so a refused row stops the run,
 * names itself, and the rows already created are not created twice on the next try.
 */
export function PasteRowsModal({ rows, batchId, batches, units, onPasteAsText, onClose, onDone }: {
  rows: PastedFinding[];
  batchId?: number;
  batches: BatchDto[];
  units: UnitDto[];
  onPasteAsText: () => void;
  onClose: () => void;
  onDone: (created: number, batchId: number) => void;
}) {
  const [left, setLeft] = useState(rows);
  const [batch, setBatch] = useState(batchId);
  const [done, setDone] = useState(0);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const newUnits = [...new Set(left.flatMap((r) => r.unitNames).filter((n) => !knownUnit(units, n)))];

  const create = async () => {
    if (!batch) return setError('请先选择这些问题所属的反馈批次');
    setRunning(true);
    setError(null);
    const made = new Map<string, number>();
    const unitId = async (name: string) => {
      const id = knownUnit(units, name)?.id ?? made.get(norm(name));
      if (id) return id;
      const unit = await call('units:save', { name, aliases: [] });
      made.set(norm(name), unit.id);
      return unit.id;
    };
    let created = done;
    const remaining = [...left];
    try {
      while (remaining.length) {
        const r = remaining[0];
        const [lead, ...co] = await Promise.all(r.unitNames.map(unitId));
        await call('findings:create', {
          batchId: batch,
          text: r.text,
          measures: lead
            ? [{ text: r.measureText ?? r.text, leadUnitId: lead, coUnitIds: co, deadline: { kind: r.deadline.kind, date: r.deadline.date, text: r.deadline.text || null } }]
            : [],
        });
        remaining.shift();
        setDone(++created);
      }
      onDone(created, batch);
    } catch (err) {
      setError(`第 ${remaining[0].row} 行未能新增：${errorText(err)}${created ? `（前面 ${created} 个已新增）` : ''}`);
    } finally {
      setLeft(remaining);
      setRunning(false);
    }
  };

  const total = rows.length;
  return (
    <Modal
      open
      title={`粘贴了 ${rows.length} 行，逐行新增为反馈问题？`}
      width={1000}
      maskClosable={false}
      closable={!running}
      keyboard={!running}
      onCancel={onClose}
      footer={
        <Space>
          <Button onClick={onPasteAsText} disabled={running || done > 0}>只作为一段文字粘贴</Button>
          <Button onClick={onClose} disabled={running}>取消</Button>
          <Button type="primary" loading={running} onClick={() => void create()} data-testid="paste-create">
            新增 {left.length} 个反馈问题
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">
        每行新增一个反馈问题：最长的一格作为反馈问题，像单位名称的一格作为牵头单位（其后的为配合单位），日期或“立行立改”“长期坚持”作为整改时限，另一段较长的文字作为整改措施。找到牵头单位的行同时新增一条整改措施。请核对后再确定。
      </Typography.Paragraph>
      <Space style={{ marginBottom: 12 }}>
        反馈批次
        <Select
          style={{ width: 420 }}
          value={batch}
          onChange={setBatch}
          placeholder="选择这些问题所属的反馈意见"
          showSearch={{ optionFilterProp: 'label' }}
          data-testid="paste-batch"
          options={batches.map((b) => ({ value: b.id, label: `${b.organizationName}｜${b.topic}${b.docNumber ? `（${b.docNumber}）` : ''}` }))}
        />
      </Space>
      {newUnits.length > 0 && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={`以下单位尚未登记，将新增为责任单位：${newUnits.join('、')}`} />
      )}
      <Table<PastedFinding>
        size="small"
        rowKey="row"
        data-testid="paste-rows"
        dataSource={left}
        pagination={false}
        scroll={{ y: 300 }}
        columns={[
          { title: '行', dataIndex: 'row', width: 48 },
          { title: '反馈问题', dataIndex: 'text' },
          { title: '整改措施', width: 220, render: (_, r) => (r.unitNames.length ? (r.measureText ?? <Typography.Text type="secondary">同反馈问题</Typography.Text>) : <Typography.Text type="secondary">暂不分解</Typography.Text>) },
          {
            title: '牵头单位',
            width: 180,
            render: (_, r) =>
              r.unitNames.length ? (
                <>
                  {r.unitNames[0]} {!knownUnit(units, r.unitNames[0]) && <Tag color="orange">新单位</Tag>}
                  {r.unitNames.length > 1 && <div style={{ color: '#888' }}>配合：{r.unitNames.slice(1).join('、')}</div>}
                </>
              ) : (
                '—'
              ),
          },
          { title: '整改时限', width: 130, render: (_, r) => (r.unitNames.length ? <DeadlineCell kind={r.deadline.kind} date={r.deadline.date} text={r.deadline.text || null} /> : '—') },
        ]}
      />
      {(running || done > 0) && <Progress percent={Math.round((done / total) * 100)} format={() => `${done} / ${total}`} style={{ marginTop: 12 }} />}
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} data-testid="paste-error" />}
    </Modal>
  );
}
