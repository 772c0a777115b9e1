import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Table, Typography } from 'antd';
import { Link } from 'react-router';
import { useT } from '../../i18n/i18n';
import { PageHeader } from '../../shared/PageHeader';
import { SearchInput } from '../../shared/SearchInput';
import { useRequest } from '../../shared/use-request';
import { useUrlFilters } from '../../shared/use-url-filters';
import { formatMinute } from '../../pages/catalog/service-display';
import { ChannelText } from '../products/product-display';
import { productsApi, type Refusal } from '../products/products.api';

/** 适当性拒绝记录 (`/engagement/suitability-refusals`, `product.read`): what a regulator asks to see, within the caller's branches. */
export function RefusalsPage() {
  const { t, lang } = useT();
  const { params, page, size, update, pagination } = useUrlFilters<'customer' | 'product'>();
  const customer = params.get('customer') ?? undefined;
  const product = params.get('product') ?? undefined;
  const list = useRequest((signal) => productsApi.refusals({ customer, product, limit: size, offset: (page - 1) * size }, signal), [customer, product, page, size]);

  return (
    <>
      <PageHeader title={t('nav.suitabilityRefusals')} section="nav.engagement" extra={<Button icon={<ReloadOutlined />} onClick={list.reload}>{t('common.reload')}</Button>} />
      <Card>
        <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>{t('sui.refusals.intro')}</Typography.Paragraph>
        <Flex gap={8} wrap style={{ marginBottom: 16 }}>
          <SearchInput value={product ?? ''} placeholder={t('sui.refusals.product')} onSearch={(v) => update({ product: v })} width={200} testId="refusals-product" normalise={(s) => s.toUpperCase()} />
          <SearchInput value={customer ?? ''} placeholder={t('sui.refusals.customer')} onSearch={(v) => update({ customer: v })} width={320} testId="refusals-customer" />
        </Flex>
        <Table<Refusal>
          rowKey="id"
          size="small"
          dataSource={list.data?.items ?? []}
          loading={list.loading}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('sui.refusals.empty') }}
          pagination={pagination(list.data?.total ?? 0)}
          data-testid="refusals-table"
          columns={[
            { key: 'at', title: t('sui.refusals.at'), render: (_, r) => <span style={{ whiteSpace: 'nowrap' }}>{formatMinute(r.at)}</span> },
            { key: 'customer', title: t('sui.refusals.customerName'), render: (_, r) => <Link to={`/customers/${encodeURIComponent(r.customerId)}`}>{r.customerName}</Link> },
            { key: 'product', title: t('sui.refusals.product'), render: (_, r) => <span style={{ fontFamily: 'monospace' }}>{r.productCode}</span> },
            { key: 'amount', title: t('sui.refusals.amount'), align: 'right', render: (_, r) => r.amount },
            { key: 'channel', title: t('sui.refusals.channel'), render: (_, r) => <ChannelText channel={r.channel} /> },
            { key: 'reasons', title: t('sui.refusals.reasons'), render: (_, r) => <ul style={{ margin: 0, paddingInlineStart: 16, maxWidth: 420 }}>{r.reasons.map((x) => <li key={x.code}>{lang === 'zh-CN' ? x.zh : x.en}</li>)}</ul> },
            { key: 'by', title: t('sui.refusals.by'), render: (_, r) => (r.attemptedBy === 'customer' ? t('sui.risk.byCustomer') : r.attemptedBy) },
            { key: 'offer', title: t('sui.refusals.offer'), render: (_, r) => r.offerId ?? '—' },
            { key: 'branch', title: t('sui.refusals.branch'), render: (_, r) => r.unitCode },
          ]}
        />
      </Card>
    </>
  );
}
