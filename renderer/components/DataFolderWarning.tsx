import { Alert } from 'antd';
import { useAppInfo } from '../app-info.tsx';

/**
 * The data folder sits where SQLite's files get damaged (network share, sync folder, FAT disk):
 * say so on every page, with the reason, until it is moved. Not closable on purpose.
 */
export function DataFolderWarning() {
  const { info } = useAppInfo();
  const warnings = info.dataFolderWarnings ?? [];
  if (warnings.length === 0) return null;
  return (
    <Alert
      banner
      type="error"
      data-testid="data-folder-warning"
      title={warnings.length === 1 ? warnings[0] : '数据文件夹的位置可能损坏台账数据：'}
      description={warnings.length > 1 ? <ul style={{ margin: 0, paddingInlineStart: 18 }}>{warnings.map((w) => <li key={w}>{w}</li>)}</ul> : undefined}
    />
  );
}
