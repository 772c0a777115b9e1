import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useMe } from '../../auth/auth';
import { useT } from '../../i18n/i18n';
import { useRequest } from '../../shared/use-request';
import type { Merchant } from '../merchants.api';
import { NewRequestModal } from '../requests/NewRequestModal';
import { ClockCell, RequestStatusTag } from '../requests/request-display';
import { RequestDrawer } from '../requests/RequestDrawer';
import { serviceApi, type ServiceRequest } from '../service.api';

const SHOWN = 50;
/** Merchants the bank serves (the server takes requests for these only). */
const SERVED: readonly string[] = ['active', 'restricted', 'suspended'];

/**
 * 服务请求: the merchant's service requests, open ones first (each group the soonest due first,
 * as the server orders), with both clocks; a request opens in the request drawer, and a new one
 * starts with this merchant filled in.
 */
export function ServiceRequestsCard({ merchant, version }: { merchant: Merchant; version: number }) {
  const { t, lang } = useT();
  const { can } = useMe();
  const [creating, setCreating] = useState(false);
  const [opened, setOpened] = useState<string | null>(null);
  const list = useRequest((signal) => serviceApi.requests({ merchant: merchant.code, limit: SHOWN, offset: 0 }, signal), [merchant.code, lang, version]);
  const items = [...(list.data?.items ?? [])].sort((a, b) => Number(a.status === 'resolved') - Number(b.status === 'resolved'));
  const open = items.filter((r) => r.status !== 'resolved').length;

  return (
    <Card
      size="small"
      title={<span>{t('mch.req.cardTitle')}{open ? <Tag color="blue" style={{ marginInlineStart: 8 }}>{t('mch.req.openCount', { n: open })}</Tag> : null}</span>}
      extra={
        <Space size={12}>
          {can('merchant.write') && SERVED.includes(merchant.status) ? <Button size="small" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="merchant-request-new">{t('mch.req.new')}</Button> : null}
          <Link to={`/merchants/requests?merchant=${encodeURIComponent(merchant.code)}&status=all`}>{t('mch.req.toList')}</Link>
        </Space>
      }
      data-testid="merchant-requests"
    >
      <Table<ServiceRequest>
        rowKey="id"
        size="small"
        scroll={{ x: 'max-content' }}
        loading={list.loading && !list.data}
        pagination={items.length > 6 ? { pageSize: 6, size: 'small' } : false}
        dataSource={items}
        locale={{ emptyText: t('mch.req.noneForMerchant') }}
        columns={[
          {
            key: 'request',
            title: t('mch.req.ref'),
            render: (_, r) => (
              <Flex vertical gap={2} style={{ whiteSpace: 'nowrap' }}>
                <Typography.Link style={{ fontFamily: 'monospace' }} onClick={() => setOpened(r.ref)} data-testid={`merchant-request-${r.ref}`}>{r.ref}</Typography.Link>
                <Flex gap={4} align="center"><span>{t(`mch.req.kind.${r.kind}`)}</span><RequestStatusTag status={r.status} /></Flex>
              </Flex>
            ),
          },
          { key: 'response', title: t('mch.req.clock.title.response'), render: (_, r) => <ClockCell request={r} which="response" /> },
          { key: 'resolution', title: t('mch.req.clock.title.resolution'), render: (_, r) => <ClockCell request={r} which="resolution" /> },
        ]}
      />
      <NewRequestModal
        open={creating}
        merchantCode={merchant.code}
        onClose={() => setCreating(false)}
        onCreated={(r) => {
          setCreating(false);
          list.reload();
          setOpened(r.ref);
        }}
      />
      <RequestDrawer requestId={opened} onClose={() => setOpened(null)} onChanged={() => list.reload()} />
    </Card>
  );
}
