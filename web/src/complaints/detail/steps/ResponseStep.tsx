import { CheckOutlined, ExclamationCircleOutlined } from '@ant-design/icons';
import { Button, Flex, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useT } from '../../../i18n/i18n';
import { complaintsApi } from '../../complaints.api';
import { useFormSubmit } from '../../use-form-submit';
import { ProposedDecision } from './ProposedDecision';
import type { StepProps } from './step-props';
import { StepError } from './StepError';

/** 记录投诉人意见: the complainant accepts the decision (remediation follows), or disputes it (another handler reviews it). */
export function ResponseStep({ complaint: c, onChanged }: StepProps) {
  const { t } = useT();
  const [form] = Form.useForm<{ note?: string }>();
  const { busy, problem, run } = useFormSubmit(form, ['note', 'response']);
  const [pending, setPending] = useState<'accepted' | 'disputed' | null>(null);

  const record = async (response: 'accepted' | 'disputed') => {
    const note = (form.getFieldValue('note') as string | undefined)?.trim();
    setPending(response);
    const updated = await run(() => complaintsApi.respond(c.id, { response, ...(note ? { note } : {}) }));
    setPending(null);
    if (updated) onChanged(updated);
  };

  return (
    <Flex vertical gap={12}>
      <ProposedDecision complaint={c} />
      <Typography.Text type="secondary">{t('complaintStep.response.hint')}</Typography.Text>
      <Form form={form} layout="vertical">
        <Form.Item name="note" label={t('complaintStep.response.note')}>
          <Input.TextArea rows={2} maxLength={2000} showCount placeholder={t('complaintStep.response.notePlaceholder')} data-testid="complaint-response-note" />
        </Form.Item>
      </Form>
      <StepError problem={problem} />
      <Flex gap={8} wrap>
        <Button type="primary" icon={<CheckOutlined />} loading={busy && pending === 'accepted'} disabled={busy} onClick={() => void record('accepted')} data-testid="complaint-response-accepted">
          {t('complaintStep.response.accepted')}
        </Button>
        <Button icon={<ExclamationCircleOutlined />} loading={busy && pending === 'disputed'} disabled={busy} onClick={() => void record('disputed')} data-testid="complaint-response-disputed">
          {t('complaintStep.response.disputed')}
        </Button>
      </Flex>
    </Flex>
  );
}
