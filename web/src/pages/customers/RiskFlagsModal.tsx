import { Alert, App, Form, Input, Modal, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { isApiError } from '../../api/client';
import { customersApi, type Customer } from '../../api/customers.api';
import { useT } from '../../i18n/i18n';
import { useShowError } from '../../shared/api-errors';
import { useRetained } from '../../shared/use-retained';

type Values = { blacklisted: boolean; pep: boolean; reason: string };

/** 风险标识: the blacklist and PEP flags, set by risk officers with the reason (audited). */
export function RiskFlagsModal({ customer: openCustomer, onClose, onSaved }: { customer: Customer | null; onClose: () => void; onSaved: (c: Customer) => void }) {
  const customer = useRetained(openCustomer);
  const { t } = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [conflict, setConflict] = useState(false);

  useEffect(() => {
    setConflict(false);
    if (openCustomer) form.setFieldsValue({ blacklisted: openCustomer.blacklisted, pep: openCustomer.pep, reason: '' });
  }, [openCustomer, form]);

  const submit = async (v: Values) => {
    if (!customer) return;
    setSaving(true);
    try {
      const saved = await customersApi.setRiskFlags(customer.id, { version: customer.version, blacklisted: v.blacklisted, pep: v.pep, reason: v.reason.trim() });
      void message.success(t('cust.riskSaved'));
      onSaved(saved);
    } catch (err) {
      if (isApiError(err) && err.status === 409) setConflict(true);
      else showError(err, { form, fields: ['blacklisted', 'pep', 'reason'] });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal open={openCustomer !== null} title={t('cust.riskTitle', { name: customer?.name ?? '' })} okText={t('common.save')} cancelText={t('common.cancel')}
      confirmLoading={saving} onOk={() => form.submit()} onCancel={onClose} forceRender okButtonProps={{ 'data-testid': 'risk-submit' }}>
      {conflict ? <Alert type="warning" showIcon title={t('cust.conflict')} style={{ marginBottom: 16 }} /> : null}
      <Form<Values> form={form} layout="horizontal" labelCol={{ span: 7 }} onFinish={submit}>
        <Form.Item name="blacklisted" label={t('cust.blacklisted')} valuePropName="checked">
          <Switch data-testid="risk-blacklisted-switch" />
        </Form.Item>
        <Form.Item name="pep" label={t('cust.pep')} valuePropName="checked" extra={t('cust.pepHint')}>
          <Switch data-testid="risk-pep-switch" />
        </Form.Item>
        <Form.Item name="reason" label={t('cust.riskReason')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('cust.riskReason') }) }, { min: 4, message: t('work.reasonTooShort', { n: 4 }) }]}>
          <Input.TextArea rows={3} maxLength={500} showCount data-testid="risk-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
