import { Divider, Form, Input, InputNumber } from 'antd';
import { THRESHOLD_DAYS } from '../../../shared/contract/ledger.ts';

/**
 * 公文联系人与反馈期限: printed on the 反馈函, 督办通知单 and unit fill-in sheets. Rendered inside the
 * settings form so one 保存设置 saves them with the rest (a separate form would send only its own
 * fields and the other one would reset these).
 */
export function DocumentContactSection() {
  const daysMessage = `反馈期限须为 ${THRESHOLD_DAYS.min} 到 ${THRESHOLD_DAYS.max} 之间的整数`;
  return (
    <>
      <Divider titlePlacement="start" plain>公文联系人与反馈期限</Divider>
      <Form.Item name="contactName" label="联系人" extra="印在反馈函、督办通知单和单位填报表上，如：张××">
        <Input maxLength={20} data-testid="settings-contact-name" />
      </Form.Item>
      <Form.Item name="contactPhone" label="联系电话" extra="如：0838-1234567">
        <Input maxLength={30} data-testid="settings-contact-phone" />
      </Form.Item>
      <Form.Item
        name="replyDays"
        label="反馈期限"
        extra="反馈函、督办通知单要求在发文后这么多天内反馈"
        rules={[
          { required: true, message: '请填写反馈期限' },
          { type: 'integer', min: THRESHOLD_DAYS.min, max: THRESHOLD_DAYS.max, message: daysMessage },
        ]}
      >
        <InputNumber suffix="天" style={{ width: 160 }} data-testid="settings-reply-days" />
      </Form.Item>
    </>
  );
}
