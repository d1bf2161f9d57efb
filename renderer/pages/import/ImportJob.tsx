import { useEffect, useRef, useState } from 'react';
import { Button, Card, Progress, Space, Typography } from 'antd';
import type { ImportProgress } from '../../../shared/contract/import.ts';
import { call } from '../../api.ts';
import { newJobId } from './labels.ts';

export type JobKind = 'preview' | 'commit';

interface RunningJob {
  id: string;
  kind: JobKind;
  progress: ImportProgress | null;
  /** Set once the job has run for one polling interval: a quick preview shows no bar at all. */
  slow: boolean;
}

export class ImportCancelled extends Error {
  constructor() {
    super('已取消');
  }
}

const POLL_MS = 500;

/**
 * A long import (preview or commit) under a name the window chose, so it can ask how far the core
 * has come and stop it. `run` rejects with ImportCancelled when the clerk cancelled it.
 */
export function useImportJob() {
  const [job, setJob] = useState<RunningJob | null>(null);
  const cancelled = useRef<string | null>(null);

  useEffect(() => {
    if (!job) return;
    const id = job.id;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout>;
    const poll = async () => {
      const progress = await call('import:progress', { jobId: id }).catch(() => null);
      if (stopped) return;
      setJob((j) => (j && j.id === id ? { ...j, slow: true, progress: progress ?? j.progress } : j));
      timer = setTimeout(() => void poll(), POLL_MS);
    };
    timer = setTimeout(() => void poll(), POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [job?.id]);

  const run = async <T,>(kind: JobKind, work: (jobId: string) => Promise<T>): Promise<T> => {
    const id = newJobId();
    setJob({ id, kind, progress: null, slow: false });
    try {
      const value = await work(id);
      if (cancelled.current === id) throw new ImportCancelled();
      return value;
    } catch (err) {
      if (cancelled.current === id) throw new ImportCancelled();
      throw err;
    } finally {
      setJob((j) => (j?.id === id ? null : j));
    }
  };

  const cancel = async () => {
    if (!job) return;
    cancelled.current = job.id;
    await call('import:cancel', { jobId: job.id }).catch(() => undefined);
  };

  return { job, run, cancel };
}

/** The bar a clerk watches while a large file is read or written, with 「取消」. */
export function ImportJobProgress({ job, onCancel }: { job: RunningJob | null; onCancel: () => void }) {
  const [cancelling, setCancelling] = useState(false);
  useEffect(() => setCancelling(false), [job?.id]);
  if (!job || !job.slow) return null;
  const p = job.progress;
  const percent = p && p.total > 0 ? Math.min(100, Math.round((p.done / p.total) * 100)) : 0;
  const words = job.kind === 'commit' ? '正在写入台账' : '正在读取文件';
  return (
    <Card size="small" data-testid="import-progress">
      <Space orientation="vertical" style={{ width: '100%' }} size={4}>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 12 }}>
          <Typography.Text>
            {p?.stage ?? words}
            {p && p.total > 0 ? `（${p.done} / ${p.total}）` : '…'}
          </Typography.Text>
          <Button
            size="small"
            danger
            loading={cancelling}
            data-testid="import-cancel"
            onClick={() => {
              setCancelling(true);
              onCancel();
            }}
          >
            取消
          </Button>
        </div>
        <Progress percent={percent} status="active" showInfo={p !== null && p.total > 0} />
        {job.kind === 'commit' && <Typography.Text type="secondary">取消后不会写入任何数据。</Typography.Text>}
      </Space>
    </Card>
  );
}
