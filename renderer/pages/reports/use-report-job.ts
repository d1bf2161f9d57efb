import { useEffect, useRef, useState } from 'react';
import { App } from 'antd';
import type { ChannelInput } from '../../../shared/contract/index.ts';
import type { JobStatusDto } from '../../../shared/contract/jobs.ts';
import { call, saveExport } from '../../api.ts';
import { errorText } from '../../components/errors.ts';

const POLL_MS = 500;

export interface ReportJob {
  /** Which button started it ('xlsx', 'word' …). */
  key: string;
  jobId: string;
  status: JobStatusDto | null;
}

/**
 * A report or export run as a core job (jobs:start): the page polls jobs:status every 500 ms for
 * the stage, may cancel, and once the file is written saves it — the desktop's save dialog or a
 * browser download, fetched by the shell or the browser, never through the bridge.
 */
export function useReportJob() {
  const { message } = App.useApp();
  const [job, setJob] = useState<ReportJob | null>(null);
  const mounted = useRef(true);
  useEffect(() => () => void (mounted.current = false), []);

  useEffect(() => {
    if (!job || (job.status && job.status.state !== 'running')) return;
    const { jobId } = job;
    let stopped = false;
    const timer = setTimeout(async () => {
      let status: JobStatusDto;
      try {
        status = await call('jobs:status', { jobId });
      } catch (err) {
        if (!stopped) {
          message.error(errorText(err));
          setJob(null);
        }
        return;
      }
      if (stopped || !mounted.current) return;
      setJob((j) => (j?.jobId === jobId ? { ...j, status } : j));
      if (status.state === 'done' && status.file) void save(status);
      else if (status.state === 'failed') message.error(status.error?.message ?? '生成失败');
    }, POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [job]);

  const save = async (status: JobStatusDto) => {
    try {
      const { saved } = await saveExport(status.file!);
      if (saved) message.success(`已生成：${status.file!.fileName}`);
    } catch (err) {
      message.error(errorText(err));
    }
  };

  const start = async (key: string, request: ChannelInput<'jobs:start'>) => {
    try {
      const { jobId } = await call('jobs:start', request);
      setJob({ key, jobId, status: null });
    } catch (err) {
      message.error(errorText(err));
    }
  };

  const cancel = async () => {
    if (!job) return;
    try {
      const { cancelled } = await call('jobs:cancel', { jobId: job.jobId });
      setJob(null);
      // Not cancelled: the job had already failed or been forgotten; its own message was shown.
      if (cancelled) message.info('已取消，没有生成文件');
      else message.warning('该任务已经结束，无需取消');
    } catch (err) {
      message.error(errorText(err));
    }
  };

  const running = !!job && (!job.status || job.status.state === 'running');
  return { job, running, start, cancel, save, dismiss: () => setJob(null) };
}
