import type { ClipboardEvent } from 'react';
import { AutoComplete, Col, Form, Input, Row } from 'antd';
import { CATEGORY_SUGGESTIONS } from '../../shared/domain/vocabulary.ts';

/**
 * A finding's own fields (序号, 问题类别, 反馈问题, 意见建议, 整改目标), for creating and editing. Long
 * texts count their characters against the contract's limits. `onTextPaste` lets the new-finding
 * form offer rows pasted from Excel as findings of their own.
 */
export function FindingFields({ categories, onTextPaste }: { categories: string[]; onTextPaste?: (event: ClipboardEvent<HTMLTextAreaElement>) => void }) {
  const options = [...new Set([...categories, ...CATEGORY_SUGGESTIONS])].map((c) => ({ value: c }));
  return (
    <>
      <Row gutter={12}>
        <Col xs={24} md={6}>
          <Form.Item name="seq" label="序号" extra="不填则自动编号">
            <Input maxLength={20} data-testid="finding-seq" />
          </Form.Item>
        </Col>
        <Col xs={24} md={18}>
          <Form.Item name="category" label="问题类别">
            <AutoComplete
              options={options}
              placeholder="如：资金使用、作风建设，也可自行填写"
              showSearch={{ filterOption: (input, option) => String(option?.value ?? '').includes(input) }}
              data-testid="finding-category"
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="text" label="反馈问题" rules={[{ required: true, whitespace: true, message: '请填写反馈问题' }]}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} showCount maxLength={4000} onPaste={onTextPaste} placeholder="照录反馈意见中的问题原文；可从 Excel 复制多行一次粘贴" data-testid="finding-text" />
      </Form.Item>
      <Form.Item name="suggestion" label="意见建议">
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} showCount maxLength={4000} placeholder="党派提出的意见建议（可选）" data-testid="finding-suggestion" />
      </Form.Item>
      <Form.Item name="target" label="整改目标">
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 6 }} showCount maxLength={2000} placeholder="可选" data-testid="finding-target" />
      </Form.Item>
    </>
  );
}
