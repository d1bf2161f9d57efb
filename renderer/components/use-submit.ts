import { useState } from 'react';
import { App } from 'antd';
import { errorText } from './errors.ts';

export interface Submitting<V> {
  saving: boolean;
  /** The core's Chinese message when the last save failed, shown in the form. */
  error: string | null;
  setError: (error: string | null) => void;
  submit: (values: V) => Promise<void>;
}

/**
 * Save a form: busy while the core works, the old message cleared first, a failure kept as
 * the message to show in the form. `afterSave` (a dialog's onClose) runs only when it worked.
 */
export function useSubmit<V = void>(save: (values: V) => Promise<void>, afterSave?: () => void): Submitting<V> {
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (values: V) => {
    setSaving(true);
    setError(null);
    try {
      await save(values);
      afterSave?.();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setSaving(false);
    }
  };

  return { saving, error, setError, submit };
}

/** A button's action: busy while the core works; a failure pops up as a message. */
export function useAction<A extends unknown[] = []>(action: (...args: A) => Promise<void>) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);

  const run = async (...args: A) => {
    setBusy(true);
    try {
      await action(...args);
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return { busy, run };
}
