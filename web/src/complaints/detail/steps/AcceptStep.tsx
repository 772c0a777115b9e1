import { Button, Flex, Form, Input, Radio, Segmented, Select, Tag, TreeSelect } from 'antd';
import { useState } from 'react';
import { useT } from '../../../i18n/i18n';
import { complaintsApi, declineReasons, priorities, type DeclineReason, type Priority } from '../../complaints.api';
import { useFormSubmit } from '../../use-form-submit';
import type { StepProps } from './step-props';
import { StepError } from './StepError';

type AcceptValues = { categoryCode: string; causeCode: string; priority: Priority };
type DeclineValues = { reason: DeclineReason; note: string };

/** 受理审查: accept with the classification (the suggestion filled in, to confirm or correct), or decline with the reason. */
export function AcceptStep({ complaint: c, setup, onChanged }: StepProps) {
  const { t } = useT();
  const [mode, setMode] = useState<'accept' | 'decline'>('accept');
  const [acceptForm] = Form.useForm<AcceptValues>();
  const [declineForm] = Form.useForm<DeclineValues>();
  const accepting = useFormSubmit(acceptForm, ['categoryCode', 'causeCode', 'priority', 'unitId']);
  const declining = useFormSubmit(declineForm, ['reason', 'note']);
  const s = c.suggestion;
  const category = Form.useWatch('categoryCode', acceptForm);
  const cause = Form.useWatch('causeCode', acceptForm);
  const priority = Form.useWatch('priority', acceptForm);
  const differs = s !== null && (category !== (s.category ?? undefined) || cause !== (s.cause ?? undefined) || priority !== s.priority);

  const accept = async (values: AcceptValues) => {
    const updated = await accepting.run(() => complaintsApi.accept(c.id, values));
    if (updated) onChanged(updated);
  };
  const decline = async (values: DeclineValues) => {
    const updated = await declining.run(() => complaintsApi.decline(c.id, { reason: values.reason, note: values.note.trim() }));
    if (updated) onChanged(updated);
  };

  return (
    <Flex vertical gap={12}>
      <Segmented
        value={mode}
        onChange={(v) => setMode(v as 'accept' | 'decline')}
        options={[
          { value: 'accept', label: <span data-testid="complaint-accept-mode-accept">{t('complaintStep.accept.accept')}</span> },
          { value: 'decline', label: <span data-testid="complaint-accept-mode-decline">{t('complaintStep.accept.decline')}</span> },
        ]}
        style={{ width: 'fit-content' }}
      />
      {mode === 'accept' ? (
        <Form<AcceptValues> form={acceptForm} layout="vertical" onFinish={(v) => void accept(v)}
          initialValues={{ categoryCode: s?.category ?? undefined, causeCode: s?.cause ?? undefined, priority: s?.priority ?? c.priority }}>
          <Form.Item name="categoryCode" label={t('complaint.category')} rules={[{ required: true, message: t('common.selectRequired', { field: t('complaint.category') }) }]}>
            <TreeSelect treeData={setup.businessTree} treeDefaultExpandAll showSearch={{ treeNodeFilterProp: 'title' }} data-testid="complaint-accept-category" />
          </Form.Item>
          <Form.Item name="causeCode" label={t('complaint.cause')} rules={[{ required: true, message: t('common.selectRequired', { field: t('complaint.cause') }) }]}>
            <TreeSelect treeData={setup.causeTree} treeDefaultExpandAll showSearch={{ treeNodeFilterProp: 'title' }} data-testid="complaint-accept-cause" />
          </Form.Item>
          <Form.Item name="priority" label={t('complaint.priorityLabel')} rules={[{ required: true }]}>
            <Radio.Group optionType="button" buttonStyle="solid" data-testid="complaint-accept-priority"
              options={priorities.map((p) => ({ value: p, label: <span data-testid={`complaint-accept-priority-${p}`}>{t(`complaint.priority.${p}`)}</span> }))} />
          </Form.Item>
          {s ? (
            <Flex gap={8} align="center" style={{ marginBottom: 12 }}>
              {differs ? <Tag color="orange">{t('complaintStep.accept.willCorrect')}</Tag> : <Tag color="green">{t('complaintStep.accept.asSuggested')}</Tag>}
            </Flex>
          ) : null}
          <StepError problem={accepting.problem} />
          <Button type="primary" htmlType="submit" loading={accepting.busy} data-testid="complaint-accept-submit">{t('complaintStep.accept.submit')}</Button>
        </Form>
      ) : (
        <Form<DeclineValues> form={declineForm} layout="vertical" onFinish={(v) => void decline(v)}>
          <Form.Item name="reason" label={t('complaint.declineReason')} rules={[{ required: true, message: t('common.selectRequired', { field: t('complaint.declineReason') }) }]}>
            <Select options={declineReasons.map((r) => ({ value: r, label: t(`complaint.decline.${r}`) }))} data-testid="complaint-decline-reason" />
          </Form.Item>
          <Form.Item name="note" label={t('complaintStep.accept.declineNote')} extra={t('complaintStep.accept.declineHint')}
            rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('complaintStep.accept.declineNote') }) }, { min: 2 }]}>
            <Input.TextArea rows={3} maxLength={1000} showCount data-testid="complaint-decline-note" />
          </Form.Item>
          <StepError problem={declining.problem} />
          <Button danger htmlType="submit" loading={declining.busy} data-testid="complaint-decline-submit">{t('complaintStep.accept.declineSubmit')}</Button>
        </Form>
      )}
    </Flex>
  );
}
