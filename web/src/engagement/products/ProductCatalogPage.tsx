import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Popconfirm, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useMe } from '../../auth/auth';
import { useT } from '../../i18n/i18n';
import { PageHeader } from '../../shared/PageHeader';
import { SearchInput } from '../../shared/SearchInput';
import { useShowError } from '../../shared/api-errors';
import { useRequest } from '../../shared/use-request';
import { useUrlFilters } from '../../shared/use-url-filters';
import { KindText, RiskTag, StatusTag } from './product-display';
import { ProductFormModal } from './ProductFormModal';
import { PRODUCT_KINDS, productsApi, type Product, type ProductKind, type ProductStatus } from './products.api';

/** 产品目录 (`/engagement/products`, `product.read`; changes with `product.manage`). */
export function ProductCatalogPage() {
  const { t, pick } = useT();
  const me = useMe();
  const { message } = App.useApp();
  const showError = useShowError();
  const canManage = me.can('product.manage');
  const { params, page, size, update, pagination } = useUrlFilters<'kind' | 'status' | 'risk' | 'q'>();
  const kind = PRODUCT_KINDS.find((k) => k === params.get('kind'));
  const status = (['active', 'withdrawn'] as const).find((s) => s === params.get('status'));
  const risk = Number(params.get('risk')) || undefined;
  const q = params.get('q') ?? undefined;
  const list = useRequest((signal) => productsApi.list({ kind, status, risk, q, limit: size, offset: (page - 1) * size }, signal), [kind, status, risk, q, page, size]);
  const versions = useRequest((signal) => productsApi.decisionVersions(signal), [], { enabled: me.can('process.read'), silent: true });
  const [editing, setEditing] = useState<Product | null | 'new'>(null);

  const setStatus = async (p: Product, next: ProductStatus) => {
    try {
      await productsApi.change(p.code, { version: p.version, status: next });
      message.success(t('sui.products.saved'));
      list.reload();
    } catch (error) {
      showError(error);
    }
  };

  return (
    <>
      <PageHeader
        title={t('nav.products')}
        section="nav.engagement"
        extra={
          <Space>
            <Button icon={<ReloadOutlined />} onClick={list.reload}>{t('common.reload')}</Button>
            {canManage ? <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="products-add">{t('sui.products.add')}</Button> : null}
          </Space>
        }
      />
      <Card>
        <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>{t('sui.products.intro')}</Typography.Paragraph>
        <Flex gap={8} wrap style={{ marginBottom: 16 }}>
          <SearchInput value={q ?? ''} placeholder={t('sui.products.search')} onSearch={(v) => update({ q: v })} width={220} testId="products-search" normalise={(s) => s} />
          <Select value={kind} placeholder={t('sui.products.allKinds')} allowClear style={{ width: 160 }} options={PRODUCT_KINDS.map((k) => ({ value: k, label: t(`sui.kind.${k}`) }))} onChange={(v?: ProductKind) => update({ kind: v })} data-testid="products-filter-kind" />
          <Select value={status} placeholder={t('sui.products.allStatuses')} allowClear style={{ width: 140 }} options={(['active', 'withdrawn'] as const).map((s) => ({ value: s, label: t(`sui.status.${s}`) }))} onChange={(v?: ProductStatus) => update({ status: v })} data-testid="products-filter-status" />
          <Select value={risk} placeholder={t('sui.products.allRisks')} allowClear style={{ width: 140 }} options={[1, 2, 3, 4, 5].map((r) => ({ value: r, label: `R${r}` }))} onChange={(v?: number) => update({ risk: v ? String(v) : undefined })} data-testid="products-filter-risk" />
        </Flex>
        <Table<Product>
          rowKey="code"
          size="small"
          dataSource={list.data?.items ?? []}
          loading={list.loading}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('sui.products.empty') }}
          pagination={pagination(list.data?.total ?? 0)}
          data-testid="products-table"
          columns={[
            { key: 'code', title: t('sui.products.code'), render: (_, p) => <span style={{ fontFamily: 'monospace' }}>{p.code}</span> },
            { key: 'name', title: t('sui.products.name'), render: (_, p) => pick(p) },
            { key: 'kind', title: t('sui.products.kind'), render: (_, p) => <KindText kind={p.kind} /> },
            { key: 'risk', title: t('sui.products.risk'), render: (_, p) => <RiskTag level={p.riskLevel} /> },
            { key: 'status', title: t('sui.products.status'), render: (_, p) => <StatusTag status={p.status} /> },
            {
              key: 'eligibility',
              title: t('sui.products.eligibility'),
              render: (_, p) => {
                if (!p.eligibility) return <Typography.Text type="secondary">{t('sui.products.eligibilityNone')}</Typography.Text>;
                const v = versions.data?.get(p.eligibility);
                return <span data-testid={`product-eligibility-${p.code}`}>{p.eligibility}{v ? ` · ${t('sui.products.eligibilityVersion', { version: v })}` : ''}</span>;
              },
            },
            { key: 'min', title: t('sui.products.minAmount'), align: 'right', render: (_, p) => p.minAmount ?? '—' },
            { key: 'term', title: t('sui.products.term'), align: 'right', render: (_, p) => p.termMonths ?? '—' },
            { key: 'rate', title: t('sui.products.rate'), render: (_, p) => p.rateText ?? '—' },
            { key: 'version', title: t('sui.products.version'), align: 'right', render: (_, p) => p.version },
            ...(canManage
              ? [{
                  key: 'actions',
                  title: '',
                  render: (_: unknown, p: Product) => (
                    <Space size={4}>
                      <Button size="small" type="link" onClick={() => setEditing(p)} data-testid={`product-edit-${p.code}`}>{t('sui.products.edit')}</Button>
                      {p.status === 'active' ? (
                        <Popconfirm title={t('sui.products.withdrawConfirm')} onConfirm={() => void setStatus(p, 'withdrawn')}>
                          <Button size="small" type="link" danger data-testid={`product-withdraw-${p.code}`}>{t('sui.products.withdraw')}</Button>
                        </Popconfirm>
                      ) : (
                        <Button size="small" type="link" onClick={() => void setStatus(p, 'active')} data-testid={`product-reinstate-${p.code}`}>{t('sui.products.reinstate')}</Button>
                      )}
                    </Space>
                  ),
                }]
              : []),
          ]}
        />
      </Card>
      <ProductFormModal
        open={editing !== null}
        product={editing === 'new' ? null : editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          message.success(t('sui.products.saved'));
          list.reload();
        }}
      />
    </>
  );
}
