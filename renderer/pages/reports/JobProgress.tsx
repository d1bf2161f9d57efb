import { Button, Progress, Space, Typography } from 'antd';
import { CloseOutlined, DownloadOutlined } from '@ant-design/icons';
import type { ReportJob } from './use-report-job.ts';

/** A long export under its button: the stage and a bar, 「取消」 while it runs, 「保存文件」 once written. */
export function JobProgress({ job, onCancel, onSave, onDismiss }: { job: ReportJob; onCancel: () => void; onSave: () => void; onDismiss: () => void }) {
  const s = job.status;
  const state = s?.state ?? 'running';
  // A sliver while the first stage runs, so the moving bar shows the job is alive.
  const percent = Math.max(2, s && s.total > 0 ? Math.round((s.done / s.total) * 100) : 0);
  const sizeMb = s?.file ? (s.file.size / (1024 * 1024)).toFixed(1) : '';
  return (
    <div style={{ marginTop: 12, maxWidth: 640 }} data-testid="report-job-progress" data-state={state}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Text data-testid="report-job-stage">
          {state === 'running' && `正在生成：${s?.stage ?? '准备中'}…`}
          {state === 'done' && `已生成 ${s?.file?.fileName}（${sizeMb} MB）`}
          {state === 'failed' && `生成失败：${s?.error?.message ?? ''}`}
        </Typography.Text>
        {state === 'running' ? (
          <Button size="small" danger icon={<CloseOutlined />} onClick={onCancel} data-testid="report-job-cancel">
            取消
          </Button>
        ) : (
          <Space size={4}>
            {state === 'done' && (
              <Button size="small" type="primary" icon={<DownloadOutlined />} onClick={onSave} data-testid="report-job-save">
                保存文件
              </Button>
            )}
            <Button size="small" onClick={onDismiss}>
              关闭
            </Button>
          </Space>
        )}
      </Space>
      <Progress percent={state === 'done' ? 100 : percent} status={state === 'failed' ? 'exception' : state === 'done' ? 'success' : 'active'} size="small" />
    </div>
  );
}
