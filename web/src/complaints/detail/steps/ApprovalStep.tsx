import { CheckOutlined, RollbackOutlined } from '@ant-design/icons';
import { Button, Flex, Form, Input } from 'antd';
import { useState } from 'react';
import { useT } from '../../../i18n/i18n';
import { complaintsApi } from '../../complaints.api';
import { useFormSubmit } from '../../use-form-submit';
import { ProposedDecision } from './ProposedDecision';
import type { StepProps } from './step-props';
import { StepError } from './StepError';

/** 审批处理意见: approve the proposed decision (it is then communicated in writing) or return it to the handler with a comment. */
export function ApprovalStep({ complaint: c, onChanged }: StepProps) {
  const { t } = useT();
  const [form] = Form.useForm<{ comment?: string }>();
  const { busy, problem, run } = useFormSubmit(form, ['comment', 'decision']);
  const [pending, setPending] = useState<'approve' | 'return' | null>(null);

  const decide = async (decision: 'approve' | 'return') => {
    const comment = (form.getFieldValue('comment') as string | undefined)?.trim();
    if (decision === 'return' && !comment) {
      form.setFields([{ name: 'comment', errors: [t('complaintStep.approval.returnNeedsComment')] }]);
      return;
    }
    setPending(decision);
    const updated = await run(() => complaintsApi.approve(c.id, { decision, ...(comment ? { comment } : {}) }));
    setPending(null);
    if (updated) onChanged(updated);
  };

  return (
    <Flex vertical gap={12}>
      <ProposedDecision complaint={c} />
      <Form form={form} layout="vertical">
        <Form.Item name="comment" label={t('complaintStep.approval.comment')} extra={t('complaintStep.approval.commentHint')}>
          <Input.TextArea rows={2} maxLength={1000} showCount data-testid="complaint-approval-comment" />
        </Form.Item>
      </Form>
      <StepError problem={problem} />
      <Flex gap={8}>
        <Button type="primary" icon={<CheckOutlined />} loading={busy && pending === 'approve'} disabled={busy} onClick={() => void decide('approve')} data-testid="complaint-approve">
          {t('complaintStep.approval.approve')}
        </Button>
        <Button icon={<RollbackOutlined />} loading={busy && pending === 'return'} disabled={busy} onClick={() => void decide('return')} data-testid="complaint-return">
          {t('complaintStep.approval.return')}
        </Button>
      </Flex>
    </Flex>
  );
}
