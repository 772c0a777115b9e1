import { Alert, Descriptions, Flex, Tag, Typography } from 'antd';
import type { Channel, Service } from '../../api/catalog.api';
import type { FieldProblem } from '../../api/client';
import type { Customer } from '../../api/customers.api';
import { useT } from '../../i18n/i18n';
import { feeSummary, formatMoney, timeLimitText } from '../catalog/service-display';
import { RiskTags, SegmentTag } from '../customers/segments';
import { needsAmount } from './NewCaseMaterialsStep';

type Props = {
  customer: Customer;
  service: Service;
  received: number[];
  amount: string;
  channel: Channel | undefined;
  problems: readonly FieldProblem[];
  problemTitle: string | null;
};

/** Step 4: everything at once, read back before the case is opened. */
export function NewCaseConfirmStep({ customer, service, received, amount, channel, problems, problemTitle }: Props) {
  const { t, pick } = useT();
  const missing = service.materials.filter((m, i) => m.required && !received.includes(i));
  return (
    <Flex vertical gap={16}>
      {problemTitle ? (
        <Alert type="error" showIcon title={problemTitle} data-testid="newcase-problems"
          description={problems.length > 0 ? <ul style={{ margin: 0, paddingInlineStart: 20 }}>{problems.map((p, i) => <li key={i}>{p.message}</li>)}</ul> : undefined} />
      ) : null}
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} styles={{ label: { width: 140 } }}>
        <Descriptions.Item label={t('case.customer')}>
          <Flex gap={6} wrap align="center">
            <Typography.Text strong>{customer.name}</Typography.Text>
            <SegmentTag code={customer.segment} />
            <RiskTags blacklisted={customer.blacklisted} pep={customer.pep} />
          </Flex>
        </Descriptions.Item>
        <Descriptions.Item label={t(`cust.idType.${customer.idType}`)}>{customer.idNumber}</Descriptions.Item>
        <Descriptions.Item label={t('case.service')}>{pick(service)}</Descriptions.Item>
        <Descriptions.Item label={t('svc.timeLimit')}>{timeLimitText(t, service.timeLimit)}</Descriptions.Item>
        <Descriptions.Item label={t('case.channel')}>{channel ? t(`svc.channel.${channel}`) : '—'}</Descriptions.Item>
        <Descriptions.Item label={t('svc.fees')}>{feeSummary(t, service.fees, pick)}</Descriptions.Item>
        {needsAmount(service) ? <Descriptions.Item label={t('case.amount')}>{formatMoney(amount.trim())}</Descriptions.Item> : null}
        <Descriptions.Item label={t('case.materials')} span={2}>
          <Flex vertical gap={4}>
            <span>{t('newCase.receivedCount', { received: received.length, total: service.materials.length })}</span>
            {missing.length > 0 ? (
              <span>{missing.map((m) => <Tag key={m.nameZh} color="red">{t('newCase.missingTag', { name: pick(m) })}</Tag>)}</span>
            ) : null}
          </Flex>
        </Descriptions.Item>
      </Descriptions>
      <Typography.Text type="secondary">{t('newCase.confirmHint')}</Typography.Text>
    </Flex>
  );
}
