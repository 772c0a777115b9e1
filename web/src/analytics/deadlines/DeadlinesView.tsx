import { Alert, Card, Col, Flex, Progress, Row, Table, Tooltip, Typography } from 'antd';
import { useT } from '../../i18n/i18n';
import { FigureCard, FIGURE_BAD, FIGURE_GOOD, FIGURE_WARN } from '../../shared/FigureCard';
import { formatCount, formatDuration, formatPercent } from '../analytics-format';
import { useDeployed } from '../shared/ProcessPicker';
import { useUnitNames } from '../shared/use-unit-names';
import { BreachChart, StepTimeChart } from './DeadlineCharts';
import type { Deadlines, DeadlineStep } from './deadlines.api';

/** A breach rate reads as good up to 5%, worth a look up to 15%, poor above. */
const rateColor = (r: number) => (r <= 0.05 ? FIGURE_GOOD : r <= 0.15 ? FIGURE_WARN : FIGURE_BAD);

/** The breach figures, the groups that breach most (services, branches), and the steps that consumed the breached cases' time. */
export function DeadlinesView({ data, own }: { data: Deadlines; own: boolean }) {
  const { t, lang } = useT();
  const deployed = useDeployed();
  const unitName = useUnitNames(own);
  const n = (x: number) => formatCount(x, lang);
  const services = data.byService.filter((g) => g.key !== null);
  const branches = data.byBranch.filter((g) => g.key !== null);
  const serviceName = (key: string | null) => (key === null ? t('analytics.bottlenecks.none') : key === 'queue' ? t('analytics.deadlines.queue') : deployed.nameOf(key));
  const branchName = (key: string | null) => (key === null ? t('analytics.bottlenecks.none') : unitName(key));

  return (
    <Flex vertical gap={12}>
      <Row gutter={[12, 12]}>
        <FigureCard testId="deadline-with" title={t('analytics.deadlines.withDeadline')} value={n(data.withDeadline)} note={t('analytics.deadlines.ofCases', { n: n(data.cases) })} xl={6} />
        <FigureCard testId="deadline-breached" title={t('analytics.deadlines.breached')} value={n(data.breached)} color={data.breached ? FIGURE_BAD : undefined} xl={6} />
        <FigureCard testId="deadline-rate" title={t('analytics.deadlines.breachRate')} value={data.withDeadline ? formatPercent(data.breachRate) : '—'} color={data.withDeadline ? rateColor(data.breachRate) : undefined} xl={6} />
        <FigureCard testId="deadline-overrun" title={t('analytics.deadlines.meanOverrun')} value={formatDuration(data.meanOverrunSeconds, t)} note={t('analytics.deadlines.overrunNote')} xl={6} />
      </Row>
      {data.withDeadline === 0 ? <Alert type="info" showIcon title={own ? t('analytics.deadlines.noneOwn') : t('analytics.deadlines.none')} /> : null}
      {data.withDeadline > 0 && (services.length > 0 || branches.length > 0) ? (
        <Row gutter={[12, 12]}>
          {services.length ? (
            <Col xs={24} xl={branches.length ? 12 : 24}>
              <Card size="small" title={t('analytics.deadlines.byService')} style={{ height: '100%' }}>
                <BreachChart groups={services} name={serviceName} testId="deadline-by-service" />
              </Card>
            </Col>
          ) : null}
          {branches.length ? (
            <Col xs={24} xl={services.length ? 12 : 24}>
              <Card size="small" title={t('analytics.deadlines.byBranch')} style={{ height: '100%' }}>
                <BreachChart groups={branches} name={branchName} testId="deadline-by-branch" />
              </Card>
            </Col>
          ) : null}
        </Row>
      ) : null}
      {data.breached > 0 ? <Steps steps={data.steps} breached={data.breached} /> : null}
    </Flex>
  );
}

function Steps({ steps, breached }: { steps: DeadlineStep[]; breached: number }) {
  const { t, lang } = useT();
  return (
    <Card size="small" title={t('analytics.deadlines.stepsTitle')}>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('analytics.deadlines.stepsExplain')}</Typography.Paragraph>
      <StepTimeChart steps={steps} />
      <Table<DeadlineStep>
        rowKey="activity"
        size="small"
        dataSource={steps}
        pagination={steps.length > 15 ? { pageSize: 15, showSizeChanger: false } : false}
        data-testid="deadline-steps"
        scroll={{ x: 860 }}
        columns={[
          { key: 'activity', title: t('analytics.rework.activity'), dataIndex: 'activity', ellipsis: true },
          {
            key: 'share',
            title: t('analytics.deadlines.share'),
            width: 190,
            render: (_, s) => (s.shareOfBreachedTime === null ? '—' : <Progress percent={Math.round(s.shareOfBreachedTime * 1000) / 10} size="small" strokeColor={FIGURE_BAD} format={(p) => `${p}%`} />),
          },
          { key: 'breachedTime', title: t('analytics.deadlines.whenBreached'), width: 130, align: 'right', render: (_, s) => formatDuration(s.meanSecondsWhenBreached, t) },
          { key: 'metTime', title: t('analytics.deadlines.whenMet'), width: 130, align: 'right', render: (_, s) => formatDuration(s.meanSecondsWhenMet, t) },
          {
            key: 'largest',
            title: <Tooltip title={t('analytics.deadlines.largestHint')}>{t('analytics.deadlines.largest')}</Tooltip>,
            width: 150,
            align: 'right',
            sorter: (a, b) => a.largestInBreachedCases - b.largestInBreachedCases,
            render: (_, s) => t('analytics.deadlines.largestOf', { n: formatCount(s.largestInBreachedCases, lang), of: formatCount(breached, lang) }),
          },
          { key: 'cases', title: t('analytics.deadlines.stepCases'), width: 110, align: 'right', render: (_, s) => formatCount(s.cases, lang) },
        ]}
      />
    </Card>
  );
}
