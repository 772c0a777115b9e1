import { CheckCircleFilled, MinusCircleOutlined } from '@ant-design/icons';
import { Alert, Card, Descriptions, Empty, Flex, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useT } from '../../i18n/i18n';
import { formatMinute } from '../../pages/catalog/service-display';
import { SegmentTag } from '../../pages/customers/segments';
import { useRequest } from '../../shared/use-request';
import { StatusTag, useLabel } from '../complaint-display';
import { complaintsApi, type OnFile } from '../complaints.api';

function CaseOnFile({ c }: { c: OnFile['cases'][number] }) {
  const { t, pick } = useT();
  const label = useLabel();
  return (
    <Flex vertical gap={4} style={{ padding: '8px 10px', background: '#fafafa', border: '1px solid #f0f0f0', borderRadius: 4 }}>
      <Flex justify="space-between" gap={8} wrap>
        <Space size={6} wrap>
          <Link to={`/cases/${encodeURIComponent(c.id)}`} target="_blank" style={{ fontFamily: 'monospace' }}>{c.ref}</Link>
          <Typography.Text>{pick({ nameZh: c.serviceNameZh, nameEn: c.serviceNameEn })}</Typography.Text>
        </Space>
        <Space size={6}>
          <Tag style={{ marginInlineEnd: 0 }}>{label('case.status', c.status)}</Tag>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{c.unitCode} · {formatMinute(c.createdAt)}</Typography.Text>
        </Space>
      </Flex>
      {c.materials.length ? (
        <Flex gap={4} wrap>
          {c.materials.map((m, i) => (
            <Tag key={i} color={m.received ? 'green' : undefined} icon={m.received ? <CheckCircleFilled /> : <MinusCircleOutlined />} style={{ marginInlineEnd: 0 }}>
              {pick(m)}
            </Tag>
          ))}
        </Flex>
      ) : (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('case.noMaterials')}</Typography.Text>
      )}
    </Flex>
  );
}

/**
 * 已掌握信息: what the bank already holds on the complainant and the case complained about —
 * identity and contact (masked), recent cases with the materials received, earlier complaints —
 * so that the complainant is not asked for it again.
 */
export function OnFilePanel({ customerId, caseRef }: { customerId?: string; caseRef?: string }) {
  const { t } = useT();
  const label = useLabel();
  const enabled = Boolean(customerId || caseRef);
  const onFile = useRequest((signal) => complaintsApi.onFile({ customerId, caseRef }, signal), [customerId, caseRef], { enabled, silent: true });
  if (!enabled) return null;
  const data = onFile.data;
  const empty = data && !data.customer && data.cases.length === 0 && data.complaints.length === 0;

  return (
    <Card size="small" title={t('complaintOnFile.title')} loading={onFile.loading && !data} data-testid="complaint-on-file">
      <Flex vertical gap={12}>
        <Alert type="info" showIcon title={t('complaintOnFile.noAskAgain')} />
        {empty || (!data && !onFile.loading) ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('complaintOnFile.nothing')} /> : null}
        {data?.customer ? (
          <Descriptions size="small" column={1} styles={{ label: { whiteSpace: 'nowrap' } }}>
            <Descriptions.Item label={t('cust.name')}>
              <Space size={6}><Typography.Text strong>{data.customer.name}</Typography.Text><SegmentTag code={data.customer.segment} /></Space>
            </Descriptions.Item>
            <Descriptions.Item label={label('cust.idType', data.customer.idType)}><span style={{ fontFamily: 'monospace' }}>{data.customer.idNumberMasked}</span></Descriptions.Item>
            <Descriptions.Item label={t('cust.phone')}><span style={{ fontFamily: 'monospace' }}>{data.customer.phoneMasked ?? '—'}</span></Descriptions.Item>
            <Descriptions.Item label={t('cust.email')}>{data.customer.emailMasked ?? '—'}</Descriptions.Item>
          </Descriptions>
        ) : null}
        {data?.cases.length ? (
          <Flex vertical gap={6}>
            <Typography.Text strong>{t('complaintOnFile.cases', { n: data.cases.length })}</Typography.Text>
            {data.cases.map((c) => <CaseOnFile key={c.id} c={c} />)}
          </Flex>
        ) : null}
        {data?.complaints.length ? (
          <Flex vertical gap={4}>
            <Typography.Text strong>{t('complaintOnFile.complaints', { n: data.complaints.length })}</Typography.Text>
            {data.complaints.map((c) => (
              <Flex key={c.id} gap={8} align="center" wrap>
                <Link to={`/complaints/${encodeURIComponent(c.id)}`} target="_blank" style={{ fontFamily: 'monospace' }}>{c.ref}</Link>
                <StatusTag status={c.status} />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatMinute(c.receivedAt)}</Typography.Text>
              </Flex>
            ))}
          </Flex>
        ) : null}
      </Flex>
    </Card>
  );
}
