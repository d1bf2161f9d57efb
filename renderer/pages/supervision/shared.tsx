import type { ReactNode } from 'react';
import { Alert, App, Button, Card, Empty, Form, Modal, Popconfirm, Select, Space, Typography, type FormInstance, type UploadFile } from 'antd';
import type { Dayjs } from 'dayjs';
import type { SupervisionFileDto } from '../../../shared/contract/supervision.ts';
import { call, saveFile, toUpload } from '../../api.ts';
import { useAppInfo } from '../../app-info.tsx';
import { errorText } from '../../components/errors.ts';
import { useLoad } from '../../components/use-load.ts';
import { useSubmit } from '../../components/use-submit.ts';

/** What the supervision registers' screens share: the party list, the card, the form modal, delete, files. */

export const isoOf = (d: Dayjs | null | undefined): string | null => (d ? d.format('YYYY-MM-DD') : null);
export const blank = (v: string | null | undefined) => (v ? v : null);

export async function uploadsOf(list: UploadFile[] | undefined) {
  return Promise.all((list ?? []).filter((f) => f.originFileObj).map((f) => toUpload(f.originFileObj as File)));
}

export function useOrganizations() {
  const orgs = useLoad(() => call('orgs:list', {}), []);
  return {
    list: orgs.data ?? [],
    options: (orgs.data ?? []).map((o) => ({ value: o.id, label: o.name })),
  };
}

export function PartySelect(props: { options: { value: number; label: string }[]; testId?: string; value?: number; onChange?: (v: number) => void }) {
  return (
    <Select
      showSearch={{ optionFilterProp: 'label' }}
      placeholder="选择党派（监督主体）"
      options={props.options}
      value={props.value}
      onChange={props.onChange}
      data-testid={props.testId}
    />
  );
}

/** A register: title, what it is for, its buttons, and the table (or an empty state that says what to record). */
export function RegisterCard({ title, extra, children, testId }: { title: string; extra?: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <Card title={title} extra={extra} data-testid={testId}>
      {children}
    </Card>
  );
}

export function emptyState(what: string, onNew: () => void, newLabel: string) {
  return (
    <Empty description={<span style={{ whiteSpace: 'pre-line' }}>{what}</span>}>
      <Button type="primary" onClick={onNew}>{newLabel}</Button>
    </Empty>
  );
}

export const intro = (text: string) => (
  <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
    {text}
  </Typography.Paragraph>
);

/** A form in a modal that saves through the core; the core's Chinese message is shown in the form. */
export function FormModal<V extends object>(props: {
  title: string;
  form: FormInstance<V>;
  initialValues: Partial<V>;
  save: (values: V) => Promise<void>;
  onClose: () => void;
  width?: number;
  children: ReactNode;
  testId?: string;
}) {
  const { message } = App.useApp();
  const { refresh } = useAppInfo();
  const { saving, error, submit } = useSubmit(async (v: V) => {
    await props.save(v);
    message.success('已保存');
    await refresh();
  }, props.onClose);
  return (
    <Modal open title={props.title} okText="保存" cancelText="取消" confirmLoading={saving} onOk={() => props.form.submit()} onCancel={props.onClose} destroyOnHidden width={props.width ?? 620} data-testid={props.testId}>
      <Form<V> form={props.form} layout="vertical" onFinish={submit} initialValues={props.initialValues as never}>
        {props.children}
      </Form>
      {error && <Alert type="error" showIcon title={error} data-testid="form-error" />}
    </Modal>
  );
}

/** 删除: to the 回收站, with the words of the other registers. */
export function DeleteButton({ what, onDelete }: { what: string; onDelete: () => Promise<unknown> }) {
  const { message } = App.useApp();
  const { refresh } = useAppInfo();
  return (
    <Popconfirm
      title={`删除${what}？`}
      description="移入回收站，可在回收站中恢复。"
      okText="删除"
      cancelText="取消"
      onConfirm={async () => {
        try {
          await onDelete();
          message.success('已移入回收站，可在“回收站”中恢复');
          await refresh();
        } catch (err) {
          message.error(errorText(err));
        }
      }}
    >
      <Button type="link" size="small" danger>删除</Button>
    </Popconfirm>
  );
}

export function FileLinks({ files }: { files: SupervisionFileDto[] }) {
  const { message } = App.useApp();
  if (!files.length) return null;
  return (
    <Space size={4} wrap>
      {files.map((f) => (
        <a
          key={f.id}
          onClick={async () => {
            try {
              await saveFile(await call('supervisionFiles:read', { id: f.id }));
            } catch (err) {
              message.error(errorText(err));
            }
          }}
        >
          {f.name}
        </a>
      ))}
    </Space>
  );
}

/** Sort on text (dates as 'YYYY-MM-DD' sort as text) or numbers. */
export const byText = <T,>(get: (r: T) => string | null) => (a: T, b: T) => (get(a) ?? '').localeCompare(get(b) ?? '', 'zh-CN');
export const byNumber = <T,>(get: (r: T) => number) => (a: T, b: T) => get(a) - get(b);

/** The years a register can be filtered by: this year back to 2015. */
export function yearOptions(today: string) {
  const now = Number(today.slice(0, 4));
  return Array.from({ length: now - 2014 }, (_, i) => ({ value: now - i, label: `${now - i}年` }));
}

/** The register's count line above its table ("共 12 次，党派监督参与 86 人次"). */
export const summary = (text: string) => (
  <Typography.Text strong style={{ display: 'block', marginBottom: 8 }} data-testid="register-summary">
    {text}
  </Typography.Text>
);
