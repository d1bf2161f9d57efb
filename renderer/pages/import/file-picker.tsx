import { Upload, Typography } from 'antd';
import { InboxOutlined } from '@ant-design/icons';

/** A drop zone that keeps the chosen files in the page (nothing is sent until the clerk asks). */
export function FilePicker({ multiple, files, onChange, testId, hint, accept = '.xlsx,.xlsm,.xls,.csv' }: {
  multiple?: boolean;
  /** File types offered in the open dialog (the core decides what it can read). */
  accept?: string;
  files: File[];
  onChange: (files: File[]) => void;
  testId: string;
  hint: string;
}) {
  return (
    <div data-testid={testId}>
    <Upload.Dragger
      multiple={multiple}
      accept={accept}
      showUploadList={false}
      beforeUpload={(file, list) => {
        // Called once per file; take the whole selection on its first file.
        if (file === list[0]) onChange(multiple ? [...files, ...list] : [list[0]]);
        return false;
      }}
    >
      {/* A small icon: at 1366×768 the preview below should start within the first screen. */}
      <p className="ant-upload-drag-icon" style={{ marginBottom: 4 }}><InboxOutlined style={{ fontSize: 32 }} /></p>
      <p className="ant-upload-text" style={{ marginBottom: 2 }}>点击或拖入文件</p>
      <Typography.Text type="secondary">{hint}</Typography.Text>
      {files.length > 0 && (
        <div style={{ marginTop: 8 }} data-testid={`${testId}-chosen`}>
          已选择：{files.map((f) => f.name).join('、')}
        </div>
      )}
    </Upload.Dragger>
    </div>
  );
}
