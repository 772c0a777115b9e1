import { EyeOutlined, FlagOutlined, MessageOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Flex, Result, Space, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { inquiriesApi } from '../../api/cases.api';
import { catalogApi } from '../../api/catalog.api';
import { isApiError } from '../../api/client';
import { customersApi, type Customer } from '../../api/customers.api';
import { useMe } from '../../auth/auth';
import { RelatedComplaintsCard } from '../../complaints/RelatedComplaintsCard';
import { useT } from '../../i18n/i18n';
import { formatDateTime } from '../../shared/format';
import { PageHeader } from '../../shared/PageHeader';
import { useUnitCatalog } from '../../shared/reference';
import { useRequest } from '../../shared/use-request';
import { Customer360Tabs } from './Customer360Tabs';
import { IdExpiry } from './CustomerSummary';
import { InquiryModal } from './InquiryModal';
import { RevealCustomerModal } from './RevealCustomerModal';
import { RiskFlagsModal } from './RiskFlagsModal';
import { RiskTags, SegmentTag } from './segments';

function Profile({ c }: { c: Customer }) {
  const { t } = useT();
  const units = useUnitCatalog();
  const consents = (['sms', 'marketing', 'dataSharing'] as const).map((key) => (
    <Tag key={key} color={c.consents[key] ? 'green' : 'default'}>{c.consents[key] ? t(`cust.consentOn.${key}`) : t(`cust.consentOff.${key}`)}</Tag>
  ));
  return (
    <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }} data-testid="customer-profile">
      <Descriptions.Item label={t(c.kind === 'corporate' ? 'cust.companyName' : 'cust.name')}>
        <Space size={6}><Typography.Text strong>{c.name}</Typography.Text><Tag>{t(`cust.kind.${c.kind}`)}</Tag></Space>
      </Descriptions.Item>
      <Descriptions.Item label={t(`cust.idType.${c.idType}`)}><span style={{ fontFamily: 'monospace' }}>{c.idNumber}</span></Descriptions.Item>
      <Descriptions.Item label={t('cust.idExpiry')}><IdExpiry date={c.idExpiry} /></Descriptions.Item>
      <Descriptions.Item label={t('cust.phone')}><span style={{ fontFamily: 'monospace' }}>{c.phone ?? '—'}</span></Descriptions.Item>
      <Descriptions.Item label={t('cust.email')}>{c.email ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('cust.segment')}><SegmentTag code={c.segment} /></Descriptions.Item>
      <Descriptions.Item label={t('cust.relationshipManager')}>{c.relationshipManager ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('cust.homeBranch')}>{units.byKey.has(c.unitId) ? units.nameOf(c.unitId) : c.unitCode}</Descriptions.Item>
      <Descriptions.Item label={t('cust.createdAt')}>{formatDateTime(c.createdAt)}</Descriptions.Item>
      <Descriptions.Item label={t('cust.consents')} span={2}><Flex gap={4} wrap>{consents}</Flex></Descriptions.Item>
      <Descriptions.Item label={t('cust.risk')}>
        {c.blacklisted || c.pep ? <RiskTags blacklisted={c.blacklisted} pep={c.pep} /> : <Typography.Text type="secondary">{t('cust.noRisk')}</Typography.Text>}
      </Descriptions.Item>
    </Descriptions>
  );
}

/** 客户视图: one customer — profile (masked), and everything the bank has done with them. */
export function Customer360Page() {
  const { id = '' } = useParams();
  const { t } = useT();
  const { can } = useMe();
  const navigate = useNavigate();
  const view = useRequest((signal) => customersApi.view360(id, signal), [id]);
  const services = useRequest((signal) => catalogApi.list(signal), [], { silent: true });
  const inquiries = useRequest((signal) => inquiriesApi.list({ customerId: id, limit: 100 }, signal), [id], { silent: true, enabled: can('case.read') });
  const [customerOverride, setCustomerOverride] = useState<Customer | null>(null);
  const [revealing, setRevealing] = useState<Customer | null>(null);
  const [flagging, setFlagging] = useState<Customer | null>(null);
  const [asking, setAsking] = useState<Customer | null>(null);

  const serviceMap = useMemo(() => new Map((services.data ?? []).map((s) => [s.code, s])), [services.data]);
  const inquiryMap = useMemo(() => new Map((inquiries.data ?? []).map((i) => [i.id, i])), [inquiries.data]);
  const data = view.data;
  const customer = customerOverride?.id === data?.customer.id ? customerOverride : data?.customer;

  if (view.error && isApiError(view.error) && view.error.status === 404) {
    return <Result status="404" title={t('cust.notFound')} extra={<Link to="/customers">{t('cust.backToList')}</Link>} />;
  }

  return (
    <>
      <PageHeader
        title={customer ? t('cust.360Title', { name: customer.name }) : t('nav.customers')}
        section="nav.work"
        extra={customer ? (
          <Space wrap>
            {can('pii.reveal') ? (
              <Button icon={<EyeOutlined />} onClick={() => setRevealing(customer)} data-testid="customer-reveal">{t('cust.reveal')}</Button>
            ) : null}
            {can('customer.risk') ? (
              <Button icon={<FlagOutlined />} onClick={() => setFlagging(customer)} data-testid="customer-risk">{t('cust.riskEdit')}</Button>
            ) : null}
            {can('case.write') ? (
              <Button icon={<MessageOutlined />} onClick={() => setAsking(customer)} data-testid="customer-inquiry">{t('cust.recordInquiry')}</Button>
            ) : null}
            {can('case.write') ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate(`/cases/new?customerId=${encodeURIComponent(customer.id)}`)} data-testid="customer-new-case">
                {t('cust.newCaseFor')}
              </Button>
            ) : null}
          </Space>
        ) : null}
      />
      <Flex vertical gap={16}>
        {customer?.blacklisted ? <Alert type="error" showIcon title={t('cust.blacklistWarning')} /> : null}
        <Card title={t('cust.profile')} loading={view.loading && !data}>
          {customer ? <Profile c={customer} /> : null}
        </Card>
        <Card styles={{ body: { paddingTop: 4 } }} loading={view.loading && !data}>
          {data ? <Customer360Tabs data={data} inquiryDetails={inquiryMap} services={serviceMap} /> : null}
        </Card>
        {customer ? <RelatedComplaintsCard customerId={customer.id} /> : null}
      </Flex>
      <RevealCustomerModal customer={revealing} onClose={() => setRevealing(null)} />
      <RiskFlagsModal
        customer={flagging}
        onClose={() => setFlagging(null)}
        onSaved={(saved) => {
          setFlagging(null);
          setCustomerOverride(saved);
        }}
      />
      <InquiryModal
        customer={asking}
        services={services.data ?? []}
        onClose={() => setAsking(null)}
        onRecorded={() => {
          view.reload();
          inquiries.reload();
        }}
      />
    </>
  );
}
