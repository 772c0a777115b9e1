import { CheckOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Flex, Form, Input, Row } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { customersApi, type Customer } from '../../api/customers.api';
import { useMe } from '../../auth/auth';
import { useT } from '../../i18n/i18n';
import { PageHeader } from '../../shared/PageHeader';
import { useRequest } from '../../shared/use-request';
import { complaintsApi, type Complaint } from '../complaints.api';
import { useComplaintSetup } from '../use-complaint-setup';
import { useFormSubmit } from '../use-form-submit';
import { AttachmentPicker } from './AttachmentPicker';
import { ChannelFields } from './ChannelFields';
import { ComplainantSection, type ComplainantMode } from './ComplainantSection';
import { IntakeDone } from './IntakeDone';
import { INTAKE_FIELDS, intakeBody, type IntakeValues } from './intake-body';
import { OnFilePanel } from './OnFilePanel';
import { RepresentativesField } from './RepresentativesField';
import { SubjectFields } from './SubjectFields';
import { SuggestionCard } from './SuggestionCard';
import { useDebounced } from './use-debounced';

/** 登记投诉 (`/complaints/new`, `complaint.intake`): channel, complainant, subject, the complaint in their words, files. */
export function ComplaintIntakePage() {
  const { t } = useT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [form] = Form.useForm<IntakeValues>();
  const setup = useComplaintSetup();
  const [mode, setMode] = useState<ComplainantMode>('customer');
  const [customer, setCustomer] = useState<Customer | null>(null);
  const [missingCustomer, setMissingCustomer] = useState(false);
  const [files, setFiles] = useState<File[]>([]);
  const [registered, setRegistered] = useState<Complaint | null>(null);
  const [uploading, setUploading] = useState(false);
  const { can } = useMe();
  const { busy, problem, run } = useFormSubmit(form, INTAKE_FIELDS);

  const presetCustomer = params.get('customerId');
  // from a dissatisfied survey's follow-up: the answer this complaint takes over
  const originSurveyId = params.get('survey');
  const preset = useRequest((signal) => customersApi.get(presetCustomer ?? '', signal), [presetCustomer], { enabled: presetCustomer !== null });
  useEffect(() => {
    if (preset.data) setCustomer(preset.data);
  }, [preset.data]);

  const channel = Form.useWatch('channel', form) ?? 'counter';
  const subjectType = Form.useWatch(['subject', 'type'], form) ?? 'none';
  const subjectRef = Form.useWatch(['subject', 'ref'], form) ?? '';
  const description = Form.useWatch('description', form) ?? '';
  const request = Form.useWatch('request', form) ?? '';
  const caseRef = useDebounced(subjectType === 'case' && subjectRef.trim().length >= 6 ? subjectRef.trim() : '', 500);

  const submit = async () => {
    let values: IntakeValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    if (mode === 'customer' && !customer) {
      setMissingCustomer(true);
      return;
    }
    const created = await run(() => complaintsApi.register(intakeBody(values, mode === 'customer' ? (customer?.id ?? null) : null, originSurveyId)));
    if (!created) return;
    const failed: string[] = [];
    setUploading(true);
    for (const file of files) {
      try {
        await complaintsApi.upload(created.id, file);
      } catch {
        failed.push(file.name);
      }
    }
    setUploading(false);
    void message.success(t('complaintIntake.registered', { ref: created.ref }));
    if (failed.length) void message.warning(t('complaintIntake.uploadFailed', { names: failed.join(', ') }), 8);
    if (can('complaint.read')) navigate(`/complaints/${encodeURIComponent(created.id)}`);
    else setRegistered(created);
  };

  if (registered) return <IntakeDone complaint={registered} onAnother={() => {
    setRegistered(null);
    setCustomer(null);
    setFiles([]);
  }} />;

  return (
    <>
      <PageHeader title={t('complaintIntake.title')} section="nav.complaints" />
      <Form<IntakeValues>
        form={form}
        layout="vertical"
        requiredMark
        initialValues={{ channel: 'counter', subject: { type: params.get('caseRef') ? 'case' : 'none', ref: params.get('caseRef') ?? undefined }, representatives: [] }}
        onValuesChange={(changed: Partial<IntakeValues>) => {
          if (changed.subject?.type) form.setFieldValue(['subject', 'ref'], undefined);
        }}
        data-testid="complaint-intake-form"
      >
        {originSurveyId ? <Alert type="info" showIcon title={t('complaintIntake.fromSurvey')} style={{ marginBottom: 16 }} data-testid="complaint-from-survey" /> : null}
        <Row gutter={16}>
          <Col xs={24} xl={15}>
            <Flex vertical gap={16}>
              <Card size="small" title={t('complaintIntake.sectionChannel')}>
                <ChannelFields channel={channel} />
              </Card>
              <Card size="small" title={t('complaintIntake.sectionComplainant')}>
                <ComplainantSection
                  mode={mode}
                  onMode={(next) => {
                    setMode(next);
                    setMissingCustomer(false);
                  }}
                  customer={customer}
                  onCustomer={(next) => {
                    setCustomer(next);
                    setMissingCustomer(false);
                  }}
                  missingCustomer={missingCustomer}
                />
                <Form.Item label={t('complaintIntake.representatives')} tooltip={t('complaintIntake.representativesHint')} style={{ marginTop: 16, marginBottom: 0 }}>
                  <RepresentativesField />
                </Form.Item>
              </Card>
              <Card size="small" title={t('complaintIntake.sectionSubject')}>
                <SubjectFields type={subjectType} />
              </Card>
              <Card size="small" title={t('complaintIntake.sectionComplaint')}>
                <Form.Item name="description" label={t('complaint.description')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('complaint.description') }) }, { min: 5, message: t('complaintIntake.tooShort', { n: 5 }) }]}>
                  <Input.TextArea rows={5} maxLength={4000} showCount placeholder={t('complaintIntake.descriptionPlaceholder')} data-testid="complaint-description" />
                </Form.Item>
                <Form.Item name="request" label={t('complaint.request')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('complaint.request') }) }, { min: 2, message: t('complaintIntake.tooShort', { n: 2 }) }]}>
                  <Input.TextArea rows={3} maxLength={2000} showCount placeholder={t('complaintIntake.requestPlaceholder')} data-testid="complaint-request" />
                </Form.Item>
              </Card>
              <Card size="small" title={t('complaintIntake.sectionAttachments')}>
                <AttachmentPicker files={files} onChange={setFiles} maxBytes={setup.setup?.rules.attachmentMaxBytes} />
              </Card>
              {problem ? <Alert type="error" showIcon title={problem} data-testid="complaint-intake-error" /> : null}
              <Flex gap={8} justify="end">
                <Button onClick={() => navigate('/complaints')}>{t('common.cancel')}</Button>
                <Button type="primary" icon={<CheckOutlined />} loading={busy || uploading} onClick={() => void submit()} data-testid="complaint-submit">{t('complaintIntake.submit')}</Button>
              </Flex>
            </Flex>
          </Col>
          <Col xs={24} xl={9}>
            <Flex vertical gap={16} style={{ position: 'sticky', top: 16 }}>
              <SuggestionCard channel={channel} subjectType={subjectType} description={description} request={request} setup={setup} />
              <OnFilePanel customerId={mode === 'customer' ? customer?.id : undefined} caseRef={caseRef || undefined} />
            </Flex>
          </Col>
        </Row>
      </Form>
    </>
  );
}
