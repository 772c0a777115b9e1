import { Descriptions, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import type { Customer } from '../../api/customers.api';
import { useT } from '../../i18n/i18n';
import { useUnitCatalog } from '../../shared/reference';
import { RiskTags, SegmentTag } from './segments';

/** The document's expiry, in red once it has passed (the customer must renew it first). */
export function IdExpiry({ date }: { date: string | null }) {
  const { t } = useT();
  if (!date) return <Typography.Text type="secondary">{t('cust.noExpiry')}</Typography.Text>;
  const expired = dayjs(date).isBefore(dayjs(), 'day');
  return expired ? (
    <Space size={4}>
      <Typography.Text type="danger">{date}</Typography.Text>
      <Tag color="red">{t('cust.expired')}</Tag>
    </Space>
  ) : (
    <span>{date}</span>
  );
}

/** A customer at a glance (masked), with a link to their 360 view. */
export function CustomerSummary({ customer: c, link = true }: { customer: Customer; link?: boolean }) {
  const { t } = useT();
  const units = useUnitCatalog();
  return (
    <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }} data-testid="customer-summary">
      <Descriptions.Item label={t('cust.name')}>
        <Space size={6} wrap>
          {link ? <Link to={`/customers/${encodeURIComponent(c.id)}`}>{c.name}</Link> : <Typography.Text strong>{c.name}</Typography.Text>}
          <Tag>{t(`cust.kind.${c.kind}`)}</Tag>
          <SegmentTag code={c.segment} />
          <RiskTags blacklisted={c.blacklisted} pep={c.pep} />
        </Space>
      </Descriptions.Item>
      <Descriptions.Item label={t(`cust.idType.${c.idType}`)}>{c.idNumber}</Descriptions.Item>
      <Descriptions.Item label={t('cust.idExpiry')}><IdExpiry date={c.idExpiry} /></Descriptions.Item>
      <Descriptions.Item label={t('cust.phone')}>{c.phone ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('cust.homeBranch')}>{units.byKey.has(c.unitId) ? units.nameOf(c.unitId) : c.unitCode}</Descriptions.Item>
    </Descriptions>
  );
}
