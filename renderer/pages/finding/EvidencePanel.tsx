import dayjs from 'dayjs';
import { App, Button, Empty, Table, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import type { MeasureDto } from '../../../shared/contract/index.ts';
import { call, toUpload } from '../../api.ts';
import { useAction } from '../../components/use-submit.ts';
import { EvidenceLink, fileSize } from './evidence.tsx';

/** 佐证材料 of one measure: every file attached to it, its progress and its closure request. */
export function EvidencePanel({ measure, onChanged }: { measure: MeasureDto; onChanged: () => Promise<void> }) {
  const { message } = App.useApp();
  const { busy, run: add } = useAction(async (files: File[]) => {
    await call('evidence:add', { measureId: measure.id, files: await Promise.all(files.map(toUpload)) });
    message.success(`已添加 ${files.length} 个佐证材料`);
    await onChanged();
  });

  return (
    <div data-testid="evidence-panel">
      <Upload
        multiple
        showUploadList={false}
        beforeUpload={(file, list) => {
          // Called once per file; send the whole selection in one call.
          if (file === list[0]) void add(list as File[]);
          return false;
        }}
      >
        <Button icon={<UploadOutlined />} loading={busy} data-testid="add-evidence">添加佐证材料</Button>
      </Upload>
      <Table
        size="small"
        style={{ marginTop: 8 }}
        rowKey="id"
        pagination={false}
        dataSource={measure.evidence}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="还没有佐证材料：记录进展或申请销号时可附上照片、文件" /> }}
        columns={[
          { title: '文件', key: 'name', render: (_, e) => <EvidenceLink evidence={e} /> },
          { title: '大小', key: 'size', width: 90, render: (_, e) => fileSize(e.size) },
          { title: '添加人', dataIndex: 'addedBy', width: 90 },
          { title: '添加时间', key: 'at', width: 150, render: (_, e) => dayjs(e.createdAt).format('YYYY-MM-DD HH:mm') },
        ]}
      />
    </div>
  );
}
