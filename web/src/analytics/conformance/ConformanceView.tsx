import { Card, Col, Empty, Flex, Row, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../../i18n/i18n';
import { FIGURE_BAD, FIGURE_GOOD, FIGURE_WARN } from '../../shared/FigureCard';
import { formatCount, formatPercent } from '../analytics-format';
import type { CaseFit, Conformance, Deviation } from './conformance.api';
import { describeDeviation, kindOf, type DeviationKind } from './deviation-text';

const KIND_COLORS: Record<DeviationKind, string> = { skipped: 'orange', extra: 'gold', notInModel: 'red' };

/** Fitness of 0.95 and above reads as good, from 0.8 as worth a look, below as poor. */
const fitnessColor = (f: number) => (f >= 0.95 ? FIGURE_GOOD : f >= 0.8 ? FIGURE_WARN : FIGURE_BAD);

function Figure({ title, children, testId, xl = 6 }: { title: string; children: ReactNode; testId: string; xl?: number }) {
  return (
    <Col xs={24} md={12} xl={xl}>
      <Card size="small" style={{ height: '100%' }} data-testid={testId}>
        <Typography.Text type="secondary">{title}</Typography.Text>
        <div style={{ marginTop: 4 }}>{children}</div>
      </Card>
    </Col>
  );
}

function KindTag({ d }: { d: Deviation }) {
  const { t } = useT();
  const kind = kindOf(d);
  return <Tag color={KIND_COLORS[kind]} style={{ marginInlineEnd: 0 }}>{t(`analytics.conformance.kind.${kind}`)}</Tag>;
}

/** The fit in figures (fitness, fitting cases, tokens, activities outside the model), the deviations, the least fitting cases. */
export function ConformanceView({ data, own }: { data: Conformance; own: boolean }) {
  const { t, lang } = useT();
  const n = (x: number) => formatCount(x, lang);
  const model = t('analytics.conformance.model', { name: data.definition.name ?? data.definition.key, version: data.definition.version });
  if (data.cases === 0) {
    return <Empty style={{ margin: '48px 0' }} description={own ? t('analytics.conformance.noCasesOwn', { model }) : t('analytics.noEvents')} data-testid="analytics-empty" />;
  }
  const fitness = data.fitness ?? 0;
  const deviating = data.cases - data.fittingCases;

  return (
    <Flex vertical gap={12}>
      <Typography.Text type="secondary" data-testid="conformance-against">{t('analytics.conformance.checked', { cases: n(data.cases), model })}</Typography.Text>
      <Row gutter={[12, 12]}>
        <Figure title={t('analytics.conformance.fitness')} testId="conformance-fitness">
          <Statistic value={0} formatter={() => formatPercent(fitness)} styles={{ content: { fontSize: 32, color: fitnessColor(fitness), lineHeight: 1.2 } }} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('analytics.conformance.fitnessNote', { value: fitness.toFixed(4) })}</Typography.Text>
        </Figure>
        <Figure title={t('analytics.conformance.fittingCases')} testId="conformance-fitting">
          <Statistic value={0} formatter={() => `${n(data.fittingCases)} / ${n(data.cases)}`} styles={{ content: { fontSize: 24 } }} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {deviating ? t('analytics.conformance.deviatingCases', { n: n(deviating), share: formatPercent(deviating / data.cases) }) : t('analytics.conformance.allFit')}
          </Typography.Text>
        </Figure>
        <Figure title={t('analytics.conformance.tokens')} testId="conformance-tokens">
          <Flex gap={16} wrap style={{ fontSize: 15 }}>
            {(['produced', 'consumed', 'missing', 'remaining'] as const).map((k) => (
              <Tooltip key={k} title={t(`analytics.conformance.tokenHint.${k}`)}>
                <Flex vertical>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t(`analytics.conformance.token.${k}`)}</Typography.Text>
                  <Typography.Text strong style={{ color: (k === 'missing' || k === 'remaining') && data[k] > 0 ? FIGURE_WARN : undefined }}>{n(data[k])}</Typography.Text>
                </Flex>
              </Tooltip>
            ))}
          </Flex>
        </Figure>
        <Figure title={t('analytics.conformance.unmapped')} testId="conformance-unmapped">
          {data.unmappedActivities.length === 0 ? (
            <Typography.Text>{t('analytics.conformance.unmappedNone')}</Typography.Text>
          ) : (
            <Flex gap={4} wrap>{data.unmappedActivities.map((a) => <Tag key={a} color="red">{a}</Tag>)}</Flex>
          )}
        </Figure>
      </Row>
      <Card size="small" title={t('analytics.conformance.deviations')}>
        {data.deviations.length === 0 ? (
          <Typography.Text type="success">{t('analytics.conformance.noDeviations')}</Typography.Text>
        ) : (
          <Table
            rowKey={(d) => (d.kind === 'notInModel' ? `a:${d.activity}` : `${d.kind}:${d.place}`)}
            size="small"
            dataSource={data.deviations}
            pagination={data.deviations.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
            data-testid="conformance-deviations"
            columns={[
              { key: 'kind', title: t('analytics.conformance.kind'), width: 110, render: (_, d) => <KindTag d={d} /> },
              {
                key: 'what',
                title: t('analytics.conformance.deviation'),
                render: (_, d) => (d.kind === 'notInModel' ? describeDeviation(d, t) : <Tooltip title={t('analytics.conformance.place', { place: d.place })}>{describeDeviation(d, t)}</Tooltip>),
              },
              { key: 'cases', title: t('analytics.conformance.cases'), width: 150, align: 'right', render: (_, d) => t('analytics.casesShare', { n: n(d.cases), share: formatPercent(d.cases / data.cases) }) },
              { key: 'tokens', title: <Tooltip title={t('analytics.conformance.tokensHint')}>{t('analytics.conformance.tokenCount')}</Tooltip>, width: 120, align: 'right', render: (_, d) => n(d.tokens) },
            ]}
          />
        )}
      </Card>
      {data.worst.length ? <WorstCases worst={data.worst} /> : null}
    </Flex>
  );
}

function WorstCases({ worst }: { worst: CaseFit[] }) {
  const { t, lang } = useT();
  return (
    <Card size="small" title={t('analytics.conformance.worst', { n: worst.length })}>
      <Table<CaseFit>
        rowKey="caseId"
        size="small"
        dataSource={worst}
        pagination={worst.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
        data-testid="conformance-worst"
        columns={[
          { key: 'case', title: t('analytics.conformance.case'), dataIndex: 'caseId', width: 200, ellipsis: true },
          { key: 'fitness', title: t('analytics.conformance.fitness'), width: 100, align: 'right', render: (_, c) => <span style={{ color: fitnessColor(c.fitness) }}>{formatPercent(c.fitness)}</span> },
          { key: 'missing', title: t('analytics.conformance.token.missing'), width: 90, align: 'right', render: (_, c) => formatCount(c.missing, lang) },
          { key: 'remaining', title: t('analytics.conformance.token.remaining'), width: 90, align: 'right', render: (_, c) => formatCount(c.remaining, lang) },
          {
            key: 'deviations',
            title: t('analytics.conformance.deviation'),
            render: (_, c) => (
              <Flex vertical gap={2}>
                {c.deviations.map((d, i) => (
                  <span key={i}><KindTag d={d} /> {describeDeviation(d, t)}</span>
                ))}
              </Flex>
            ),
          },
        ]}
      />
    </Card>
  );
}
