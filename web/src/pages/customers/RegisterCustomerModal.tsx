import { Alert, App, Checkbox, Col, DatePicker, Form, Input, Modal, Radio, Row, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { isApiError } from '../../api/client';
import { customersApi, idTypes, type Customer, type CustomerKind, type IdType, type NewCustomer } from '../../api/customers.api';
import { useT } from '../../i18n/i18n';
import { useShowError } from '../../shared/api-errors';
import { useSegments } from './segments';

type Values = {
  kind: CustomerKind;
  name: string;
  idType: IdType;
  idNumber: string;
  idExpiry?: Dayjs | null;
  phone?: string;
  email?: string;
  segment?: string;
  relationshipManager?: string;
  consents: ('marketing' | 'sms' | 'dataSharing')[];
};

const fields = ['kind', 'name', 'idType', 'idNumber', 'idExpiry', 'phone', 'email', 'segment', 'relationshipManager', 'consents'] as const;
const personalIdTypes = idTypes.filter((type) => type !== 'uscc');

type Props = { open: boolean; onClose: () => void; onRegistered: (customer: Customer) => void };

/** 登记客户: a walk-in customer registered at the counter; the ID number is checked by the server. */
export function RegisterCustomerModal({ open, onClose, onRegistered }: Props) {
  const { t, pick } = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const segments = useSegments();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [duplicate, setDuplicate] = useState<string | null>(null);
  const kind = Form.useWatch('kind', form) ?? 'individual';

  const submit = async (v: Values) => {
    setSaving(true);
    setDuplicate(null);
    const trimmed = (s: string | undefined) => (s && s.trim() ? s.trim() : undefined);
    const body: NewCustomer = {
      kind: v.kind,
      name: v.name.trim(),
      idType: v.idType,
      idNumber: v.idNumber.trim().toUpperCase(),
      ...(v.idExpiry ? { idExpiry: v.idExpiry.format('YYYY-MM-DD') } : {}),
      ...(trimmed(v.phone) ? { phone: trimmed(v.phone) } : {}),
      ...(trimmed(v.email) ? { email: trimmed(v.email) } : {}),
      ...(v.segment ? { segment: v.segment } : {}),
      ...(trimmed(v.relationshipManager) ? { relationshipManager: trimmed(v.relationshipManager) } : {}),
      consents: { marketing: v.consents.includes('marketing'), sms: v.consents.includes('sms'), dataSharing: v.consents.includes('dataSharing') },
    };
    try {
      const created = await customersApi.create(body);
      void message.success(t('cust.registered', { name: created.name }));
      form.resetFields();
      onRegistered(created);
    } catch (err) {
      if (isApiError(err) && err.status === 409) setDuplicate(err.detail ?? t('cust.duplicate'));
      else showError(err, { form, fields });
    } finally {
      setSaving(false);
    }
  };

  const required = (field: string) => ({ required: true, whitespace: true, message: t('common.required', { field }) });
  const typeOptions = (kind === 'corporate' ? (['uscc'] as const) : personalIdTypes).map((type) => ({ value: type, label: t(`cust.idType.${type}`) }));

  return (
    <Modal
      open={open}
      title={t('cust.registerTitle')}
      width={680}
      okText={t('cust.register')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      forceRender
      okButtonProps={{ 'data-testid': 'register-submit' }}
    >
      {duplicate ? <Alert type="warning" showIcon title={duplicate} style={{ marginBottom: 16 }} /> : null}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ kind: 'individual', idType: 'resident_id', segment: 'standard', consents: ['sms'] }}
        onValuesChange={(changed: Partial<Values>) => {
          if (changed.kind) form.setFieldsValue({ idType: changed.kind === 'corporate' ? 'uscc' : 'resident_id' });
        }}
        data-testid="register-form"
      >
        <Form.Item name="kind" label={t('cust.kind')}>
          <Radio.Group optionType="button" options={[{ value: 'individual', label: t('cust.kind.individual') }, { value: 'corporate', label: t('cust.kind.corporate') }]} />
        </Form.Item>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="name" label={kind === 'corporate' ? t('cust.companyName') : t('cust.name')} rules={[required(t('cust.name'))]}>
              <Input maxLength={100} autoComplete="off" data-testid="register-name" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="segment" label={t('cust.segment')}>
              <Select options={segments.map((s) => ({ value: s.code, label: pick(s) }))} data-testid="register-segment" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="idType" label={t('cust.idTypeLabel')} rules={[{ required: true, message: t('common.selectRequired', { field: t('cust.idTypeLabel') }) }]}>
              <Select options={typeOptions} data-testid="register-idtype" />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name="idNumber" label={t('cust.idNumber')} rules={[required(t('cust.idNumber')), { min: 5, max: 30, message: t('cust.idNumberLength') }]}>
              <Input autoComplete="off" maxLength={30} data-testid="register-idnumber" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="idExpiry" label={t('cust.idExpiry')} extra={t('cust.idExpiryHint')}>
              <DatePicker style={{ width: '100%' }} data-testid="register-idexpiry" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="phone" label={t('cust.phone')} rules={[{ pattern: /^\+?[0-9][0-9 -]{5,19}$/, message: t('cust.phoneInvalid') }]}>
              <Input inputMode="tel" autoComplete="off" data-testid="register-phone" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="email" label={t('cust.email')} rules={[{ type: 'email', message: t('common.invalidEmail') }]}>
              <Input type="email" autoComplete="off" data-testid="register-email" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="relationshipManager" label={t('cust.relationshipManager')} extra={t('cust.relationshipManagerHint')}>
              <Input autoComplete="off" data-testid="register-rm" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="consents" label={t('cust.consents')} style={{ marginBottom: 0 }}>
          <Checkbox.Group
            options={(['sms', 'marketing', 'dataSharing'] as const).map((c) => ({ value: c, label: t(`cust.consent.${c}`) }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
