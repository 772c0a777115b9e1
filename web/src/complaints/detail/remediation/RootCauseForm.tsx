import { AutoComplete, Button, Col, Form, Input, Row, TreeSelect } from 'antd';
import { useT } from '../../../i18n/i18n';
import { complaintsApi, type Complaint } from '../../complaints.api';
import type { SetupView } from '../../use-complaint-setup';
import { useFormSubmit } from '../../use-form-submit';
import { StepError } from '../steps/StepError';
import { useProcessSteps } from './use-process-steps';

type Values = { causeCode: string; processKey?: string; stepId?: string; staffIssue?: string; finding: string };
const FIELDS = ['causeCode', 'processKey', 'stepId', 'staffIssue', 'finding'];

const optional = (v: string | undefined) => (v?.trim() ? v.trim() : undefined);

/** 溯源: the cause from the cause tree, the process step or the staff issue found, and the finding. */
export function RootCauseForm({ complaint: c, setup, onChanged }: { complaint: Complaint; setup: SetupView; onChanged: (c: Complaint) => void }) {
  const { t } = useT();
  const [form] = Form.useForm<Values>();
  const { busy, problem, run } = useFormSubmit(form, FIELDS);
  const processKey = Form.useWatch('processKey', form);
  const { processes, steps } = useProcessSteps(processKey?.trim() || undefined);
  const r = c.rootCause;

  const save = async (v: Values) => {
    const body = { causeCode: v.causeCode, finding: v.finding.trim(), processKey: optional(v.processKey), stepId: optional(v.stepId), staffIssue: optional(v.staffIssue) };
    const updated = await run(() => complaintsApi.rootCause(c.id, JSON.parse(JSON.stringify(body)) as typeof body));
    if (updated) onChanged(updated);
  };

  return (
    <Form<Values> form={form} layout="vertical" onFinish={(v) => void save(v)}
      initialValues={{ causeCode: r?.causeCode ?? c.causeCode ?? undefined, processKey: r?.processKey ?? undefined, stepId: r?.stepId ?? undefined, staffIssue: r?.staffIssue ?? undefined, finding: r?.finding }}>
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Form.Item name="causeCode" label={t('complaint.cause')} rules={[{ required: true, message: t('common.selectRequired', { field: t('complaint.cause') }) }]}>
            <TreeSelect treeData={setup.causeTree} treeDefaultExpandAll showSearch={{ treeNodeFilterProp: 'title' }} data-testid="complaint-rootcause-cause" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="staffIssue" label={t('complaintRootCause.staffIssue')}>
            <Input maxLength={1000} placeholder={t('complaintRootCause.staffIssuePlaceholder')} data-testid="complaint-rootcause-staff" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="processKey" label={t('complaintRootCause.process')}>
            <AutoComplete options={processes} allowClear filterOption={(input, o) => String(o?.label ?? '').toLowerCase().includes(input.toLowerCase())}
              placeholder={t('complaintRootCause.processPlaceholder')} data-testid="complaint-rootcause-process" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="stepId" label={t('complaintRootCause.step')}>
            <AutoComplete options={steps} allowClear filterOption={(input, o) => String(o?.label ?? '').toLowerCase().includes(input.toLowerCase())}
              placeholder={t('complaintRootCause.stepPlaceholder')} data-testid="complaint-rootcause-step" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="finding" label={t('complaintRootCause.finding')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('complaintRootCause.finding') }) }, { min: 5, message: t('complaintIntake.tooShort', { n: 5 }) }]}>
        <Input.TextArea rows={3} maxLength={4000} showCount data-testid="complaint-rootcause-finding" />
      </Form.Item>
      <StepError problem={problem} />
      <Button type={r ? 'default' : 'primary'} htmlType="submit" loading={busy} data-testid="complaint-rootcause-submit">{t(r ? 'complaintRootCause.update' : 'complaintRootCause.save')}</Button>
    </Form>
  );
}
