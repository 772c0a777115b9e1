import { Alert, Button, Divider, Flex, Form, Input, Segmented, Select, Typography } from 'antd';
import { useT } from '../../../i18n/i18n';
import { complaintsApi, contactMethods, type ContactMethod, type Decision } from '../../complaints.api';
import { useFormSubmit } from '../../use-form-submit';
import { DecisionFields } from './DecisionFields';
import type { StepProps } from './step-props';
import { StepError } from './StepError';

type EventKind = 'note' | 'contact' | 'evidence';
type EventValues = { kind: EventKind; method?: ContactMethod; text: string };

/** 调查核实: notes, contacts with the complainant and evidence as they come; then the proposed decision, which goes for approval. */
export function InvestigateStep({ complaint: c, onChanged }: StepProps) {
  const { t } = useT();
  const [eventForm] = Form.useForm<EventValues>();
  const [proposalForm] = Form.useForm<Decision>();
  const recording = useFormSubmit(eventForm, ['kind', 'method', 'text']);
  const proposing = useFormSubmit(proposalForm, ['outcome', 'text', 'compensation']);
  const kind = Form.useWatch('kind', eventForm) ?? 'note';
  const returned = [...c.timeline].reverse().find((e) => e.kind === 'returned');
  const returnComment = returned && typeof returned.body.comment === 'string' ? returned.body.comment : null;

  const record = async (values: EventValues) => {
    const body = { kind: values.kind, text: values.text.trim(), ...(values.kind === 'contact' && values.method ? { method: values.method } : {}) };
    const updated = await recording.run(() => complaintsApi.addEvent(c.id, body));
    if (!updated) return;
    eventForm.resetFields(['text']);
    onChanged(updated);
  };
  const propose = async (values: Decision) => {
    const updated = await proposing.run(() => complaintsApi.propose(c.id, { ...values, text: values.text.trim() }));
    if (updated) onChanged(updated);
  };

  return (
    <Flex vertical>
      {returned ? (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} data-testid="complaint-returned-note"
          title={t('complaintStep.investigate.returned', { who: returned.actor ?? '—' })} description={returnComment ?? undefined} />
      ) : null}
      <Typography.Text strong>{t('complaintStep.investigate.record')}</Typography.Text>
      <Form<EventValues> form={eventForm} layout="vertical" initialValues={{ kind: 'note', method: 'phone' }} onFinish={(v) => void record(v)} style={{ marginTop: 8 }}>
        <Flex gap={12} wrap>
          <Form.Item name="kind" style={{ marginBottom: 12 }}>
            <Segmented<EventKind> options={(['note', 'contact', 'evidence'] as const).map((k) => ({ value: k, label: <span data-testid={`complaint-event-kind-${k}`}>{t(`complaint.eventKind.${k}`)}</span> }))} />
          </Form.Item>
          {kind === 'contact' ? (
            <Form.Item name="method" style={{ marginBottom: 12 }} rules={[{ required: true }]}>
              <Select style={{ width: 160 }} options={contactMethods.map((m) => ({ value: m, label: t(`complaint.method.${m}`) }))} data-testid="complaint-event-method" />
            </Form.Item>
          ) : null}
        </Flex>
        <Form.Item name="text" rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('complaintStep.investigate.text') }) }, { min: 2 }]}>
          <Input.TextArea rows={3} maxLength={4000} showCount placeholder={t(`complaintStep.investigate.placeholder.${kind}`)} data-testid="complaint-event-text" />
        </Form.Item>
        <StepError problem={recording.problem} />
        <Button htmlType="submit" loading={recording.busy} data-testid="complaint-event-submit">{t('complaintStep.investigate.recordSubmit')}</Button>
      </Form>
      <Divider style={{ margin: '16px 0' }} />
      <Typography.Text strong>{t('complaintStep.investigate.propose')}</Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>{t('complaintStep.investigate.proposeHint')}</Typography.Text>
      <Form<Decision> form={proposalForm} layout="vertical" initialValues={c.decision ?? { compensation: '0' }} onFinish={(v) => void propose(v)}>
        <DecisionFields testIdPrefix="complaint-proposal" />
        <StepError problem={proposing.problem} />
        <Button type="primary" htmlType="submit" loading={proposing.busy} data-testid="complaint-proposal-submit">{t('complaintStep.investigate.proposeSubmit')}</Button>
      </Form>
    </Flex>
  );
}
