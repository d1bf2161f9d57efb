import type { CSSProperties } from 'react';
import { Alert, Button } from 'antd';
import dayjs from 'dayjs';

/** Shown above a form whose unsaved content came back from a draft (after a reload or a crash). */
export function DraftBanner({ restoredAt, onDiscard, style }: { restoredAt: number | null; onDiscard: () => void; style?: CSSProperties }) {
  if (restoredAt === null) return null;
  return (
    <Alert
      type="info"
      showIcon
      data-testid="draft-banner"
      style={{ marginBottom: 16, ...style }}
      title={`已恢复上次未保存的内容（${dayjs(restoredAt).format('YYYY年M月D日 HH:mm')}）`}
      action={
        <Button size="small" onClick={onDiscard} data-testid="discard-draft">
          丢弃草稿
        </Button>
      }
    />
  );
}
