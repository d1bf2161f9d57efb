import { useState } from 'react';
import { Alert, Modal, Select, Typography } from 'antd';
import type { UnitDto } from '../../../shared/contract/index.ts';
import { call } from '../../api.ts';
import { useSubmit } from '../../components/use-submit.ts';

/** Fold a duplicate unit into the right one: its measures move, its name becomes an alias. */
export function MergeModal({ from, units, onClose, onDone }: { from: UnitDto; units: UnitDto[]; onClose: () => void; onDone: (into: UnitDto) => Promise<void> }) {
  const [intoId, setIntoId] = useState<number>();
  const { saving, error, setError, submit } = useSubmit(async (id: number) => {
    const into = await call('units:merge', { fromId: from.id, intoId: id });
    await onDone(into);
  }, onClose);

  const merge = async () => {
    if (!intoId) {
      setError('请选择要并入的单位');
      return;
    }
    await submit(intoId);
  };

  return (
    <Modal open title={`合并重复单位：${from.name}`} okText="合并" cancelText="取消" okButtonProps={{ danger: true }} confirmLoading={saving} onOk={merge} onCancel={onClose} destroyOnHidden>
      <Typography.Paragraph>
        “{from.name}”的 {from.measureCount} 条整改措施将转到下面选中的单位，“{from.name}”作为它的别名保留，今后导入时自动识别。
      </Typography.Paragraph>
      <Select
        style={{ width: '100%' }}
        showSearch={{ optionFilterProp: 'label' }}
        placeholder="并入哪个单位"
        value={intoId}
        onChange={setIntoId}
        options={units.filter((u) => u.id !== from.id).map((u) => ({ value: u.id, label: u.name }))}
        data-testid="merge-into"
      />
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} />}
    </Modal>
  );
}
