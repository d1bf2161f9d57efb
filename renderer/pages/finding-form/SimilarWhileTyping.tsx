import { useEffect, useRef, useState } from 'react';
import { Alert, App, Checkbox, Form, type FormInstance } from 'antd';
import type { SimilarFinding } from '../../../shared/contract/similar.ts';
import { call } from '../../api.ts';
import { errorText } from '../../components/errors.ts';
import { SimilarList } from '../finding/SimilarFindingsPanel.tsx';

/**
 * While a new finding is typed: findings of earlier batches that read nearly the same (屡改屡犯),
 * each tickable as 再次反馈 — stored right after the finding is saved.
 */

export function useRepeatChoice() {
  const { message } = App.useApp();
  const [ticked, setTicked] = useState<number[]>([]);
  return {
    ticked,
    setTicked,
    /** After the finding is saved: store the ticked links. */
    async confirm(findingId: number) {
      for (const earlierFindingId of ticked) {
        try {
          await call('similar:confirm', { findingId, earlierFindingId });
        } catch (err) {
          message.warning(`问题已保存，但“再次反馈”关联未保存：${errorText(err)}`);
        }
      }
    },
  };
}

/** Any form with `text` and `batchId` fields (the 新增问题 form). */
export function SimilarWhileTyping({ form, choice }: { form: FormInstance<any>; choice: ReturnType<typeof useRepeatChoice> }) {
  const text = Form.useWatch('text', form) as string | undefined;
  const batchId = Form.useWatch('batchId', form) as number | undefined;
  const [found, setFound] = useState<SimilarFinding[]>([]);
  const asked = useRef(0);
  useEffect(() => {
    const t = (text ?? '').trim();
    if (Array.from(t).length < 4) {
      setFound([]);
      return;
    }
    const n = ++asked.current;
    const timer = setTimeout(() => {
      call('similar:find', { text: t, batchId: batchId || undefined })
        .then((list) => {
          if (n === asked.current) setFound(list);
        })
        .catch(() => undefined);
    }, 400);
    return () => clearTimeout(timer);
  }, [text, batchId]);
  const { ticked, setTicked } = choice;
  useEffect(() => setTicked((t) => t.filter((id) => found.some((f) => f.findingId === id))), [found, setTicked]);
  if (!found.length) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="similar-while-typing"
      title={`以往批次反馈过 ${found.length} 个相似的问题：如属同一问题再次被反馈（屡改屡犯），请勾选“再次反馈”`}
      description={
        <SimilarList
          items={found}
          actions={(f) => [
                <Checkbox
                  key="tick"
                  checked={ticked.includes(f.findingId)}
                  onChange={(e) => setTicked((t) => (e.target.checked ? [...t, f.findingId] : t.filter((id) => id !== f.findingId)))}
                  data-testid="tick-repeat"
                >
                  再次反馈
                </Checkbox>,
          ]}
        />
      }
    />
  );
}
