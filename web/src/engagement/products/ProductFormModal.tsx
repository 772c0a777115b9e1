import { Checkbox, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useEffect, useState } from 'react';
import { isApiError } from '../../api/client';
import { useT } from '../../i18n/i18n';
import { applyFieldErrors, useShowError } from '../../shared/api-errors';
import { PRODUCT_KINDS, productsApi, type Product, type ProductKind } from './products.api';

type Values = { code: string; kind: ProductKind; nameZh: string; nameEn: string; riskLevel: number; eligibility?: string; minAmount?: string; termMonths?: number | null; rateText?: string; salaryAccount: boolean };
const FIELDS = ['code', 'kind', 'nameZh', 'nameEn', 'riskLevel', 'eligibility', 'minAmount', 'termMonths', 'rateText', 'salaryAccount'];

type Props = { open: boolean; product: Product | null; onClose: () => void; onSaved: (p: Product) => void };

/** Adding a product, or changing one (by the version read: a stale one is refused). */
export function ProductFormModal({ open, product, onClose, onSaved }: Props) {
  const { t } = useT();
  const showError = useShowError();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (product) form.setFieldsValue({ ...product, eligibility: product.eligibility ?? undefined, minAmount: product.minAmount ?? undefined, rateText: product.rateText ?? undefined });
  }, [open, product, form]);

  const save = async (v: Values) => {
    setSaving(true);
    const fields = { nameZh: v.nameZh, nameEn: v.nameEn, riskLevel: v.riskLevel, eligibility: v.eligibility?.trim() || null, minAmount: v.minAmount?.trim() || null, termMonths: v.termMonths ?? null, rateText: v.rateText?.trim() || null, salaryAccount: Boolean(v.salaryAccount) };
    try {
      const saved = product ? await productsApi.change(product.code, { ...fields, version: product.version }) : await productsApi.create({ ...fields, code: v.code.trim().toUpperCase(), kind: v.kind });
      onSaved(saved);
    } catch (error) {
      if (isApiError(error) && error.errors.length) applyFieldErrors(form, error.errors, FIELDS);
      showError(error, { form, fields: FIELDS });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal open={open} title={product ? t('sui.products.editTitle', { code: product.code }) : t('sui.products.createTitle')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={saving} destroyOnHidden width={560}>
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)} initialValues={{ kind: 'wealth', riskLevel: 2, salaryAccount: false }} data-testid="product-form">
        <Form.Item name="code" label={t('sui.products.code')} extra={t('sui.products.codeHelp')} rules={[{ required: !product, pattern: /^[A-Za-z][A-Za-z0-9-]{1,29}$/ }]}>
          <Input disabled={Boolean(product)} data-testid="product-form-code" />
        </Form.Item>
        <Form.Item name="kind" label={t('sui.products.kind')} rules={[{ required: true }]}>
          <Select disabled={Boolean(product)} options={PRODUCT_KINDS.map((k) => ({ value: k, label: t(`sui.kind.${k}`) }))} data-testid="product-form-kind" />
        </Form.Item>
        <Form.Item name="nameZh" label={t('sui.products.nameZh')} rules={[{ required: true, max: 100 }]}>
          <Input data-testid="product-form-name-zh" />
        </Form.Item>
        <Form.Item name="nameEn" label={t('sui.products.nameEn')} rules={[{ required: true, max: 150 }]}>
          <Input data-testid="product-form-name-en" />
        </Form.Item>
        <Form.Item name="riskLevel" label={t('sui.products.risk')} rules={[{ required: true }]}>
          <Select options={[1, 2, 3, 4, 5].map((r) => ({ value: r, label: `R${r}` }))} data-testid="product-form-risk" />
        </Form.Item>
        <Form.Item name="eligibility" label={t('sui.products.eligibility')}>
          <Input placeholder="productEligibility" data-testid="product-form-eligibility" />
        </Form.Item>
        <Form.Item name="minAmount" label={t('sui.products.minAmount')} extra={t('sui.products.amountHelp')} rules={[{ pattern: /^[0-9]{1,16}(\.[0-9]{1,2})?$/ }]}>
          <Input inputMode="decimal" data-testid="product-form-min-amount" />
        </Form.Item>
        <Form.Item name="termMonths" label={t('sui.products.term')}>
          <InputNumber min={1} max={600} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="rateText" label={t('sui.products.rate')} rules={[{ max: 100 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="salaryAccount" valuePropName="checked">
          <Checkbox>{t('sui.products.salaryAccount')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
