import { Button, Card, DatePicker, Flex, Form, Input, Table, Tag, Tooltip, Typography, type TableProps } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { auditApi, type AuditEntry, type ChainVerification } from '../../api/audit.api';
import { useT } from '../../i18n/i18n';
import { formatDateTime } from '../../shared/format';
import { PageHeader } from '../../shared/PageHeader';
import { useRequest } from '../../shared/use-request';
import { AuditDiff } from './AuditDiff';
import { VerifyChainButton, VerifyChainResult } from './VerifyChain';

type FilterValues = {
  actor?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
};

type Filters = { actor?: string; action?: string; entityType?: string; entityId?: string; from?: string; to?: string };

/** Whole days in local time: from the start of the first to the end of the last chosen day. */
function toFilters(v: FilterValues): Filters {
  const text = (s?: string) => s?.trim() || undefined;
  const [start, end] = v.range ?? [null, null];
  return {
    actor: text(v.actor),
    action: text(v.action),
    entityType: text(v.entityType),
    entityId: text(v.entityId),
    from: start ? start.startOf('day').toISOString() : undefined,
    to: end ? end.endOf('day').toISOString() : undefined,
  };
}

export function AuditPage() {
  const { t } = useT();
  const [form] = Form.useForm<FilterValues>();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState({ current: 1, size: 20 });
  const [verification, setVerification] = useState<ChainVerification | null>(null);

  const list = useRequest(
    (signal) => auditApi.list({ ...filters, limit: page.size, offset: (page.current - 1) * page.size }, signal),
    [filters, page],
  );

  const columns: TableProps<AuditEntry>['columns'] = [
    { key: 'seq', title: t('audit.seq'), dataIndex: 'seq', width: 80 },
    { key: 'occurredAt', title: t('audit.occurredAt'), width: 170, render: (_, e) => formatDateTime(e.occurredAt) },
    {
      key: 'actor',
      title: t('audit.actor'),
      // One line per entry keeps the table compact; the id is a hover away.
      render: (_, e) => (
        <Tooltip title={e.actorName ? e.actorId : undefined}>
          <span>{e.actorName ?? e.actorId ?? t('audit.system')}</span>
        </Tooltip>
      ),
    },
    { key: 'ip', title: t('audit.ip'), dataIndex: 'ip', width: 130 },
    { key: 'action', title: t('audit.action'), render: (_, e) => <Tag color="blue">{e.action}</Tag> },
    {
      key: 'entity',
      title: t('audit.entity'),
      render: (_, e) => (
        <span>
          {e.entityType}
          {e.entityId ? <Typography.Text type="secondary"> · {e.entityId}</Typography.Text> : null}
        </span>
      ),
    },
    {
      key: 'hash',
      title: t('audit.hash'),
      width: 130,
      render: (_, e) =>
        e.hash ? (
          <Tooltip title={e.hash}>
            <Typography.Text code copyable={{ text: e.hash }}>{e.hash.slice(0, 10)}</Typography.Text>
          </Tooltip>
        ) : (
          <Typography.Text type="secondary">{t('audit.unsealed')}</Typography.Text>
        ),
    },
  ];

  return (
    <>
      <PageHeader title={t('nav.audit')} extra={<VerifyChainButton onResult={(result) => {
        setVerification(result);
        // verifying seals the newest entries: show their hashes
        list.reload();
      }} />} />
      {verification ? <VerifyChainResult result={verification} onClose={() => setVerification(null)} /> : null}
      <Card>
        <Form<FilterValues>
          form={form}
          layout="inline"
          onFinish={(v) => {
            setFilters(toFilters(v));
            setPage((p) => ({ ...p, current: 1 }));
          }}
          style={{ marginBottom: 16, rowGap: 8 }}
          data-testid="audit-filters"
        >
          <Form.Item name="actor" label={t('audit.actor')}>
            <Input placeholder={t('audit.actorPlaceholder')} allowClear style={{ width: 160 }} data-testid="audit-filter-actor" />
          </Form.Item>
          <Form.Item name="action" label={t('audit.action')}>
            <Input placeholder={t('audit.actionPlaceholder')} allowClear style={{ width: 160 }} data-testid="audit-filter-action" />
          </Form.Item>
          <Form.Item name="entityType" label={t('audit.entityType')}>
            <Input placeholder={t('audit.entityTypePlaceholder')} allowClear style={{ width: 130 }} data-testid="audit-filter-entityType" />
          </Form.Item>
          <Form.Item name="entityId" label={t('audit.entityId')}>
            <Input allowClear style={{ width: 160 }} data-testid="audit-filter-entityId" />
          </Form.Item>
          {/* The picker does not forward data-* attributes; `display: contents` keeps the inline layout. */}
          <div style={{ display: 'contents' }} data-testid="audit-filter-range">
            <Form.Item name="range" label={t('audit.range')}>
              <DatePicker.RangePicker allowEmpty={[true, true]} />
            </Form.Item>
          </div>
          <Flex gap={8}>
            <Button type="primary" htmlType="submit" data-testid="audit-search">{t('common.search')}</Button>
            <Button
              onClick={() => {
                form.resetFields();
                setFilters({});
                setPage((p) => ({ ...p, current: 1 }));
              }}
            >
              {t('common.reset')}
            </Button>
          </Flex>
        </Form>
        <Table<AuditEntry>
          rowKey="seq"
          size="small"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.loading}
          scroll={{ x: 'max-content' }}
          expandable={{ expandedRowRender: (e) => <AuditDiff before={e.before} after={e.after} /> }}
          data-testid="audit-table"
          pagination={{
            current: page.current,
            pageSize: page.size,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100],
            showTotal: (total) => t('common.total', { total }),
            onChange: (current, size) => setPage({ current: size === page.size ? current : 1, size }),
          }}
        />
      </Card>
    </>
  );
}
