import { Alert, Checkbox, Descriptions, Form, Input, Modal, Progress, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { customersApi, type Customer, type RevealField } from '../../api/customers.api';
import { useT } from '../../i18n/i18n';
import { useShowError } from '../../shared/api-errors';
import { useRetained } from '../../shared/use-retained';

type Values = { fields: RevealField[]; reason: string };

/** How long the unmasked values stay on screen. */
const SHOW_SECONDS = 30;

/**
 * 查看完整信息: unmasks chosen fields of one customer for a stated reason (audited on the server).
 * The values live only in this dialog, which closes by itself after a short while.
 */
export function RevealCustomerModal({ customer: openCustomer, onClose }: { customer: Customer | null; onClose: () => void }) {
  const customer = useRetained(openCustomer);
  const { t } = useT();
  const showError = useShowError();
  const [form] = Form.useForm<Values>();
  const [loading, setLoading] = useState(false);
  const [revealed, setRevealed] = useState<Partial<Record<RevealField, string | null>> | null>(null);
  const [left, setLeft] = useState(SHOW_SECONDS);

  useEffect(() => {
    setRevealed(null);
    setLeft(SHOW_SECONDS);
    if (openCustomer) form.setFieldsValue({ fields: ['name', 'idNumber', 'phone'], reason: '' });
  }, [openCustomer, form]);

  // Count down while shown; at zero the values are forgotten and the dialog closes.
  useEffect(() => {
    if (!revealed) return;
    if (left <= 0) {
      setRevealed(null);
      onClose();
      return;
    }
    const timer = setTimeout(() => setLeft((n) => n - 1), 1000);
    return () => clearTimeout(timer);
  }, [revealed, left, onClose]);

  const submit = async ({ fields, reason }: Values) => {
    if (!customer) return;
    setLoading(true);
    try {
      setRevealed(await customersApi.reveal(customer.id, fields, reason.trim()));
      setLeft(SHOW_SECONDS);
    } catch (err) {
      showError(err, { form, fields: ['fields', 'reason'] });
    } finally {
      setLoading(false);
    }
  };

  const fieldOptions = (['name', 'idNumber', 'phone', 'email'] as const).map((f) => ({ value: f, label: t(`cust.field.${f}`) }));
  return (
    <Modal
      open={openCustomer !== null}
      title={t('cust.revealTitle', { name: customer?.name ?? '' })}
      okText={revealed ? t('common.close') : t('cust.revealSubmit')}
      cancelText={t('common.cancel')}
      cancelButtonProps={revealed ? { style: { display: 'none' } } : undefined}
      okButtonProps={{ 'data-testid': 'reveal-submit' }}
      onOk={() => (revealed ? onClose() : form.submit())}
      onCancel={onClose}
      confirmLoading={loading}
      forceRender
    >
      {revealed ? (
        <>
          <Descriptions column={1} bordered size="small" data-testid="reveal-values"
            items={Object.entries(revealed).map(([field, value]) => ({
              key: field,
              label: t(`cust.field.${field as RevealField}`),
              children: value ? <Typography.Text copyable strong>{value}</Typography.Text> : <Typography.Text type="secondary">{t('cust.notOnFile')}</Typography.Text>,
            }))}
          />
          <Typography.Text type="secondary" style={{ display: 'block', marginTop: 12, fontSize: 12 }}>{t('cust.revealCountdown', { n: left })}</Typography.Text>
          <Progress percent={(left / SHOW_SECONDS) * 100} showInfo={false} size="small" />
        </>
      ) : (
        <>
          <Alert type="info" showIcon title={t('cust.revealHint')} style={{ marginBottom: 16 }} />
          <Form<Values> form={form} layout="vertical" onFinish={submit}>
            <Form.Item name="fields" label={t('cust.revealFields')} rules={[{ required: true, message: t('common.selectRequired', { field: t('cust.revealFields') }) }]}>
              <Checkbox.Group options={fieldOptions} />
            </Form.Item>
            <Form.Item
              name="reason"
              label={t('cust.revealReason')}
              rules={[
                { required: true, whitespace: true, message: t('common.required', { field: t('cust.revealReason') }) },
                { min: 4, message: t('work.reasonTooShort', { n: 4 }) },
              ]}
            >
              <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('cust.revealReasonPlaceholder')} data-testid="reveal-reason" />
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  );
}
