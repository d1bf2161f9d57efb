import { useCallback, useState } from 'react';

/**
 * Which of the ledger's optional columns the clerk has hidden, remembered on this PC. Hidden
 * keys are kept (not shown ones), so a column added in a later version appears by itself.
 */
const KEY = 'rectify.ledger.hiddenColumns';

function read(): string[] {
  try {
    const v: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(v) ? v.filter((k): k is string => typeof k === 'string') : [];
  } catch {
    return [];
  }
}

export function useHiddenColumns(): [string[], (hidden: string[]) => void] {
  const [hidden, setHidden] = useState<string[]>(read);
  const save = useCallback((next: string[]) => {
    setHidden(next);
    try {
      localStorage.setItem(KEY, JSON.stringify(next));
    } catch {
      // Storage full or refused: the choice still holds until the page is closed.
    }
  }, []);
  return [hidden, save];
}
