import { useCallback, useEffect, useRef, useState } from 'react';
import { errorText } from './errors.ts';

export interface Loaded<T> {
  data: T | undefined;
  loading: boolean;
  /** The core's Chinese message when the last load failed. */
  error: string | null;
  reload: () => Promise<void>;
}

/**
 * Load something from the core and keep the latest answer; an older answer arriving late
 * (the clerk changed a filter meanwhile) is dropped.
 */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): Loaded<T> {
  const [data, setData] = useState<T>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const ticket = useRef(0);
  // The caller names what the load depends on, like useEffect's list.
  const run = useCallback(load, deps);

  const reload = useCallback(async () => {
    const mine = ++ticket.current;
    setLoading(true);
    try {
      const value = await run();
      if (mine !== ticket.current) return;
      setData(value);
      setError(null);
    } catch (err) {
      if (mine !== ticket.current) return;
      setError(errorText(err));
    } finally {
      if (mine === ticket.current) setLoading(false);
    }
  }, [run]);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { data, loading, error, reload };
}
