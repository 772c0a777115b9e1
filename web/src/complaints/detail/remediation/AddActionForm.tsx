import { PlusOutlined } from '@ant-design/icons';
import { Button, Col, DatePicker, Form, Input, Row } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useT } from '../../../i18n/i18n';
import { complaintsApi, type Complaint } from '../../complaints.api';
import { useFormSubmit } from '../../use-form-submit';
import { UserPicker } from '../../UserPicker';
import { StepError } from '../steps/StepError';

type Values = { action: string; owner: string; dueDate: Dayjs };

/** A new corrective action: what is to be done, by whom, by when. */
export function AddActionForm({ complaint: c, onChanged }: { complaint: Complaint; onChanged: (c: Complaint) => void }) {
  const { t } = useT();
  const [form] = Form.useForm<Values>();
  const { busy, problem, run } = useFormSubmit(form, ['action', 'owner', 'dueDate']);
  const add = async (v: Values) => {
    const updated = await run(() => complaintsApi.addAction(c.id, { action: v.action.trim(), owner: v.owner.trim(), dueDate: v.dueDate.format('YYYY-MM-DD') }));
    if (!updated) return;
    form.resetFields();
    onChanged(updated);
  };
  return (
    <Form<Values> form={form} layout="vertical" onFinish={(v) => void add(v)}>
      <Form.Item name="action" label={t('complaintActions.action')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('complaintActions.action') }) }, { min: 2 }]}>
        <Input.TextArea rows={2} maxLength={1000} placeholder={t('complaintActions.actionPlaceholder')} data-testid="complaint-action-text" />
      </Form.Item>
      <Row gutter={12} align="bottom">
        <Col xs={24} md={10}>
          <Form.Item name="owner" label={t('complaintActions.owner')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('complaintActions.owner') }) }]}>
            <UserPicker testId="complaint-action-owner" placeholder={t('complaintActions.ownerPlaceholder')} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="dueDate" label={t('complaintActions.due')} rules={[{ required: true, message: t('common.selectRequired', { field: t('complaintActions.due') }) }]}>
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore(dayjs(), 'day')} data-testid="complaint-action-due" />
          </Form.Item>
        </Col>
        <Col xs={24} md={6}>
          <Form.Item>
            <Button icon={<PlusOutlined />} htmlType="submit" loading={busy} data-testid="complaint-action-add">{t('complaintActions.add')}</Button>
          </Form.Item>
        </Col>
      </Row>
      <StepError problem={problem} />
    </Form>
  );
}
