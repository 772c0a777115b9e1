import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Select, Space, Table, Tabs, Tag, Typography, type TableProps } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { Link } from 'react-router';
import { useMe } from '../../auth/auth';
import { useT } from '../../i18n/i18n';
import { formatMinute } from '../../pages/catalog/service-display';
import { PageHeader } from '../../shared/PageHeader';
import { SearchInput } from '../../shared/SearchInput';
import { useRequest } from '../../shared/use-request';
import { useUrlFilters } from '../../shared/use-url-filters';
import { CLOCK_FILTERS, REQUEST_STATUSES, serviceApi, type ClockFilter, type ServiceRequest } from '../service.api';
import { NewRequestModal } from './NewRequestModal';
import { ClockCell, RequestStatusTag } from './request-display';
import { RequestDrawer } from './RequestDrawer';
import { StandardsPanel } from './StandardsPanel';

type FilterKey = 'view' | 'status' | 'clock' | 'merchant' | 'open';
/** Still to deal with (not resolved), each status, or everything. */
const STATUS_FILTERS = ['active', ...REQUEST_STATUSES, 'all'] as const;
type StatusFilter = (typeof STATUS_FILTERS)[number];

/**
 * 商户服务请求 (`/merchants/requests`, `merchant.read`; opening and answering `merchant.write`):
 * the requests of the user's branches with their response and resolution clocks, the soonest
 * resolution first as the server orders them; the service standards behind the clocks on the
 * second tab (`?view=standards`). `?open=<ref>` shows one request in the drawer.
 */
export function RequestsPage() {
  const { t, lang } = useT();
  const { can } = useMe();
  const { params, page, size, update, pagination } = useUrlFilters<FilterKey>();
  const view = params.get('view') === 'standards' ? 'standards' : 'requests';
  const status: StatusFilter = STATUS_FILTERS.find((s) => s === params.get('status')) ?? 'active';
  const clock = CLOCK_FILTERS.find((c) => c === params.get('clock'));
  const merchant = params.get('merchant') ?? '';
  const opened = params.get('open');
  const [creating, setCreating] = useState(false);
  const list = useRequest(
    (signal) => serviceApi.requests({ status: status === 'all' ? undefined : status, clock, merchant: merchant || undefined, limit: size, offset: (page - 1) * size }, signal),
    [status, clock, merchant, page, size, lang],
    { enabled: view === 'requests' },
  );
  const items = list.data?.items ?? [];
  const openRequest = (ref: string | null) => update({ open: ref, page });

  const columns: TableProps<ServiceRequest>['columns'] = [
    {
      key: 'ref',
      title: t('mch.req.ref'),
      fixed: 'left',
      render: (_, r) => (
        <Flex vertical style={{ whiteSpace: 'nowrap' }}>
          <Typography.Link style={{ fontFamily: 'monospace' }} onClick={() => openRequest(r.ref)} data-testid={`request-open-${r.ref}`}>{r.ref}</Typography.Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatMinute(r.openedAt)}</Typography.Text>
        </Flex>
      ),
    },
    {
      key: 'merchant',
      title: t('mch.req.merchant'),
      render: (_, r) => (
        <Flex vertical style={{ maxWidth: 220 }}>
          <Link to={`/merchants/${encodeURIComponent(r.merchant.code)}`} onClick={(e) => e.stopPropagation()} style={{ fontFamily: 'monospace' }}>{r.merchant.code}</Link>
          <Typography.Text ellipsis={{ tooltip: r.merchant.name }}>{r.merchant.name}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.merchant.unitCode}</Typography.Text>
        </Flex>
      ),
    },
    {
      key: 'kind',
      title: t('mch.req.kind'),
      render: (_, r) => (
        <Flex vertical gap={2} style={{ maxWidth: 240 }}>
          <Typography.Text strong style={{ whiteSpace: 'nowrap' }}>{t(`mch.req.kind.${r.kind}`)}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis={{ tooltip: r.description }}>{r.description}</Typography.Text>
        </Flex>
      ),
    },
    { key: 'tier', title: t('mch.req.tier'), render: (_, r) => <Tag style={{ marginInlineEnd: 0 }}>{t(`mch.tier.${r.tier}`)}</Tag> },
    { key: 'status', title: t('mch.req.statusCol'), render: (_, r) => <RequestStatusTag status={r.status} testId={`request-status-${r.ref}`} /> },
    { key: 'response', title: t('mch.req.clock.title.response'), render: (_, r) => <ClockCell request={r} which="response" testId={`request-response-${r.ref}`} /> },
    { key: 'resolution', title: t('mch.req.clock.title.resolution'), render: (_, r) => <ClockCell request={r} which="resolution" testId={`request-resolution-${r.ref}`} /> },
  ];

  const requests = (
    <>
      <Flex gap={8} wrap style={{ marginBottom: 16 }} data-testid="request-filters">
        <Select
          value={status}
          options={STATUS_FILTERS.map((s) => ({ value: s, label: t(`mch.req.filter.${s}`) }))}
          onChange={(next: StatusFilter) => update({ status: next === 'active' ? undefined : next })}
          style={{ width: 140 }}
          data-testid="request-filter-status"
        />
        <Select
          value={clock}
          placeholder={t('mch.req.filter.anyClock')}
          allowClear
          options={CLOCK_FILTERS.map((c) => ({ value: c, label: t(`mch.req.filter.clock.${c}`) }))}
          onChange={(next?: ClockFilter) => update({ clock: next })}
          style={{ width: 170 }}
          data-testid="request-filter-clock"
        />
        <SearchInput value={merchant} onSearch={(text) => update({ merchant: text })} normalise={(s) => s.toUpperCase()} placeholder={t('mch.req.merchantFilter')} width={240} testId="request-filter-merchant" />
      </Flex>
      {clock ? <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>{t('mch.req.clockFilterHint')}</Typography.Paragraph> : null}
      <Table<ServiceRequest>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={items}
        loading={list.loading}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('mch.req.empty') }}
        onRow={(r) => ({ onClick: () => openRequest(r.ref), style: { cursor: 'pointer' }, 'data-testid': `request-row-${r.ref}` }) as HTMLAttributes<HTMLElement>}
        data-testid="request-table"
        pagination={pagination(list.data?.total ?? 0)}
      />
    </>
  );

  return (
    <>
      <PageHeader
        title={t('nav.merchantRequests')}
        section="nav.merchants"
        extra={
          <Space>
            <Button icon={<ReloadOutlined />} onClick={list.reload}>{t('common.reload')}</Button>
            {can('merchant.write') ? <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="request-new">{t('mch.req.new')}</Button> : null}
          </Space>
        }
      />
      <Card>
        <Tabs
          activeKey={view}
          onChange={(key) => update({ view: key === 'standards' ? 'standards' : undefined })}
          items={[
            { key: 'requests', label: t('mch.req.tab.requests'), children: requests },
            { key: 'standards', label: <span data-testid="request-tab-standards">{t('mch.req.tab.standards')}</span>, children: <StandardsPanel /> },
          ]}
        />
      </Card>
      <NewRequestModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(r) => {
          setCreating(false);
          list.reload();
          openRequest(r.ref);
        }}
      />
      <RequestDrawer requestId={opened} onClose={() => openRequest(null)} onChanged={() => list.reload()} />
    </>
  );
}
