import { useEffect, useRef, useState } from 'react';
import { App, type ButtonProps, type FormInstance } from 'antd';
import { isDesktop } from '../api.ts';
import { addLeaveCheck } from '../router.ts';
import { clearDraft, readDraft, writeDraft, type Draft } from './draft-store.ts';

/**
 * Typed work must not vanish (issue 7). While a form holds changes not yet saved:
 * - leaving it (menu, links, Back, Alt+N, a dialog's Esc / × / 取消) asks first;
 * - a reload or closing the browser tab asks through the browser's own question;
 * - a draft is kept in localStorage as the clerk types and comes back after a reload or a crash.
 * A successful save (`saved()`) ends both. Confirming "离开" throws the work and its draft away.
 */

export const LEAVE_QUESTION = '有尚未保存的内容，确定离开吗？';
const DRAFT_DELAY_MS = 500;

type ModalApi = ReturnType<typeof App.useApp>['modal'];

// One question at a time, however many forms are open (a dialog over a page).
let asking: Promise<boolean> | null = null;

function askLeave(modal: ModalApi): Promise<boolean> {
  asking ??= new Promise<boolean>((resolve) => {
    modal.confirm({
      title: LEAVE_QUESTION,
      content: '离开后，刚才填写的内容不会保存。',
      okText: '离开',
      cancelText: '留在此页',
      okButtonProps: { danger: true, 'data-testid': 'leave-confirm' } as ButtonProps,
      cancelButtonProps: { 'data-testid': 'leave-stay' } as ButtonProps,
      // Enter must not throw the work away: the safe answer has the focus.
      autoFocusButton: 'cancel',
      onOk: () => resolve(true),
      onCancel: () => resolve(false),
    });
  }).finally(() => {
    asking = null;
  });
  return asking;
}

export interface UnsavedGuard<V> {
  /** Spread on the antd Form: its starting values (the draft when one was restored) and change tracking. */
  formProps: { initialValues: V; onValuesChange: () => void };
  /** When the restored draft was written (epoch ms), for the banner; null when none was restored. */
  restoredAt: number | null;
  /** 「丢弃草稿」: back to the record as saved, draft gone. */
  discardDraft: () => void;
  /** Call once the save worked: nothing left to guard, the draft is gone. */
  saved: () => void;
  /** A dialog's onCancel (Esc, ×, 取消): closes at once when clean, asks first when not. */
  confirmClose: (close: () => void) => void;
}

export function useUnsavedGuard<V extends object>(
  form: FormInstance<V>,
  { draftKey, initialValues }: { draftKey: string | null; initialValues: V },
): UnsavedGuard<V> {
  const { modal } = App.useApp();
  const [draft, setDraft] = useState<Draft | null>(() => (draftKey ? readDraft(draftKey) : null));
  const [resetTick, setResetTick] = useState(0);
  const dirty = useRef(draft !== null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const stopTimer = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
  };
  const keepDraft = () => {
    stopTimer();
    if (draftKey && dirty.current) writeDraft(draftKey, form.getFieldsValue(true));
  };
  const forget = () => {
    stopTimer();
    dirty.current = false;
    if (draftKey) clearDraft(draftKey);
  };
  // The latest closures, for listeners registered once.
  const live = useRef({ keepDraft, forget, modal });
  live.current = { keepDraft, forget, modal };

  useEffect(() => {
    const removeCheck = addLeaveCheck(() => {
      if (!dirty.current) return true;
      return askLeave(live.current.modal).then((ok) => {
        if (ok) live.current.forget();
        return ok;
      });
    });
    const onUnload = (event: BeforeUnloadEvent) => {
      live.current.keepDraft();
      // Electron silently keeps a window open that refuses to unload; there the draft carries the work over.
      if (dirty.current && !isDesktop()) {
        event.preventDefault();
        event.returnValue = '';
      }
    };
    window.addEventListener('beforeunload', onUnload);
    return () => {
      removeCheck();
      window.removeEventListener('beforeunload', onUnload);
      if (timer.current) live.current.keepDraft();
    };
  }, []);

  // After 「丢弃草稿」 the form's starting values are the saved record again; reset once they are.
  useEffect(() => {
    if (resetTick) form.resetFields();
  }, [resetTick, form]);

  return {
    formProps: {
      initialValues: draft ? ({ ...initialValues, ...(draft.values as Partial<V>) } as V) : initialValues,
      onValuesChange: () => {
        dirty.current = true;
        stopTimer();
        timer.current = setTimeout(keepDraft, DRAFT_DELAY_MS);
      },
    },
    restoredAt: draft?.savedAt ?? null,
    discardDraft: () => {
      forget();
      setDraft(null);
      setResetTick((n) => n + 1);
    },
    saved: forget,
    confirmClose: (close) => {
      if (!dirty.current) return close();
      void askLeave(modal).then((ok) => {
        if (!ok) return;
        forget();
        close();
      });
    },
  };
}
