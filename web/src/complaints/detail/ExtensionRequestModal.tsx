import { Form, Input, Modal, Typography } from 'antd';
import { useT } from '../../i18n/i18n';
import { complaintsApi, type Complaint } from '../complaints.api';
import { useFormSubmit } from '../use-form-submit';
import { StepError } from './steps/StepError';

/** Asking for the next extension of the clock, with the reason; a superior decides. */
export function ExtensionRequestModal({ complaint: c, open, onClose, onRequested }: { complaint: Complaint; open: boolean; onClose: () => void; onRequested: (c: Complaint) => void }) {
  const { t } = useT();
  const [form] = Form.useForm<{ reason: string }>();
  const { busy, problem, run } = useFormSubmit(form, ['reason']);
  const next = c.nextExtension;

  const submit = async () => {
    let reason: string;
    try {
      reason = (await form.validateFields()).reason.trim();
    } catch {
      return;
    }
    const updated = await run(() => complaintsApi.requestExtension(c.id, reason));
    if (!updated) return;
    form.resetFields();
    onRequested(updated);
  };

  return (
    <Modal open={open} title={t('complaintExt.requestTitle')} onCancel={onClose} onOk={() => void submit()} okText={t('complaintExt.requestSubmit')} cancelText={t('common.cancel')}
      okButtonProps={{ loading: busy, 'data-testid': 'complaint-extension-submit' }} destroyOnHidden>
      {next ? <Typography.Paragraph>{t('complaintExt.requestText', { step: next.step, days: next.days })}</Typography.Paragraph> : null}
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label={t('complaintExt.reason')} extra={t('complaintExt.reasonHint')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('complaintExt.reason') }) }, { min: 5, message: t('complaintIntake.tooShort', { n: 5 }) }]}>
          <Input.TextArea rows={3} maxLength={1000} showCount data-testid="complaint-extension-reason" />
        </Form.Item>
      </Form>
      <StepError problem={problem} />
    </Modal>
  );
}
