import { useState } from 'react';
import { App } from 'antd';
import { saveFile } from '../../api.ts';
import type { FileOut } from '../../../shared/contract/index.ts';
import { errorText } from '../../components/errors.ts';

/** A button's action that produces a file: busy while the core works, then save (dialog or download). */
export function useFileAction() {
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const run = async (key: string, produce: () => Promise<FileOut>, done?: (file: FileOut) => void) => {
    setBusy(key);
    try {
      const file = await produce();
      await saveFile(file);
      message.success(`已生成：${file.fileName}`);
      done?.(file);
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setBusy(null);
    }
  };
  return { busy, run };
}
