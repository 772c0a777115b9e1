import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Select, Space, Table, Typography, type TableProps } from 'antd';
import type { HTMLAttributes } from 'react';
import { Link, useNavigate } from 'react-router';
import { useMe } from '../../auth/auth';
import { useT } from '../../i18n/i18n';
import { formatDateTime } from '../../shared/format';
import { PageHeader } from '../../shared/PageHeader';
import { SearchInput } from '../../shared/SearchInput';
import { useRequest } from '../../shared/use-request';
import { useUrlFilters } from '../../shared/use-url-filters';
import { mccLabel } from '../mcc';
import { MerchantStatusTag, RatingTag } from '../merchant-display';
import { MERCHANT_STATUSES, merchantsApi, RATINGS, type Merchant, type MerchantStatus, type RiskRating } from '../merchants.api';

type FilterKey = 'q' | 'status' | 'rating';

/** 商户列表 (`/merchants`, `merchant.read`): the merchants of the user's branches, newest first. */
export function MerchantListPage() {
  const { t, pick, lang } = useT();
  const { can } = useMe();
  const navigate = useNavigate();
  const { params, page, size, update, pagination } = useUrlFilters<FilterKey>();
  const q = params.get('q') ?? '';
  const status = MERCHANT_STATUSES.find((s) => s === params.get('status'));
  const rating = RATINGS.find((r) => r === params.get('rating'));
  const list = useRequest(
    (signal) => merchantsApi.list({ q: q || undefined, status, rating, limit: size, offset: (page - 1) * size }, signal),
    [q, status, rating, page, size, lang],
  );

  const columns: TableProps<Merchant>['columns'] = [
    {
      key: 'code',
      title: t('mch.code'),
      fixed: 'left',
      render: (_, m) => (
        <Link to={`/merchants/${encodeURIComponent(m.code)}`} onClick={(e) => e.stopPropagation()} style={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>{m.code}</Link>
      ),
    },
    {
      key: 'name',
      title: t('mch.name'),
      render: (_, m) => (
        <Flex vertical style={{ maxWidth: 280 }}>
          <Typography.Text strong>{m.name}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12, fontFamily: 'monospace' }}>{m.uscc}</Typography.Text>
        </Flex>
      ),
    },
    { key: 'status', title: t('mch.statusCol'), render: (_, m) => <MerchantStatusTag status={m.status} /> },
    { key: 'rating', title: t('mch.ratingCol'), render: (_, m) => <RatingTag rating={m.riskRating} /> },
    {
      key: 'kind',
      title: t('mch.kindMcc'),
      render: (_, m) => (
        <Flex vertical>
          <span style={{ whiteSpace: 'nowrap' }}>{t(`mch.kind.${m.kind}`)} · {t(`mch.scale.${m.scale}`)}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>{mccLabel(m.mcc, pick)}</Typography.Text>
        </Flex>
      ),
    },
    { key: 'branch', title: t('mch.branch'), render: (_, m) => <span style={{ whiteSpace: 'nowrap' }}>{m.unitCode}</span> },
    { key: 'contact', title: t('mch.contact'), render: (_, m) => <span style={{ whiteSpace: 'nowrap' }}>{m.contactName}{m.contactPhone ? ` · ${m.contactPhone}` : ''}</span> },
    { key: 'review', title: t('mch.nextReview'), render: (_, m) => m.nextReviewOn ?? <Typography.Text type="secondary">—</Typography.Text> },
    { key: 'created', title: t('mch.registeredAt'), render: (_, m) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(m.createdAt).slice(0, 16)}</span> },
  ];

  return (
    <>
      <PageHeader
        title={t('nav.merchantList')}
        section="nav.merchants"
        extra={
          <Space>
            <Button icon={<ReloadOutlined />} onClick={list.reload}>{t('common.reload')}</Button>
            {can('merchant.write') ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/merchants/new')} data-testid="merchant-new">{t('mch.register')}</Button>
            ) : null}
          </Space>
        }
      />
      <Card>
        <Flex gap={8} wrap style={{ marginBottom: 16 }} data-testid="merchant-filters">
          <SearchInput value={q} onSearch={(text) => update({ q: text })} placeholder={t('mch.searchPlaceholder')} width={320} testId="merchant-search" />
          <Select
            value={status}
            placeholder={t('mch.allStatuses')}
            allowClear
            options={MERCHANT_STATUSES.map((s) => ({ value: s, label: t(`mch.status.${s}`) }))}
            onChange={(next?: MerchantStatus) => update({ status: next })}
            style={{ width: 130 }}
            data-testid="merchant-filter-status"
          />
          <Select
            value={rating}
            placeholder={t('mch.allRatings')}
            allowClear
            options={RATINGS.map((r) => ({ value: r, label: t(`mch.rating.${r}`) }))}
            onChange={(next?: RiskRating) => update({ rating: next })}
            style={{ width: 130 }}
            data-testid="merchant-filter-rating"
          />
        </Flex>
        <Table<Merchant>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.loading}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('mch.empty') }}
          onRow={(m) => ({ onClick: () => navigate(`/merchants/${encodeURIComponent(m.code)}`), style: { cursor: 'pointer' }, 'data-testid': `merchant-row-${m.code}` } as HTMLAttributes<HTMLElement>)}
          data-testid="merchant-table"
          pagination={pagination(list.data?.total ?? 0)}
        />
      </Card>
    </>
  );
}
