import { Button, Card, Flex, Select, Table, Typography, type TableProps } from 'antd';
import type { HTMLAttributes } from 'react';
import { Link, useNavigate } from 'react-router';
import { useUrlFilters } from '../../shared/use-url-filters';
import { instanceStatuses, processApi, type InstanceStatus, type ProcessInstance } from '../../api/process.api';
import { useT } from '../../i18n/i18n';
import { formatDateTime } from '../../shared/format';
import { PageHeader } from '../../shared/PageHeader';
import { useRequest } from '../../shared/use-request';
import { InstanceStatusTag } from './instance-status';


function useInstanceFilters() {
  const { params, page, size, update } = useUrlFilters<'processKey' | 'status'>();
  const status = params.get('status');
  const filters = {
    processKey: params.get('processKey') ?? undefined,
    status: instanceStatuses.find((s) => s === status),
    page,
    size,
  };
  return { filters, update };
}

/** 流程实例: every instance the user may see, filtered by process and status. */
export function InstancesPage() {
  const { t } = useT();
  const navigate = useNavigate();
  const { filters, update } = useInstanceFilters();
  const processes = useRequest((signal) => processApi.definitions({ latest: true }, signal), [], { silent: true });
  const list = useRequest(
    (signal) =>
      processApi.instances(
        { processKey: filters.processKey, status: filters.status, limit: filters.size, offset: (filters.page - 1) * filters.size },
        signal,
      ),
    [filters.processKey, filters.status, filters.page, filters.size],
  );
  const nameOf = new Map((processes.data?.items ?? []).map((p) => [p.key, p.name ?? p.key]));

  const columns: TableProps<ProcessInstance>['columns'] = [
    {
      key: 'businessKey',
      title: t('instance.businessKey'),
      render: (_, i) => i.businessKey ?? <Typography.Text type="secondary">—</Typography.Text>,
    },
    {
      key: 'process',
      title: t('instance.process'),
      render: (_, i) => <Link to={`/processes/${encodeURIComponent(i.processKey)}`} onClick={(e) => e.stopPropagation()}>{nameOf.get(i.processKey) ?? i.processKey}</Link>,
    },
    { key: 'status', title: t('instance.status'), render: (_, i) => <InstanceStatusTag status={i.status} /> },
    { key: 'startedAt', title: t('instance.startedAt'), render: (_, i) => formatDateTime(i.startedAt) },
    { key: 'endedAt', title: t('instance.endedAt'), render: (_, i) => formatDateTime(i.endedAt) },
    { key: 'id', title: t('instance.id'), render: (_, i) => <Typography.Text type="secondary" copyable={{ text: i.id }}>{i.id.slice(0, 8)}</Typography.Text> },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_, i) => <Button type="link" size="small" onClick={() => navigate(`/instances/${encodeURIComponent(i.id)}`)}>{t('instance.open')}</Button>,
    },
  ];

  return (
    <>
      <PageHeader title={t('nav.instances')} section="nav.process" />
      <Card>
        <Flex gap={8} wrap style={{ marginBottom: 16 }}>
          <Select
            value={filters.processKey}
            placeholder={t('instance.allProcesses')}
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            options={(processes.data?.items ?? []).map((p) => ({ value: p.key, label: `${p.name ?? p.key} (${p.key})` }))}
            onChange={(processKey?: string) => update({ processKey })}
            style={{ width: 280 }}
            data-testid="instances-filter-process"
          />
          <Select
            value={filters.status}
            placeholder={t('instance.allStatuses')}
            allowClear
            options={instanceStatuses.map((s) => ({ value: s, label: t(`instance.status.${s}`) }))}
            onChange={(status?: InstanceStatus) => update({ status })}
            style={{ width: 160 }}
            data-testid="instances-filter-status"
          />
          <Button onClick={list.reload}>{t('common.reload')}</Button>
        </Flex>
        <Table<ProcessInstance>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.loading}
          scroll={{ x: 'max-content' }}
          onRow={(i) => ({
            onClick: () => navigate(`/instances/${encodeURIComponent(i.id)}`),
            style: { cursor: 'pointer' },
            'data-testid': `instance-row-${i.businessKey ?? i.id}`,
          } as HTMLAttributes<HTMLElement>)}
          data-testid="instances-table"
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
    </>
  );
}
