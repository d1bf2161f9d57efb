import { useState } from 'react';
import { Button, Tag, Tooltip } from 'antd';
import { SATISFACTION_LABEL, type SatisfactionDto } from '../../../shared/contract/supervision.ts';
import { call } from '../../api.ts';
import { useLoad } from '../../components/use-load.ts';
import { GRADE_COLOR, SatisfactionModal } from './SatisfactionPage.tsx';

/** 满意度 among a batch's actions: the party's overall grade of the batch, or a button to record it. */
export function useBatchGrades(dataVersion: number) {
  const list = useLoad(() => call('satisfaction:list', {}), [dataVersion]);
  const byBatch = new Map<number, SatisfactionDto>();
  for (const s of list.data ?? []) if (s.findingId === null) byBatch.set(s.batchId, s);
  return byBatch;
}

export function BatchSatisfactionCell({ batchId, rating }: { batchId: number; rating?: SatisfactionDto }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      {rating ? (
        <Tooltip title="党派对这批反馈整改情况的评价，点击修改">
          <Tag color={GRADE_COLOR[rating.grade]} style={{ cursor: 'pointer', marginInline: 7 }} onClick={() => setOpen(true)} data-testid={`batch-grade-${batchId}`}>
            {SATISFACTION_LABEL[rating.grade]}
          </Tag>
        </Tooltip>
      ) : (
        <Button type="link" size="small" onClick={() => setOpen(true)} data-testid={`batch-grade-${batchId}`}>满意度</Button>
      )}
      {open && <SatisfactionModal batchId={batchId} rating={rating} onClose={() => setOpen(false)} />}
    </>
  );
}
