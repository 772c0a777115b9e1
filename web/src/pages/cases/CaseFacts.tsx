import { Descriptions, Space, Typography } from 'antd';
import { Link } from 'react-router';
import type { Case } from '../../api/cases.api';
import { useT } from '../../i18n/i18n';
import { formatDateTime } from '../../shared/format';
import { formatMoney, timeLimitText } from '../catalog/service-display';
import { SegmentTag } from '../customers/segments';
import { SlaClock } from './case-display';

/** The facts of a case: service, customer, branch, channel, amount, and its clock. */
export function CaseFacts({ theCase: c, compact = false }: { theCase: Case; compact?: boolean }) {
  const { t, pick } = useT();
  // Appointment and ticket codes mean something at the counter; an inquiry's internal id does not.
  const showRef = c.source.ref && (c.source.kind === 'appointment' || c.source.kind === 'ticket');
  const source = `${t(`case.source.${c.source.kind}`)}${showRef ? ` · ${c.source.ref}` : ''}`;
  return (
    <Descriptions size="small" column={compact ? 2 : { xs: 1, md: 2, xl: 3 }}>
      {compact ? (
        <Descriptions.Item label={t('case.ref')}>
          <Link to={`/cases/${encodeURIComponent(c.id)}`}>{c.ref}</Link>
        </Descriptions.Item>
      ) : null}
      {compact ? (
        <Descriptions.Item label={t('case.service')}>
          <Space size={4} wrap>
            <span>{pick(c.service)}</span>
            <Typography.Text type="secondary">· {t('case.limitShort', { limit: timeLimitText(t, c.service.timeLimit) })}</Typography.Text>
          </Space>
        </Descriptions.Item>
      ) : null}
      <Descriptions.Item label={t('case.customer')}>
        <Space size={6}>
          <Link to={`/customers/${encodeURIComponent(c.customer.id)}`}>{c.customer.name}</Link>
          <SegmentTag code={c.customer.segment} />
        </Space>
      </Descriptions.Item>
      <Descriptions.Item label={t('case.branch')}>{pick(c.unit)}</Descriptions.Item>
      <Descriptions.Item label={t('case.channel')}>{t(`svc.channel.${c.channel}`)}</Descriptions.Item>
      {c.amount !== null ? <Descriptions.Item label={t('case.amount')}>{formatMoney(c.amount)}</Descriptions.Item> : null}
      {!compact ? <Descriptions.Item label={t('case.sourceLabel')}>{source}</Descriptions.Item> : null}
      {!compact ? <Descriptions.Item label={t('case.createdBy')}>{t('case.createdByValue', { who: c.createdBy, at: formatDateTime(c.createdAt) })}</Descriptions.Item> : null}
      {!compact && c.closedAt ? <Descriptions.Item label={t('case.closedAt')}>{formatDateTime(c.closedAt)}</Descriptions.Item> : null}
      {c.reworkCount > 0 ? <Descriptions.Item label={t('case.rework')}><Typography.Text type="warning">{t('case.reworkTimes', { n: c.reworkCount })}</Typography.Text></Descriptions.Item> : null}
      {!compact && c.outcomeNote ? <Descriptions.Item label={t('case.outcomeNote')} span={3}>{c.outcomeNote}</Descriptions.Item> : null}
      {compact ? (
        <Descriptions.Item label={t('case.slaLabel')} span={2}>
          <SlaClock state={c.sla.state} usedPercent={c.sla.usedPercent} dueAt={c.dueAt} />
        </Descriptions.Item>
      ) : null}
    </Descriptions>
  );
}
