import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Input, Select, Space, Table, Tag, Typography, type TableProps } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useUrlFilters } from '../../shared/use-url-filters';
import { customersApi, type Customer } from '../../api/customers.api';
import { useMe } from '../../auth/auth';
import { useT } from '../../i18n/i18n';
import { formatMinute } from '../catalog/service-display';
import { PageHeader } from '../../shared/PageHeader';
import { useUnitCatalog } from '../../shared/reference';
import { useRequest } from '../../shared/use-request';
import { CustomerExactSearch } from './CustomerExactSearch';
import { RegisterCustomerModal } from './RegisterCustomerModal';
import { RiskTags, SegmentTag, useSegments } from './segments';


/** 客户: customers of my branches by name and segment, or anyone in the bank by exact ID or phone. */
export function CustomersPage() {
  const { t, pick } = useT();
  const { can } = useMe();
  const navigate = useNavigate();
  const segments = useSegments();
  const units = useUnitCatalog();
  const { params, page, size, update } = useUrlFilters<'name' | 'segment'>();
  const filters = { name: params.get('name') ?? '', segment: params.get('segment') ?? undefined, page, size };
  const [name, setName] = useState(filters.name);
  useEffect(() => setName(filters.name), [filters.name]);
  // Exact results stay in memory only: identity numbers never go into the address.
  const [exact, setExact] = useState<Customer[] | null>(null);
  const [registering, setRegistering] = useState(false);


  const list = useRequest(
    (signal) => customersApi.list({ name: filters.name || undefined, segment: filters.segment, limit: filters.size, offset: (filters.page - 1) * filters.size }, signal),
    [filters.name, filters.segment, filters.page, filters.size],
  );

  const columns: TableProps<Customer>['columns'] = [
    {
      key: 'name',
      title: t('cust.name'),
      render: (_, c) => (
        <Space size={6}>
          <Link to={`/customers/${encodeURIComponent(c.id)}`} data-testid={`customer-link-${c.id}`}>{c.name}</Link>
          <Tag>{t(`cust.kind.${c.kind}`)}</Tag>
        </Space>
      ),
    },
    {
      key: 'id',
      title: t('cust.idNumber'),
      render: (_, c) => (
        <Flex vertical>
          <span style={{ fontFamily: 'monospace' }}>{c.idNumber}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t(`cust.idType.${c.idType}`)}</Typography.Text>
        </Flex>
      ),
    },
    { key: 'phone', title: t('cust.phone'), render: (_, c) => <span style={{ fontFamily: 'monospace' }}>{c.phone ?? '—'}</span> },
    { key: 'segment', title: t('cust.segment'), render: (_, c) => <SegmentTag code={c.segment} /> },
    {
      key: 'risk',
      title: t('cust.risk'),
      render: (_, c) => (c.blacklisted || c.pep ? <RiskTags blacklisted={c.blacklisted} pep={c.pep} /> : <Typography.Text type="secondary">—</Typography.Text>),
    },
    { key: 'branch', title: t('cust.homeBranch'), render: (_, c) => (units.byKey.has(c.unitId) ? units.nameOf(c.unitId) : c.unitCode) },
    { key: 'created', title: t('cust.createdAt'), render: (_, c) => formatMinute(c.createdAt) },
    {
      key: 'actions',
      title: t('common.actions'),
      fixed: 'right',
      render: (_, c) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => navigate(`/customers/${encodeURIComponent(c.id)}`)}>{t('cust.view360')}</Button>
          {can('case.write') ? (
            <Button type="link" size="small" onClick={() => navigate(`/cases/new?customerId=${encodeURIComponent(c.id)}`)}>{t('cust.newCase')}</Button>
          ) : null}
        </Space>
      ),
    },
  ];

  const applyName = () => {
    setExact(null);
    update({ name: name.trim() || undefined });
  };

  return (
    <>
      <PageHeader
        title={t('nav.customers')}
        section="nav.work"
        extra={can('customer.write') ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(true)} data-testid="customer-register">{t('cust.register')}</Button>
        ) : null}
      />
      <Card>
        <Flex vertical gap={12} style={{ marginBottom: 16 }}>
          <Flex gap={8} wrap align="center">
            <Typography.Text type="secondary" style={{ width: 96 }}>{t('cust.filterMine')}</Typography.Text>
            <Space.Compact style={{ width: 280 }}>
              <Input
                value={name}
                placeholder={t('cust.namePrefix')}
                allowClear
                onChange={(e) => {
                  setName(e.target.value);
                  if (e.target.value === '') update({ name: undefined });
                }}
                onPressEnter={applyName}
                data-testid="customers-search-name"
              />
              <Button icon={<SearchOutlined />} onClick={applyName}>{t('common.search')}</Button>
            </Space.Compact>
            <Select
              value={filters.segment}
              placeholder={t('cust.allSegments')}
              allowClear
              options={segments.map((s) => ({ value: s.code, label: pick(s) }))}
              onChange={(segment?: string) => {
                setExact(null);
                update({ segment });
              }}
              style={{ width: 150 }}
              data-testid="customers-filter-segment"
            />
          </Flex>
          <Flex gap={8} wrap align="start">
            <Typography.Text type="secondary" style={{ width: 96, lineHeight: '32px' }}>{t('cust.filterBank')}</Typography.Text>
            <CustomerExactSearch onResults={setExact} testIdPrefix="customers-search" />
          </Flex>
        </Flex>
        {exact !== null ? (
          <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('cust.exactResults', { n: exact.length })}
            action={<Button size="small" onClick={() => setExact(null)} data-testid="customers-exact-clear">{t('cust.backToList')}</Button>} />
        ) : null}
        <Table<Customer>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={exact ?? list.data?.items ?? []}
          loading={exact === null && list.loading}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: exact !== null ? t('cust.noExactMatch') : t('cust.empty') }}
          data-testid="customers-table"
          pagination={exact !== null ? false : {
            current: filters.page,
            pageSize: filters.size,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [10, 20, 50, 100],
            showTotal: (total) => t('common.total', { total }),
            onChange: (page, size) => update({ page: size === filters.size ? page : 1, size }),
          }}
        />
      </Card>
      <RegisterCustomerModal
        open={registering}
        onClose={() => setRegistering(false)}
        onRegistered={(created) => {
          setRegistering(false);
          navigate(`/customers/${encodeURIComponent(created.id)}`);
        }}
      />
    </>
  );
}
