import { App, Button } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import type { EvidenceDto } from '../../../shared/contract/index.ts';
import { openEvidence } from '../../api.ts';
import { errorText } from '../../components/errors.ts';

export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** A 佐证材料 file as a link: only its id leaves the page; the core checks and hands the copy it keeps. */
export function EvidenceLink({ evidence }: { evidence: EvidenceDto }) {
  const { message } = App.useApp();
  const open = async () => {
    try {
      await openEvidence(evidence.id);
    } catch (err) {
      message.error(errorText(err));
    }
  };
  return (
    <Button type="link" size="small" icon={<PaperClipOutlined />} onClick={open} style={{ paddingInline: 0 }} data-testid="evidence-link">
      {evidence.name}
    </Button>
  );
}
