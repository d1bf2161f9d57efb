import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Space } from 'antd';
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
const plain = (v: unknown): string => (v === null || v === undefined || v === '' ? '（空）' : Array.isArray(v) ? v.join('、') : typeof v === 'object' && 'format' in (v as object) ? (v as { format: (f: string) => string }).format('YYYY-MM-DD') : String(v));

/** One field of a refused save: what the clerk typed and what another clerk saved meanwhile. */
export interface StaleRow {
  label: string;
  mine: string;
  saved: string;
}

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

  const [mine, setMine] = useState<Partial<V> | null>(null);

  /** `typed`: the form's values at 保存, to show beside what is saved now should the save be refused. */
  const guard = async <T,>(save: () => Promise<T>, typed?: Partial<V>): Promise<T> => {
    setRefusal(null);
    try {
      return await save();
    } catch (err) {
      setRefusal(staleRefusal<F>(err));
      setMine(typed ?? null);
      throw err;
    }
  };

  /** What the clerk typed beside what is saved now, for each named field where the two differ. */
  const compare = (labels: Partial<Record<keyof V, string>>, show: (v: unknown) => string = plain): StaleRow[] => {
    if (!refusal || !mine) return [];
    const fresh = formOf(refusal.details.fresh);
    return (Object.keys(labels) as (keyof V)[])
      .filter((k) => k in mine && !same(show(mine[k]), show(fresh[k])))
      .map((k) => ({ label: labels[k]!, mine: show(mine[k]), saved: show(fresh[k]) }));
  };

  /** 放弃我的修改: the form shows what is saved now, on its version. */
  const discard = (): V => {
    if (!refusal) return base;
    const fresh = formOf(refusal.details.fresh);
    setBase(fresh);
    setVersion(refusal.details.version);
    setRefusal(null);
    return fresh;
  };

  const reapply = (mine: Partial<V>): V => {
    if (!refusal) return { ...base, ...mine };
    const fresh = formOf(refusal.details.fresh);
    setBase(fresh);
    setVersion(refusal.details.version);
    setRefusal(null);
    return mergeEdits(base, mine, fresh, textKeys);
  };

  return { version, base, refusal, guard, reapply, compare, discard };
}

const when = (iso: string | undefined): string => {
  if (!iso) return '';
  const d = new Date(iso);
  const hm = `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
  return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日 ${hm}`;
};

/**
 * The refusal, in words a clerk can act on: who saved first and when, what they changed, what the
 * clerk typed beside what is saved now, and two ways on: 以我的修改覆盖 (the form takes the saved
 * version with the clerk's own changes on top, to check and save) or 放弃我的修改 (the form shows
 * what is saved now).
 */
export function StaleAlert<F>({ refusal, onReapply, onDiscard, rows = [], what = '您填写的文字' }: {
  refusal: StaleRefusal<F>;
  onReapply: () => void;
  onDiscard?: () => void;
  rows?: StaleRow[];
  what?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  // The refusal appears under a long form: bring it into view where the clerk was looking at 保存.
  useEffect(() => {
    ref.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [refusal]);
  const { savedBy, savedAt, version } = refusal.details;
  return (
    <div ref={ref} style={{ marginTop: 12 }}>
      <Alert
        type="warning"
        showIcon
        data-testid="stale-alert"
        title={refusal.message}
        description={
          <>
            {savedBy && (
              <div style={{ marginBottom: 8 }} data-testid="stale-saved-by">
                现在保存的是第 {version} 版，由“{savedBy}”于 {when(savedAt)} 保存。
              </div>
            )}
            {rows.length > 0 && (
              <table style={{ width: '100%', borderCollapse: 'collapse', marginBottom: 8, background: '#fff' }} data-testid="stale-compare">
                <thead>
                  <tr>
                    {['项目', '您填写的', '现在保存的'].map((h) => (
                      <th key={h} style={{ textAlign: 'left', border: '1px solid #f0f0f0', padding: '4px 8px', fontWeight: 600, whiteSpace: 'nowrap' }}>{h}</th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.label}>
                      <td style={{ border: '1px solid #f0f0f0', padding: '4px 8px', whiteSpace: 'nowrap' }}>{r.label}</td>
                      <td style={{ border: '1px solid #f0f0f0', padding: '4px 8px' }}>{r.mine}</td>
                      <td style={{ border: '1px solid #f0f0f0', padding: '4px 8px' }}>{r.saved}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <div style={{ marginBottom: 8 }}>较新的内容已保留。「以我的修改覆盖」：表单换成最新内容，{what}放回其上，核对后再点保存；「放弃我的修改」：表单显示现在保存的内容。</div>
            <Space wrap>
              <Button type="primary" icon={<ReloadOutlined />} onClick={onReapply} data-testid="stale-reapply">
                以我的修改覆盖
              </Button>
              {onDiscard && (
                <Button onClick={onDiscard} data-testid="stale-discard">
                  放弃我的修改
                </Button>
              )}
            </Space>
          </>
        }
      />
    </div>
  );
}
