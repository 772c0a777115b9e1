import { Card, Col, Flex, Row, Table, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../../i18n/i18n';
import { formatCount, formatDuration, formatPercent } from '../analytics-format';
import { ChangeTag, type Better } from '../shared/ChangeTag';
import type { ActivityChange, Change, Comparison } from './compare.api';

type Format = (x: number | null) => string;

/**
 * After − before, from the two values: the server rounds its `change` to a tenth, which is right
 * for seconds and counts but loses a share's or a per-case figure's change (0.0417 → 0).
 */
const delta = (c: Change): number | null => (c.before === null || c.after === null ? null : Math.round((c.after - c.before) * 10_000) / 10_000);

/** One figure before and after: the after value large, the before beneath, the change with its arrow. */
function Figure({ title, change, format, better, testId }: { title: string; change: Change; format: Format; better: Better; testId: string }) {
  const { t } = useT();
  return (
    <Col xs={12} xl={6}>
      <Card size="small" style={{ height: '100%' }} data-testid={testId}>
        <Typography.Text type="secondary">{title}</Typography.Text>
        <Flex align="baseline" gap={8} wrap style={{ marginTop: 4 }}>
          <span style={{ fontSize: 24 }}>{format(change.after)}</span>
          <ChangeTag change={delta(change)} rate={change.changeRate} better={better} text={format(delta(change) === null ? null : Math.abs(delta(change)!))} testId={`${testId}-change`} />
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('analytics.compare.was', { value: format(change.before) })}</Typography.Text>
      </Card>
    </Col>
  );
}

/** The four headline figures side by side and, per activity, how often a case does it and its mean waiting and handling time. */
export function CompareView({ data }: { data: Comparison }) {
  const { t, lang } = useT();
  const count: Format = (x) => formatCount(x, lang);
  const duration: Format = (x) => formatDuration(x, t);
  const share: Format = (x) => formatPercent(x);
  const times: Format = (x) => (x === null ? '—' : x.toFixed(2));
  const noHandling = data.activities.every((a) => a.handlingMeanSeconds.before === null && a.handlingMeanSeconds.after === null);

  const group = (key: 'perCase' | 'waitingMeanSeconds' | 'handlingMeanSeconds', title: string, format: Format, better: Better) => ({
    key,
    title,
    children: [
      { key: `${key}-b`, title: t('analytics.compare.beforeShort'), width: 110, align: 'right' as const, render: (_: unknown, a: ActivityChange) => format(a[key].before) },
      { key: `${key}-a`, title: t('analytics.compare.afterShort'), width: 110, align: 'right' as const, render: (_: unknown, a: ActivityChange) => format(a[key].after) },
      {
        key: `${key}-c`,
        title: t('analytics.compare.change'),
        width: 150,
        align: 'right' as const,
        sorter: (x: ActivityChange, y: ActivityChange) => (delta(x[key]) ?? 0) - (delta(y[key]) ?? 0),
        render: (_: unknown, a: ActivityChange) => {
          const d = delta(a[key]);
          return <ChangeTag change={d} better={better} text={format(d === null ? null : Math.abs(d))} />;
        },
      },
    ],
  });
  const presence = (a: ActivityChange): ReactNode =>
    a.perCase.before === null && a.perCase.after !== null ? <Tag color="blue">{t('analytics.compare.added')}</Tag> : a.perCase.after === null && a.perCase.before !== null ? <Tag>{t('analytics.compare.removed')}</Tag> : null;

  return (
    <Flex vertical gap={12}>
      <Row gutter={[12, 12]}>
        <Figure testId="compare-cases" title={t('analytics.summary.cases')} change={data.cases} format={count} better="neither" />
        <Figure testId="compare-duration" title={t('analytics.summary.meanDuration')} change={data.meanCaseDurationSeconds} format={duration} better="less" />
        <Figure testId="compare-variants" title={t('analytics.summary.variants')} change={data.variants} format={count} better="neither" />
        <Figure testId="compare-rework" title={t('analytics.rework.share')} change={data.reworkShare} format={share} better="less" />
      </Row>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('analytics.compare.legend')}</Typography.Text>
      <Table<ActivityChange>
        rowKey="activity"
        size="small"
        bordered
        dataSource={data.activities}
        pagination={data.activities.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        scroll={{ x: noHandling ? 900 : 1260 }}
        data-testid="compare-activities"
        columns={[
          { key: 'activity', title: t('analytics.rework.activity'), fixed: 'left', width: 220, render: (_, a) => <Flex gap={6} align="center" wrap>{a.activity}{presence(a)}</Flex> },
          group('perCase', t('analytics.compare.perCase'), times, 'neither'),
          group('waitingMeanSeconds', t('analytics.compare.waiting'), duration, 'less'),
          ...(noHandling ? [] : [group('handlingMeanSeconds', t('analytics.compare.handling'), duration, 'less')]),
        ]}
      />
    </Flex>
  );
}
