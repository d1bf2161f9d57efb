import { Button, Form, Upload, type UploadFile } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';

/**
 * Attach files to a form: they stay in the browser until the form is sent, then travel with it
 * (the core copies them into the data folder).
 */
export function FilesField({ name, label, testId }: { name: string; label: string; testId?: string }) {
  return (
    <Form.Item
      name={name}
      label={label}
      valuePropName="fileList"
      getValueFromEvent={(e: { fileList: UploadFile[] }) => e.fileList}
      extra="可选多个文件，单个不超过 50 MB"
    >
      <Upload multiple beforeUpload={() => false} data-testid={testId}>
        <Button icon={<PaperClipOutlined />}>选择文件</Button>
      </Upload>
    </Form.Item>
  );
}
