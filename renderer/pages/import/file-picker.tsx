import { Upload, Typography } from 'antd';
import { InboxOutlined } from '@ant-design/icons';

/** A drop zone that keeps the chosen files in the page (nothing is sent until the clerk asks). */
export function FilePicker({ multiple, files, onChange, testId, hint }: {
  multiple?: boolean;
  files: File[];
  onChange: (files: File[]) => void;
  testId: string;
  hint: string;
}) {
  return (
    <div data-testid={testId}>
    <Upload.Dragger
      multiple={multiple}
      accept=".xlsx,.xlsm,.xls,.csv"
      showUploadList={false}
      beforeUpload={(file, list) => {
        // Called once per file; take the whole selection on its first file.
        if (file === list[0]) onChange(multiple ? [...files, ...list] : [list[0]]);
        return false;
      }}
    >
      <p className="ant-upload-drag-icon"><InboxOutlined /></p>
      <p className="ant-upload-text">点击或拖入文件</p>
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
