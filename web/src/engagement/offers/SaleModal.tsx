import { Alert, Form, Input, Modal, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { isApiError } from '../../api/client';
import { useT } from '../../i18n/i18n';
import { useShowError } from '../../shared/api-errors';
import { useRequest } from '../../shared/use-request';
import { productsApi, type Channel } from '../products/products.api';
import { offersApi, type Offer } from './offers.api';

const AMOUNT = /^[0-9]{1,16}(\.[0-9]{1,2})?$/;

type Props = {
  customerId: string;
  channel: Channel;
  /** The offer accepted; null: the teller chooses any product from the catalogue. */
  offer: Offer | null;
  open: boolean;
  onClose: () => void;
  onSold: () => void;
};

/**
 * Selling a product to the customer being served: the offer's product, or any product on sale.
 * The server judges suitability; a refusal is shown with each of its reasons (the 422's errors).
 */
export function SaleModal({ customerId, channel, offer, open, onClose, onSold }: Props) {
  const { t, pick } = useT();
  const showError = useShowError();
  const [form] = Form.useForm<{ productCode: string; amount: string }>();
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string[] | null>(null);
  const catalogue = useRequest((signal) => productsApi.list({ status: 'active', limit: 100, offset: 0 }, signal), [], { enabled: open && offer === null });

  useEffect(() => {
    if (!open) return;
    setRefusal(null);
    form.setFieldsValue({ productCode: offer?.product.code, amount: offer?.product.minAmount ?? '' });
  }, [open, offer, form]);

  const submit = async () => {
    const values = await form.validateFields();
    setBusy(true);
    setRefusal(null);
    try {
      await offersApi.sell({ customerId, productCode: values.productCode, amount: values.amount, channel, ...(offer?.id ? { offerId: offer.id } : {}) });
      onSold();
    } catch (error) {
      if (isApiError(error) && error.status === 422) setRefusal(error.errors.length ? error.errors.map((e) => e.message) : [error.detail ?? error.title]);
      else showError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={open} title={offer ? t('offer.sale.titleOffer', { name: pick(offer.product) }) : t('offer.sale.title')} okText={t('offer.sale.submit')} cancelText={t('common.cancel')} onOk={() => void submit()} confirmLoading={busy} onCancel={onClose} destroyOnHidden>
      <Form form={form} layout="vertical">
        <Form.Item name="productCode" label={t('offer.sale.product')} rules={[{ required: true, message: t('offer.sale.productRequired') }]}>
          <Select
            disabled={offer !== null}
            showSearch
            optionFilterProp="label"
            loading={catalogue.loading}
            options={offer ? [{ value: offer.product.code, label: `${pick(offer.product)} · ${offer.product.code}` }] : (catalogue.data?.items ?? []).map((p) => ({ value: p.code, label: `${pick(p)} · ${p.code} · ${p.risk}` }))}
            data-testid="offer-sale-product"
          />
        </Form.Item>
        <Form.Item name="amount" label={t('offer.sale.amount')} rules={[{ required: true, pattern: AMOUNT, message: t('offer.sale.amountInvalid') }]}>
          <Input inputMode="decimal" addonAfter={t('offer.sale.yuan')} data-testid="offer-sale-amount" />
        </Form.Item>
      </Form>
      {refusal ? (
        <Alert
          type="error"
          showIcon
          title={t('offer.sale.refused')}
          description={<ul style={{ margin: 0, paddingInlineStart: 18 }}>{refusal.map((r) => <li key={r}>{r}</li>)}</ul>}
          data-testid="offer-sale-refused"
        />
      ) : (
        <Typography.Text type="secondary">{t('offer.sale.hint')}</Typography.Text>
      )}
    </Modal>
  );
}
