import { useEffect, useRef, useState } from 'react';
import { Alert, Button } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import type { StaleDetails } from '../../../shared/contract/index.ts';
import { ApiError } from '../../api.ts';

/**
 * A save refused because someone saved the same record first ('stale'). The refusal names what
 * changed; the clerk reloads the fresh record and gets back the text they had typed on top of it,
 * then checks and saves again. Nothing of either side is lost silently.
 */

export interface StaleRefusal<F> {
  message: string;
  details: StaleDetails<F>;
}

export function staleRefusal<F>(err: unknown): StaleRefusal<F> | null {
  if (!(err instanceof ApiError) || err.value.code !== 'stale' || !err.value.details) return null;
  return { message: err.value.message, details: err.value.details as unknown as StaleDetails<F> };
}

const same = (a: unknown, b: unknown) => (a ?? '') === (b ?? '');

/** The fresh values, with each of `keys` the clerk changed from what they first saw put back on top. */
export function mergeEdits<V extends object>(base: V, mine: Partial<V>, fresh: V, keys: (keyof V)[]): V {
  const out = { ...fresh };
  for (const k of keys) if (!same(mine[k], base[k])) out[k] = mine[k] as V[keyof V];
  return out;
}

/**
 * The version a form sends, the record it started from, and the last refusal. `reapply` returns
 * the values to put in the form and moves the form onto the fresh version.
 */
export function useStale<F, V extends object>(start: { version: number; values: V }, formOf: (fresh: F) => V, textKeys: (keyof V)[]) {
  const [version, setVersion] = useState(start.version);
  const [base, setBase] = useState(start.values);
  const [refusal, setRefusal] = useState<StaleRefusal<F> | null>(null);

  const guard = async <T,>(save: () => Promise<T>): Promise<T> => {
    setRefusal(null);
    try {
      return await save();
    } catch (err) {
      setRefusal(staleRefusal<F>(err));
      throw err;
    }
  };

  const reapply = (mine: Partial<V>): V => {
    if (!refusal) return { ...base, ...mine };
    const fresh = formOf(refusal.details.fresh);
    setBase(fresh);
    setVersion(refusal.details.version);
    setRefusal(null);
    return mergeEdits(base, mine, fresh, textKeys);
  };

  return { version, base, refusal, guard, reapply };
}

export function StaleAlert<F>({ refusal, onReapply, what = '您填写的文字' }: { refusal: StaleRefusal<F>; onReapply: () => void; what?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  // The refusal appears under a long form: bring it into view where the clerk was looking at 保存.
  useEffect(() => {
    ref.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [refusal]);
  return (
    <div ref={ref} style={{ marginTop: 12 }}>
      <Alert
        type="warning"
        showIcon
        data-testid="stale-alert"
        title={refusal.message}
        description={
          <>
            <div style={{ marginBottom: 8 }}>较新的内容已保留。点下面的按钮：表单换成最新内容，{what}放回其上，核对后再保存。</div>
            <Button type="primary" icon={<ReloadOutlined />} onClick={onReapply} data-testid="stale-reapply">
              载入最新内容并重新应用我的修改
            </Button>
          </>
        }
      />
    </div>
  );
}
