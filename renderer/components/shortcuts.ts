import { useEffect, useRef } from 'react';
import { isDesktop } from '../api.ts';
import { navigate, parseHash } from '../router.ts';

/**
 * The app's keyboard shortcuts (listed on the 帮助 page). In browser mode Chromium keeps Ctrl+N
 * for a new window, so a new finding is Alt+N there; the desktop window takes Ctrl+N as well.
 */

/** Asks the ledger page to focus its search box; the ledger listens for it. */
export const FOCUS_SEARCH_EVENT = 'rectify:focus-search';

export const NEW_FINDING_KEYS = isDesktop() ? 'Ctrl+N' : 'Alt+N';

export const SHORTCUTS: { keys: string; what: string }[] = [
  { keys: NEW_FINDING_KEYS, what: '新增反馈问题' },
  { keys: 'Ctrl+F 或 /', what: '在台账页搜索问题、措施内容' },
  { keys: 'Ctrl+S', what: '保存正在填写的表单或对话框' },
  { keys: 'Ctrl+P', what: '在台账页打印当前筛选的台账' },
  { keys: 'F1', what: '打开帮助' },
  { keys: 'Esc', what: '关闭对话框（有未保存的内容时先询问）' },
];

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
}

const onLedger = () => (parseHash(window.location.hash).segments[0] ?? 'ledger') === 'ledger';

// The most recently opened form saves on Ctrl+S (a dialog opened over a page wins).
const saveHandlers: (() => void)[] = [];

/** Ctrl+S saves this form while it is on screen. */
export function useSaveShortcut(save: () => void): void {
  const latest = useRef(save);
  latest.current = save;
  useEffect(() => {
    const handler = () => latest.current();
    saveHandlers.push(handler);
    return () => void saveHandlers.splice(saveHandlers.indexOf(handler), 1);
  }, []);
}

/** Mounted once by the shell. */
export function useGlobalShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const ctrl = e.ctrlKey || e.metaKey;
      const key = e.code;
      if (((e.altKey && !ctrl) || (ctrl && !e.altKey && isDesktop())) && !e.shiftKey && key === 'KeyN') {
        e.preventDefault();
        navigate('findings/new');
      } else if (ctrl && !e.altKey && !e.shiftKey && key === 'KeyS') {
        e.preventDefault(); // never the browser's "save page as"
        saveHandlers.at(-1)?.();
      } else if (onLedger() && ((ctrl && !e.altKey && key === 'KeyF') || (e.key === '/' && !ctrl && !e.altKey && !isTyping(e.target)))) {
        e.preventDefault();
        window.dispatchEvent(new CustomEvent(FOCUS_SEARCH_EVENT));
      } else if (e.key === 'F1') {
        e.preventDefault();
        navigate('help');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
