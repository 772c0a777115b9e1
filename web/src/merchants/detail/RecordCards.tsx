import { WarningFilled } from '@ant-design/icons';
import { Alert, Card, Col, Empty, Flex, Row, Statistic, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useMe } from '../../auth/auth';
import { useT } from '../../i18n/i18n';
import { formatDateTime } from '../../shared/format';
import { AlertStatusTag, formatAmount, formatShare, RatingTag, SeverityTag } from '../merchant-display';
import type { Merchant360, MerchantAlert, MerchantPerson, Rating, RiskListHit, Rule } from '../merchants.api';

/** 关联人员: the legal representative and the beneficial owners, names and ID numbers masked as the server sends them. */
export function PeopleCard({ people }: { people: MerchantPerson[] }) {
  const { t } = useT();
  return (
    <Card size="small" title={t('mch.people.title')} data-testid="merchant-people">
      <Table<MerchantPerson>
        rowKey={(p) => `${p.role}-${p.idNumber}`}
        size="small"
        scroll={{ x: 'max-content' }}
        pagination={false}
        dataSource={people}
        columns={[
          {
            key: 'person',
            title: t('mch.people.person'),
            render: (_, p) => (
              <Flex vertical gap={2}>
                <span>{p.name}</span>
                <span><Tag color={p.role === 'legal_representative' ? 'blue' : 'default'} style={{ marginInlineEnd: 0 }}>{t(`mch.people.${p.role}`)}</Tag></span>
              </Flex>
            ),
          },
          { key: 'id', title: t('mch.person.idNumber'), render: (_, p) => <Flex vertical><span style={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>{p.idNumber}</span><Typography.Text type="secondary" style={{ fontSize: 12 }}>{t(`mch.idType.${p.idType}`)}</Typography.Text></Flex> },
          { key: 'share', title: t('mch.owners.share'), align: 'right', render: (_, p) => (p.share === null ? '—' : `${p.share}%`) },
        ]}
      />
    </Card>
  );
}

const matchedColor: Record<RiskListHit['matched'], string> = { merchant: 'red', legal_representative: 'volcano', beneficial_owner: 'orange', settlement_account: 'magenta' };

/** 风险名单命中: every entry of the risk-information list the merchant matches, in red above everything else. */
export function RiskHitsAlert({ hits }: { hits: RiskListHit[] }) {
  const { t } = useT();
  if (hits.length === 0) return null;
  return (
    <Alert
      type="error"
      showIcon
      icon={<WarningFilled />}
      data-testid="merchant-hits"
      title={<Typography.Text strong style={{ fontSize: 15 }}>{t('mch.hits.title', { n: hits.length })}</Typography.Text>}
      description={
        <Flex vertical gap={6} style={{ marginTop: 4 }}>
          {hits.map((h, i) => (
            <Flex key={i} gap={8} wrap align="center" data-testid={`merchant-hit-${i}`}>
              <Tag color={matchedColor[h.matched]} style={{ marginInlineEnd: 0 }}>{t(`mch.hits.matched.${h.matched}`)}</Tag>
              <span style={{ fontFamily: 'monospace' }}>{h.valueMasked}</span>
              <Typography.Text strong>{h.reason}</Typography.Text>
              <Typography.Text type="secondary">{t('mch.hits.source', { source: h.source, day: h.listedOn })}</Typography.Text>
            </Flex>
          ))}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('mch.hits.hint')}</Typography.Text>
        </Flex>
      }
    />
  );
}

const RATING_INPUTS = ['mcc', 'region', 'scale', 'merchantKind', 'annualRevenue', 'yearsInBusiness', 'creditRecord', 'inspectionFindings', 'listHits'] as const;

/** 评级记录: each rating with why it was made and the inputs it was made from, newest first. */
export function RatingsCard({ ratings }: { ratings: Rating[] }) {
  const { t, has } = useT();
  const valueOf = (name: (typeof RATING_INPUTS)[number], value: unknown): string => {
    if (value === null || value === undefined || value === '') return '—';
    const key = `mch.input.${name}.${String(value)}`;
    if (has(key)) return t(key);
    if (name === 'annualRevenue' && typeof value === 'number') return formatAmount(value.toFixed(2));
    return String(value);
  };
  return (
    <Card size="small" title={t('mch.ratings.title')} data-testid="merchant-ratings">
      {ratings.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('mch.ratings.none')} />
      ) : (
        <Flex vertical gap={12}>
          {ratings.map((r, i) => {
            const reason = `mch.ratings.reason.${r.reason}`;
            return (
              <Flex key={`${r.decidedAt}-${i}`} vertical gap={4}>
                <Flex gap={8} align="center" wrap>
                  <RatingTag rating={r.rating} />
                  <Typography.Text strong>{has(reason) ? t(reason) : r.reason}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatDateTime(r.decidedAt)} · {r.decidedBy ?? t('mch.ratings.bySystem')}</Typography.Text>
                </Flex>
                <Flex gap={4} wrap>
                  {RATING_INPUTS.filter((name) => name in r.inputs).map((name) => (
                    <Tag key={name} style={{ marginInlineEnd: 0, fontSize: 12 }}>{t(`mch.input.${name}`)} {valueOf(name, r.inputs[name])}</Tag>
                  ))}
                </Flex>
              </Flex>
            );
          })}
        </Flex>
      )}
    </Card>
  );
}

/** 风险预警: the merchant's alerts, open ones first as the server orders them; the board has the actions. */
export function MerchantAlertsCard({ alerts, code, rules }: { alerts: MerchantAlert[]; code: string; rules: Map<string, Rule> }) {
  const { t, pick } = useT();
  const { can } = useMe();
  const open = alerts.filter((a) => a.status !== 'closed').length;
  return (
    <Card
      size="small"
      title={<span>{t('mch.alerts.title')}{open ? <Tag color="red" style={{ marginInlineStart: 8 }}>{t('mch.alerts.openCount', { n: open })}</Tag> : null}</span>}
      extra={can('merchant.risk') ? <Link to={`/merchants/alerts?merchant=${encodeURIComponent(code)}&status=all`}>{t('mch.alerts.toBoard')}</Link> : null}
      data-testid="merchant-alerts"
    >
      <Table<MerchantAlert>
        rowKey="id"
        size="small"
        scroll={{ x: 'max-content' }}
        pagination={alerts.length > 8 ? { pageSize: 8, size: 'small' } : false}
        dataSource={alerts}
        locale={{ emptyText: t('mch.alerts.none') }}
        columns={[
          {
            key: 'rule',
            title: t('mch.alerts.rule'),
            render: (_, a) => {
              const rule = rules.get(a.ruleCode);
              return (
                <Flex vertical gap={4}>
                  <span>{rule ? pick(rule) : a.ruleCode}</span>
                  <Flex gap={4}><SeverityTag severity={a.severity} /><AlertStatusTag status={a.status} /></Flex>
                </Flex>
              );
            },
          },
          {
            key: 'days',
            title: t('mch.alerts.days'),
            render: (_, a) => (
              <Flex vertical style={{ whiteSpace: 'nowrap' }}>
                <span>{a.day === a.lastDay ? a.day : `${a.day} ~ ${a.lastDay.slice(5)}`}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('mch.alerts.occurrences', { n: a.occurrences })}</Typography.Text>
              </Flex>
            ),
          },
        ]}
      />
    </Card>
  );
}

/** 近30日: the last 30 days summed, with the chargeback ratio over them. */
export function Last30Card({ figures }: { figures: Merchant360['last30Days'] }) {
  const { t } = useT();
  const ratio = figures.count > 0 ? figures.chargebacks / figures.count : null;
  const item = (title: string, value: string | number, testId: string, color?: string) => (
    <Col span={12}>
      <Statistic title={title} value={value} styles={{ content: { fontSize: 18, color } }} data-testid={testId} />
    </Col>
  );
  return (
    <Card size="small" title={t('mch.last30.title')} data-testid="merchant-last30">
      {figures.days === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('mch.last30.none')} />
      ) : (
        <Row gutter={[12, 12]}>
          {item(t('mch.last30.amount'), formatAmount(figures.amount), 'merchant-last30-amount')}
          {item(t('mch.last30.count'), figures.count, 'merchant-last30-count')}
          {item(t('mch.last30.chargebacks'), figures.chargebacks, 'merchant-last30-chargebacks')}
          {item(t('mch.last30.chargebackRatio'), formatShare(ratio, 2), 'merchant-last30-ratio', ratio !== null && ratio > 0.01 ? '#cf1322' : undefined)}
          {item(t('mch.last30.refunds'), formatAmount(figures.refunds), 'merchant-last30-refunds')}
          {item(t('mch.last30.days'), figures.days, 'merchant-last30-days')}
        </Row>
      )}
    </Card>
  );
}
