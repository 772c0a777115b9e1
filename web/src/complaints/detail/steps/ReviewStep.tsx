import { Button, Flex, Form, Input, Segmented, Typography } from 'antd';
import { useT } from '../../../i18n/i18n';
import { complaintsApi, type Decision } from '../../complaints.api';
import { useFormSubmit } from '../../use-form-submit';
import { DecisionFields } from './DecisionFields';
import { latestProposal, ProposedDecision } from './ProposedDecision';
import type { StepProps } from './step-props';
import { StepError } from './StepError';

type ReviewValues = { outcome: 'confirm' | 'revise'; note: string; decision?: Decision };

/** 复核: a disputed decision looked at again by another handler — confirmed, or revised (then approved and communicated again). */
export function ReviewStep({ complaint: c, onChanged }: StepProps) {
  const { t } = useT();
  const [form] = Form.useForm<ReviewValues>();
  const { busy, problem, run } = useFormSubmit(form, ['outcome', 'note', 'decision.outcome', 'decision.text', 'decision.compensation']);
  const outcome = Form.useWatch('outcome', form) ?? 'confirm';
  const current = latestProposal(c)?.decision;

  const submit = async (values: ReviewValues) => {
    const body = { outcome: values.outcome, note: values.note.trim(), ...(values.outcome === 'revise' && values.decision ? { decision: { ...values.decision, text: values.decision.text.trim() } } : {}) };
    const updated = await run(() => complaintsApi.review(c.id, body));
    if (updated) onChanged(updated);
  };

  return (
    <Flex vertical gap={12}>
      <Typography.Text type="secondary">{t('complaintStep.review.hint')}</Typography.Text>
      <ProposedDecision complaint={c} />
      <Form<ReviewValues> form={form} layout="vertical" initialValues={{ outcome: 'confirm', decision: current }} onFinish={(v) => void submit(v)}>
        <Form.Item name="outcome">
          <Segmented options={[
            { value: 'confirm', label: <span data-testid="complaint-review-mode-confirm">{t('complaintStep.review.confirm')}</span> },
            { value: 'revise', label: <span data-testid="complaint-review-mode-revise">{t('complaintStep.review.revise')}</span> },
          ]} />
        </Form.Item>
        <Form.Item name="note" label={t('complaintStep.review.note')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('complaintStep.review.note') }) }, { min: 2 }]}>
          <Input.TextArea rows={3} maxLength={2000} showCount data-testid="complaint-review-note" />
        </Form.Item>
        {outcome === 'revise' ? <DecisionFields prefix="decision" testIdPrefix="complaint-review-decision" /> : null}
        <StepError problem={problem} />
        <Button type="primary" htmlType="submit" loading={busy} data-testid={outcome === 'revise' ? 'complaint-review-revise' : 'complaint-review-confirm'}>
          {t(outcome === 'revise' ? 'complaintStep.review.reviseSubmit' : 'complaintStep.review.confirmSubmit')}
        </Button>
      </Form>
    </Flex>
  );
}
