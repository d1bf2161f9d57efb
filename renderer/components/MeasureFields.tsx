import { Col, DatePicker, Form, Input, Radio, Row } from 'antd';
import { DEADLINE_KIND_LABEL } from '../../shared/domain/vocabulary.ts';
import { keepEnterInDateField } from './measure-form.ts';
import { UnitSelect, type UnitsState } from './units.tsx';

type NamePath = (string | number)[];

const KINDS = (['date', 'immediate', 'standing'] as const).map((k) => ({ value: k, label: DEADLINE_KIND_LABEL[k] }));

/**
 * One 整改措施's fields: text, units, people, deadline. `prefix` places them inside a Form.List
 * item (the new-finding form) or at the top of a form (the edit dialog).
 */
export function MeasureFields({ prefix = [], units, listPath }: { prefix?: NamePath; units: UnitsState; listPath?: NamePath }) {
  const at = (name: string): NamePath => [...prefix, name];
  const full = (name: string): NamePath => [...(listPath ?? []), ...at(name)];
  return (
    <>
      <Form.Item name={at('text')} label="整改措施" rules={[{ required: true, whitespace: true, message: '请填写整改措施' }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} showCount maxLength={4000} placeholder="具体做什么、做到什么程度" data-testid="measure-text" />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Form.Item name={at('leadUnitId')} label="牵头单位" rules={[{ required: true, message: '请选择牵头单位' }]}>
            <UnitSelect placeholder="选择或添加牵头单位" state={units} testId="measure-lead-unit" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name={at('coUnitIds')} label="配合单位">
            <UnitSelect multiple placeholder="可多选" state={units} testId="measure-co-units" />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col xs={12} md={6}>
          <Form.Item name={at('leader')} label="责任领导">
            <Input maxLength={100} data-testid="measure-leader" />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name={at('person')} label="责任人">
            <Input maxLength={100} data-testid="measure-person" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label="整改时限" required style={{ marginBottom: 0 }}>
            <Row gutter={8} wrap={false}>
              <Col flex="none">
                <Form.Item name={at('deadlineKind')} noStyle>
                  <Radio.Group options={KINDS} optionType="button" data-testid="measure-deadline-kind" />
                </Form.Item>
              </Col>
              <Col flex="auto">
                <Form.Item noStyle dependencies={[full('deadlineKind')]}>
                  {({ getFieldValue }) => {
                    const kind = getFieldValue(full('deadlineKind'));
                    if (kind === 'standing') return null;
                    return (
                      <Form.Item
                        name={at('deadlineDate')}
                        style={{ marginBottom: 24 }}
                        rules={kind === 'date' ? [{ required: true, message: '请选择整改时限的日期' }] : []}
                      >
                        <DatePicker
                          style={{ width: '100%' }}
                          placeholder={kind === 'immediate' ? '可不填' : '选择日期'}
                          onKeyDown={keepEnterInDateField}
                          data-testid="measure-deadline-date"
                        />
                      </Form.Item>
                    );
                  }}
                </Form.Item>
              </Col>
            </Row>
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}
