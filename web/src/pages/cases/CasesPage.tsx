import { PlusOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Input, Select, Space, Table, Typography, type TableProps } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useUrlFilters } from '../../shared/use-url-filters';
import { caseStatuses, casesApi, slaStates, type Case, type CaseStatus, type SlaState } from '../../api/cases.api';
import { catalogApi } from '../../api/catalog.api';
import { useMe } from '../../auth/auth';
import { useT } from '../../i18n/i18n';
import { PageHeader } from '../../shared/PageHeader';
import { useRequest } from '../../shared/use-request';
import { BranchOverview } from './BranchOverview';
import { CaseStatusTag, SlaCell } from './case-display';
import { formatMinute } from '../catalog/service-display';

type Filter = 'ref' | 'status' | 'sla' | 'serviceCode' | 'customerId';

function useCaseFilters() {
  const { params, page, size, update } = useUrlFilters<Filter>();
  const status = params.get('status');
  const sla = params.get('sla');
  const filters = {
    ref: params.get('ref') ?? '',
    status: caseStatuses.find((s) => s === status),
    sla: slaStates.find((s) => s === sla),
    serviceCode: params.get('serviceCode') ?? undefined,
    customerId: params.get('customerId') ?? undefined,
    page,
    size,
  };
  return { filters, update };
}

/** 业务办理: the branch at a glance, then every case in reach with its clock. */
export function CasesPage() {
  const { t, pick, lang } = useT();
  const { can } = useMe();
  const navigate = useNavigate();
  const { filters, update } = useCaseFilters();
  const [ref, setRef] = useState(filters.ref);
  useEffect(() => setRef(filters.ref), [filters.ref]);

  const overview = useRequest((signal) => casesApi.branchOverview(signal), []);
  const services = useRequest((signal) => catalogApi.list(signal), [], { silent: true });
  const list = useRequest(
    (signal) =>
      casesApi.list(
        {
          ref: filters.ref || undefined,
          status: filters.status,
          sla: filters.sla,
          serviceCode: filters.serviceCode,
          customerId: filters.customerId,
          limit: filters.size,
          offset: (filters.page - 1) * filters.size,
        },
        signal,
      ),
    [filters.ref, filters.status, filters.sla, filters.serviceCode, filters.customerId, filters.page, filters.size, lang],
  );
  const multiBranch = (overview.data?.length ?? 0) > 1;
  const serviceOptions = useMemo(() => (services.data ?? []).map((s) => ({ value: s.code, label: pick(s) })), [services.data, pick]);

  const reload = () => {
    overview.reload();
    list.reload();
  };

  const columns: TableProps<Case>['columns'] = [
    {
      key: 'ref',
      title: t('case.ref'),
      render: (_, c) => <Link to={`/cases/${encodeURIComponent(c.id)}`} style={{ fontFamily: 'monospace' }}>{c.ref}</Link>,
    },
    { key: 'service', title: t('case.service'), render: (_, c) => pick(c.service) },
    {
      key: 'customer',
      title: t('case.customer'),
      render: (_, c) => <Link to={`/customers/${encodeURIComponent(c.customer.id)}`}>{c.customer.name}</Link>,
    },
    // One branch in reach: its name on every row would say nothing.
    ...(multiBranch ? [{ key: 'branch', title: t('case.branch'), render: (_: unknown, c: Case) => pick(c.unit) }] : []),
    { key: 'channel', title: t('case.channel'), render: (_, c) => t(`svc.channel.${c.channel}`) },
    { key: 'status', title: t('case.statusLabel'), render: (_, c) => <CaseStatusTag status={c.status} /> },
    { key: 'sla', title: t('case.slaLabel'), render: (_, c) => <SlaCell state={c.sla.state} usedPercent={c.sla.usedPercent} open={c.status === 'open'} /> },
    {
      key: 'due',
      title: t('case.due'),
      render: (_, c) =>
        c.status !== 'open' ? (
          <Typography.Text type="secondary">{t('case.closedShort', { at: formatMinute(c.closedAt) })}</Typography.Text>
        ) : c.dueAt ? (
          <Typography.Text type={c.sla.state === 'breached' ? 'danger' : undefined}>{formatMinute(c.dueAt)}</Typography.Text>
        ) : '—',
    },
    { key: 'created', title: t('case.createdAt'), render: (_, c) => formatMinute(c.createdAt) },
  ];

  const applyRef = () => update({ ref: ref.trim().toUpperCase() || undefined });

  return (
    <>
      <PageHeader
        title={t('nav.cases')}
        section="nav.work"
        extra={
          <Space>
            <Button icon={<ReloadOutlined />} onClick={reload}>{t('common.reload')}</Button>
            {can('case.write') ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/cases/new')} data-testid="case-new">
                {t('cases.new')}
              </Button>
            ) : null}
          </Space>
        }
      />
      <Flex vertical gap={16}>
        <BranchOverview items={overview.data} loading={overview.loading} onPick={(sla) => update({ sla, status: 'open' })} />
        <Card>
          <Flex gap={8} wrap style={{ marginBottom: 16 }}>
            <Space.Compact style={{ width: 360 }}>
              <Input
                value={ref}
                placeholder={t('cases.searchRef')}
                allowClear
                onChange={(e) => {
                  setRef(e.target.value);
                  if (e.target.value === '') update({ ref: undefined });
                }}
                onPressEnter={applyRef}
                data-testid="cases-search-ref"
              />
              <Button type="primary" icon={<SearchOutlined />} onClick={applyRef}>{t('common.search')}</Button>
            </Space.Compact>
            <Select
              value={filters.status}
              placeholder={t('cases.allStatuses')}
              allowClear
              options={caseStatuses.map((s) => ({ value: s, label: t(`case.status.${s}`) }))}
              onChange={(status?: CaseStatus) => update({ status })}
              style={{ width: 140 }}
              data-testid="cases-filter-status"
            />
            <Select
              value={filters.sla}
              placeholder={t('cases.allSla')}
              allowClear
              options={slaStates.map((s) => ({ value: s, label: t(`case.sla.${s}`) }))}
              onChange={(sla?: Exclude<SlaState, 'none'>) => update({ sla })}
              style={{ width: 140 }}
              data-testid="cases-filter-sla"
            />
            <Select
              value={filters.serviceCode}
              placeholder={t('cases.allServices')}
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              options={serviceOptions}
              onChange={(serviceCode?: string) => update({ serviceCode })}
              style={{ width: 220 }}
              data-testid="cases-filter-service"
            />
          </Flex>
          {filters.customerId ? (
            <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('cases.customerFilter')}
              action={<Button size="small" onClick={() => update({ customerId: undefined })}>{t('cases.clearFilter')}</Button>} />
          ) : null}
          <Table<Case>
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.loading}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t('cases.empty') }}
            data-testid="cases-table"
            pagination={{
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
      </Flex>
    </>
  );
}
