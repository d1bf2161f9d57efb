import { useState } from 'react';
import { Alert, App, Descriptions, Input, Modal, Segmented, Space, Table, Tag, Typography, type ButtonProps } from 'antd';
import type { FileOut } from '../../../shared/contract/index.ts';
import { NOTICE_DOC_NAME, NOTICE_LEVELS, NOTICE_LEVEL_LABEL, type NoticeDto, type NoticeItemDto, type NoticeLevel } from '../../../shared/contract/reports.ts';
import { addDays, chineseDate } from '../../../shared/domain/dates.ts';
import { call, saveFile } from '../../api.ts';
import { useAppInfo } from '../../app-info.tsx';
import { errorText } from '../../components/errors.ts';
import { useLoad } from '../../components/use-load.ts';

export const NOTICE_TAG_COLOR: Record<NoticeLevel, string> = { reminder: 'blue', supervise: 'gold', warning: 'red' };

/** Whom to chase: one measure, chosen measures of one unit, a unit (its late items), or every unit with late items. */
export type NoticeScope =
  | { kind: 'measure'; measureId: number }
  | { kind: 'unit'; unitId: number; measureIds?: number[]; lateOnly: boolean }
  | { kind: 'all' };

const targetOf = (s: NoticeScope) =>
  s.kind === 'measure' ? { measureId: s.measureId } : s.kind === 'unit' ? { unitId: s.unitId, measureIds: s.measureIds, lateOnly: s.lateOnly } : {};

/**
 * 催办: shows what will be sent (to whom, which items, at which level, reply date, 联系人) before
 * anything is written; issuing saves the Word file (one per unit in a .zip for 全部).
 */
export function IssueNoticeModal({ scope, onClose, onDone }: { scope: NoticeScope; onClose: () => void; onDone: (notices: NoticeDto[]) => void }) {
  const { info } = useAppInfo();
  const { message } = App.useApp();
  const [level, setLevel] = useState<NoticeLevel | 'auto'>('auto');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const plan = useLoad(() => call('notice:preview', { ...targetOf(scope), all: scope.kind === 'all' }), [JSON.stringify(scope)]);
  const s = info.settings;
  const replyBy = addDays(info.today, s.replyDays);
  const plans = plan.data ?? [];

  const issue = async () => {
    setBusy(true);
    try {
      const wording = { level: level === 'auto' ? undefined : level, note: note.trim() || null };
      let file: FileOut;
      let notices: NoticeDto[];
      if (scope.kind === 'all') ({ file, notices } = await call('notice:create-all', wording));
      else {
        const r = await call('notice:create', { ...targetOf(scope), ...wording });
        file = r.file;
        notices = [r.notice];
      }
      await saveFile(file);
      message.success(
        notices.length === 1
          ? `已发出 ${notices[0].docNumber}（${NOTICE_LEVEL_LABEL[notices[0].level]}），已记入所列 ${notices[0].items.length} 项措施的办理记录`
          : `已向 ${notices.length} 个单位发出通知（${notices[0].docNumber} 至 ${notices[notices.length - 1].docNumber}）`,
      );
      onDone(notices);
      onClose();
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const itemCount = plans.reduce((n, p) => n + p.items.length, 0);
  return (
    <Modal
      open
      width={860}
      title={scope.kind === 'all' ? '给所有有逾期事项的单位发通知' : '催办：发出提醒 / 督办 / 告诫通知'}
      okText={plans.length > 1 ? `发出 ${plans.length} 份通知` : '发出通知'}
      cancelText="取消"
      onOk={() => void issue()}
      onCancel={onClose}
      confirmLoading={busy}
      okButtonProps={{ disabled: !plans.length, 'data-testid': 'notice-issue-ok' } as ButtonProps}
    >
      <div data-testid="issue-notice-modal">
      {plan.error ? (
        <Alert type="warning" showIcon title={plan.error} data-testid="notice-plan-error" />
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }} size={12}>
          <Descriptions
            size="small"
            column={2}
            items={[
              { key: 'to', label: '发给', children: plans.length > 1 ? `${plans.length} 个单位（各一份）` : (plans[0]?.unitName ?? '…') },
              { key: 'items', label: '所列事项', children: `${itemCount} 项` },
              {
                key: 'level',
                label: '等级',
                span: 2,
                children: (
                  <Segmented<NoticeLevel | 'auto'>
                    value={level}
                    onChange={setLevel}
                    data-testid="notice-level"
                    options={[
                      { value: 'auto', label: plans.length === 1 ? `自动（${NOTICE_LEVEL_LABEL[plans[0].level]}）` : '自动升级' },
                      ...NOTICE_LEVELS.map((l) => ({ value: l, label: `${NOTICE_LEVEL_LABEL[l]}（${NOTICE_DOC_NAME[l]}）` })),
                    ]}
                  />
                ),
              },
              { key: 'reply', label: '反馈时限', children: `${chineseDate(replyBy)}（${s.replyDays} 天，可在“设置”中修改）` },
              { key: 'contact', label: '联系人/电话', children: [s.contactName, s.contactPhone].filter(Boolean).join('，') || '未填写' },
            ]}
          />
          {!s.contactName && !s.contactPhone && (
            <Alert type="info" showIcon title="“设置”中尚未填写联系人和联系电话，通知上将没有附注。" />
          )}
          {!s.officeName && <Alert type="warning" showIcon title="“设置”中尚未填写本单位名称，通知将没有落款。" />}
          <Table<NoticeItemDto & { unitName: string }>
            size="small"
            rowKey={(r) => `${r.unitName}-${r.measureId}`}
            loading={plan.loading}
            data-testid="notice-plan-items"
            pagination={{ pageSize: 8, hideOnSinglePage: true, size: 'small' }}
            dataSource={plans.flatMap((p) => p.items.map((i) => ({ ...i, unitName: p.unitName })))}
            columns={[
              ...(plans.length > 1 ? [{ title: '单位', dataIndex: 'unitName', width: 150 }] : []),
              { title: '编号', dataIndex: 'number', width: 64 },
              { title: '整改措施', dataIndex: 'measureText', ellipsis: true },
              { title: '整改时限', dataIndex: 'deadline', width: 130 },
              { title: '情况', dataIndex: 'reason', width: 110, render: (r: string, i) => <Tag color={i.overdueDays > 0 ? 'red' : 'gold'}>{r}</Tag> },
            ]}
          />
          <Input.TextArea value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} autoSize={{ minRows: 1, maxRows: 3 }} placeholder="补充说明（可不填，印在通知正文中）" />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            通知按年度编号，一经发出不能收回；发出后记入每项措施的办理记录和单位页面，可随时重印。
          </Typography.Text>
        </Space>
      )}
      </div>
    </Modal>
  );
}
