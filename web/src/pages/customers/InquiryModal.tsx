import { Alert, App, Button, Form, Input, Modal, Select, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { inquiriesApi, type Inquiry } from '../../api/cases.api';
import { channels, type Channel, type Service } from '../../api/catalog.api';
import type { Customer } from '../../api/customers.api';
import { useT } from '../../i18n/i18n';
import { useShowError } from '../../shared/api-errors';
import { amountProblem, needsAmount } from '../cases/NewCaseMaterialsStep';

type Values = { channel: Channel; serviceCode?: string; topic: string; question: string; answer?: string };

type Props = {
  customer: Customer | null;
  services: Service[];
  onClose: () => void;
  /** An inquiry was recorded (the 360 view lists it). */
  onRecorded: () => void;
};

/**
 * 记录咨询: what the customer asked, through which channel. About a service, the catalogue
 * answers (materials, fees, time limit); the inquiry can then become a case in one step.
 */
export function InquiryModal({ customer, services, onClose, onRecorded }: Props) {
  const { t, pick } = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [recorded, setRecorded] = useState<Inquiry | null>(null);
  const [amount, setAmount] = useState('');
  const [amountTried, setAmountTried] = useState(false);
  const [converting, setConverting] = useState(false);
  const serviceCode = Form.useWatch('serviceCode', form);

  const offered = useMemo(
    () => services.filter((s) => s.active && (!customer || s.customerType === 'both' || s.customerType === customer.kind)),
    [services, customer],
  );
  const recordedService = recorded?.serviceCode ? services.find((s) => s.code === recorded.serviceCode) : undefined;

  useEffect(() => {
    if (!customer) return;
    setRecorded(null);
    setAmount('');
    setAmountTried(false);
    form.resetFields();
  }, [customer, form]);

  const submit = async (v: Values) => {
    setSaving(true);
    try {
      const inquiry = await inquiriesApi.record({
        channel: v.channel,
        topic: v.topic.trim(),
        question: v.question.trim(),
        ...(customer ? { customerId: customer.id } : {}),
        ...(v.serviceCode ? { serviceCode: v.serviceCode } : {}),
        ...(v.answer?.trim() ? { answer: v.answer.trim() } : {}),
      });
      setRecorded(inquiry);
      void message.success(t('cust.inquiryRecorded'));
      onRecorded();
    } catch (err) {
      showError(err, { form, fields: ['channel', 'serviceCode', 'topic', 'question', 'answer'] });
    } finally {
      setSaving(false);
    }
  };

  const toCase = async () => {
    if (!recorded) return;
    if (recordedService && amountProblem(recordedService, amount) !== null) {
      setAmountTried(true);
      return;
    }
    setConverting(true);
    try {
      const opened = await inquiriesApi.toCase(recorded.id, amount.trim() ? { amount: amount.trim() } : {});
      void message.success(t('newCase.opened', { ref: opened.ref }));
      navigate(`/cases/${encodeURIComponent(opened.id)}`);
    } catch (err) {
      showError(err);
    } finally {
      setConverting(false);
    }
  };

  const required = (field: string) => ({ required: true, whitespace: true, message: t('common.required', { field }) });
  const amountError = amountTried && recordedService ? amountProblem(recordedService, amount) : null;

  return (
    <Modal
      open={customer !== null}
      title={t('cust.inquiryTitle', { name: customer?.name ?? '' })}
      width={640}
      onCancel={onClose}
      forceRender
      footer={
        recorded ? (
          <>
            <Button onClick={onClose}>{t('common.close')}</Button>
            {recorded.serviceCode ? (
              <Button type="primary" loading={converting} onClick={() => void toCase()} data-testid="inquiry-to-case">{t('cust.inquiryToCase')}</Button>
            ) : null}
          </>
        ) : (
          <>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="inquiry-submit">{t('cust.inquiryRecord')}</Button>
          </>
        )
      }
    >
      {recorded ? (
        <>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>{t('cust.inquiryQuestion')}</Typography.Paragraph>
          <Typography.Paragraph>{recorded.question}</Typography.Paragraph>
          <Alert type="success" showIcon title={t('cust.inquiryAnswer')} description={<span data-testid="inquiry-answer">{recorded.answer}</span>} style={{ marginBottom: 16 }} />
          {recordedService && needsAmount(recordedService) ? (
            <Form layout="vertical">
              <Form.Item label={t('case.amount')} required validateStatus={amountError ? 'error' : undefined}
                help={amountError ? t(amountError === 'missing' ? 'newCase.amountMissing' : 'newCase.amountInvalid') : t('cust.inquiryAmountHint')}>
                <Input prefix="¥" value={amount} onChange={(e) => setAmount(e.target.value)} inputMode="decimal" placeholder="0.00" style={{ maxWidth: 240 }} data-testid="inquiry-amount" />
              </Form.Item>
            </Form>
          ) : null}
        </>
      ) : (
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{ channel: 'counter' }}
          onValuesChange={(changed: Partial<Values>) => {
            const chosen = changed.serviceCode ? services.find((s) => s.code === changed.serviceCode) : undefined;
            if (chosen && !form.getFieldValue('topic')) form.setFieldsValue({ topic: pick(chosen) });
          }}
        >
          <Form.Item name="channel" label={t('case.channel')}>
            <Select options={channels.map((c) => ({ value: c, label: t(`svc.channel.${c}`) }))} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="serviceCode" label={t('cust.inquiryService')} extra={t('cust.inquiryServiceHint')}>
            <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={offered.map((s) => ({ value: s.code, label: pick(s) }))} data-testid="inquiry-service" />
          </Form.Item>
          <Form.Item name="topic" label={t('cust.inquiryTopic')} rules={[required(t('cust.inquiryTopic'))]}>
            <Input maxLength={100} data-testid="inquiry-topic" />
          </Form.Item>
          <Form.Item name="question" label={t('cust.inquiryQuestion')} rules={[required(t('cust.inquiryQuestion'))]}>
            <Input.TextArea rows={3} maxLength={2000} showCount data-testid="inquiry-question" />
          </Form.Item>
          {!serviceCode ? (
            <Form.Item name="answer" label={t('cust.inquiryAnswer')} rules={[required(t('cust.inquiryAnswer'))]} extra={t('cust.inquiryAnswerHint')}>
              <Input.TextArea rows={3} maxLength={4000} data-testid="inquiry-answer-input" />
            </Form.Item>
          ) : null}
        </Form>
      )}
    </Modal>
  );
}
