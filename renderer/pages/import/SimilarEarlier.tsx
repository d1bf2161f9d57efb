import { useEffect, useState } from 'react';
import { Space, Tag, Typography } from 'antd';
import type { PreviewFinding } from '../../../shared/contract/import.ts';
import type { SimilarFinding } from '../../../shared/contract/similar.ts';
import { chineseDate } from '../../../shared/domain/dates.ts';
import { call } from '../../api.ts';
import { hrefOf } from '../../router.ts';

/**
 * 导入预览: for each new finding, the findings of earlier batches that read nearly the same
 * (屡改屡犯), so a repeated problem is seen before it is imported. Confirming 再次反馈 is done on
 * the finding's page once it is in the ledger.
 */

const keyOf = (f: PreviewFinding) => `${f.sheet}:${f.row}`;

/** Rows are compared 100 at a time, so a long file fills in step by step and other requests keep answering. */
const CHUNK = 100;

export function useSimilarEarlier(findings: PreviewFinding[]): Map<string, SimilarFinding[]> {
  const fresh = findings.filter((f) => f.match === 'new');
  const key = fresh.map((f) => `${keyOf(f)}\u0002${f.text}`).join('\u0001');
  const [found, setFound] = useState<Map<string, SimilarFinding[]>>(new Map());
  useEffect(() => {
    let stopped = false;
    setFound(new Map());
    void (async () => {
      for (let i = 0; i < fresh.length && !stopped; i += CHUNK) {
        const part = fresh.slice(i, i + CHUNK);
        try {
          const lists = await call('similar:find-many', { texts: part.map((f) => f.text), limit: 3 });
          if (stopped) return;
          setFound((m) => {
            const next = new Map(m);
            part.forEach((f, j) => {
              if (lists[j]?.length) next.set(keyOf(f), lists[j]);
            });
            return next;
          });
        } catch {
          return; // The preview stands without the hints.
        }
      }
    })();
    return () => {
      stopped = true;
    };
    // `key` stands for the rows and their texts.
  }, [key]);
  return found;
}

export function SimilarEarlierNote({ finding, similar }: { finding: PreviewFinding; similar: Map<string, SimilarFinding[]> }) {
  const list = similar.get(keyOf(finding));
  if (!list?.length) return null;
  return (
    <div data-testid="preview-similar" style={{ marginTop: 4 }}>
      <Tag color="orange">以往反馈过相似问题</Tag>
      {list.map((s) => (
        <div key={s.findingId} style={{ fontSize: 12 }}>
          <Space size={6} wrap>
            <Typography.Link href={hrefOf(`findings/${s.findingId}`)} target="_blank">
              {s.text.length > 40 ? `${s.text.slice(0, 38)}…` : s.text}
            </Typography.Link>
            <Typography.Text type="secondary">
              {s.batchLabel}｜{chineseDate(s.receivedDate)}｜相似度 {Math.round(s.similarity * 100)}%
            </Typography.Text>
          </Space>
        </div>
      ))}
    </div>
  );
}
