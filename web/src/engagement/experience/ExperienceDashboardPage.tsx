import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, DatePicker, Empty, Flex, Row, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { useMe } from '../../auth/auth';
import { SegmentTag } from '../../pages/customers/segments';
import { useT, type Translate } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/zh-CN';
import { FIGURE_BAD, FIGURE_GOOD, FIGURE_WARN, FigureCard } from '../../shared/FigureCard';
import { formatDateTime } from '../../shared/format';
import { PageHeader } from '../../shared/PageHeader';
import { useRequest } from '../../shared/use-request';
import { churnList, experienceEffort, experienceScores, type Bucket, type ChurnItem, type Dimension } from './experience.api';
import { EffortChart, ScoresByKey, ScoresOverTime, type EffortMetric } from './ExperienceCharts';

const PAGE = 10;
const DIMENSIONS: (Dimension | 'none')[] = ['none', 'segment', 'channel', 'branch', 'journey'];
const METRICS: EffortMetric[] = ['steps', 'waiting', 'handovers', 'total', 'contacts'];
const METRIC_LABEL: Record<EffortMetric, MessageKey> = { steps: 'xp.effort.steps', waiting: 'xp.effort.waiting', handovers: 'xp.effort.handovers', total: 'xp.effort.total', contacts: 'xp.effort.contacts' };
const LEVEL_COLOR = { high: 'red', medium: 'orange', low: 'default' } as const;

function retentionTag(t: Translate, item: ChurnItem) {
  const r = item.retention;
  if (!r) return <Typography.Text type="secondary">{t('xp.task.none')}</Typography.Text>;
  const outcome = r.outcome && (['retained', 'considering', 'leaving', 'unreachable'] as const).find((o) => o === r.outcome);
  return (
    <Space size={4} wrap>
      <Tag color={r.status === 'open' ? 'blue' : r.status === 'completed' ? 'green' : 'default'} data-testid={`xp-task-${item.customerId}`}>{t(`xp.task.${r.status}`)}</Tag>
      {outcome ? <Tag>{t(`xp.outcome.${outcome}`)}</Tag> : null}
      {r.status === 'open' ? <Typography.Text type="secondary">{r.assignee ?? t('xp.unassigned')}</Typography.Text> : null}
    </Space>
  );
}

/**
 * 客户体验与流失预警 (`/engagement/experience`, `experience.read`): NPS and CSAT over time and by
 * segment, channel, branch or journey; the customer's effort per journey; the customers at risk
 * of leaving with their score, reasons and retention call. Within the caller's branches.
 */
export function ExperienceDashboardPage() {
  const { t, lang } = useT();
  const { can } = useMe();
  const [bucket, setBucket] = useState<Bucket>('month');
  const [by, setBy] = useState<Dimension | 'none'>('none');
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null);
  const [metric, setMetric] = useState<EffortMetric>('total');
  const [page, setPage] = useState(1);
  const period = range ? { from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') } : {};
  const key = `${period.from ?? ''}|${period.to ?? ''}`;
  const scores = useRequest((signal) => experienceScores({ ...period, bucket, by: by === 'none' ? undefined : by }, signal), [bucket, by, key, lang]);
  const effort = useRequest((signal) => experienceEffort(period, signal), [key, lang]);
  const churn = useRequest((signal) => churnList({ limit: PAGE, offset: (page - 1) * PAGE }, signal), [page, lang]);
  const reload = () => {
    scores.reload();
    effort.reload();
    churn.reload();
  };
  const s = scores.data;
  const total = s?.total;
  const npsColor = total?.nps === null || total === undefined ? undefined : total.nps >= 30 ? FIGURE_GOOD : total.nps >= 0 ? FIGURE_WARN : FIGURE_BAD;

  return (
    <>
      <PageHeader title={t('xp.title')} section="nav.engagement" extra={<Button icon={<ReloadOutlined />} onClick={reload}>{t('common.reload')}</Button>} />
      <Flex vertical gap={16}>
        <Space wrap>
          <Segmented value={bucket} onChange={(v) => setBucket(v as Bucket)} options={[{ value: 'month', label: t('xp.bucket.month') }, { value: 'week', label: t('xp.bucket.week') }]} data-testid="xp-bucket" />
          <Select value={by} onChange={setBy} style={{ width: 160 }} data-testid="xp-by" options={DIMENSIONS.map((d) => ({ value: d, label: t(`xp.by.${d}`) }))} />
          <DatePicker.RangePicker value={range} onChange={(v) => setRange(v && v[0] && v[1] ? [v[0], v[1]] : null)} disabledDate={(d) => d.isAfter(dayjs(), 'day')} allowClear data-testid="xp-range" />
        </Space>
        <Row gutter={[12, 12]}>
          <FigureCard title={t('xp.nps')} value={total?.nps ?? '—'} color={npsColor} note={total ? t('xp.npsNote', { promoters: total.promoters, passives: total.passives, detractors: total.detractors }) : undefined} testId="xp-nps" />
          <FigureCard title={t('xp.csat')} value={total?.csat ?? '—'} note={total ? t('xp.csatNote', { satisfied: total.satisfied, answers: total.csatAnswers }) : undefined} testId="xp-csat" />
          <FigureCard title={t('xp.responses')} value={total?.responses ?? '—'} note={s ? `${s.from} – ${s.to}` : undefined} testId="xp-responses" />
          <FigureCard title={t('xp.churn')} value={churn.data?.total ?? '—'} color={churn.data?.total ? FIGURE_WARN : undefined} testId="xp-churn-total" />
        </Row>
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={by === 'none' ? 24 : 14}>
            <Card size="small" title={t('xp.overTime')} loading={scores.loading && !s}>
              {s ? (s.series.length ? <ScoresOverTime series={s.series} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('xp.noAnswers')} />) : null}
            </Card>
          </Col>
          {by !== 'none' ? (
            <Col xs={24} xl={10}>
              <Card size="small" title={`${t('xp.byDimension')} · ${t(`xp.by.${by}`)}`} loading={scores.loading && !s}>
                {s?.series.length ? <ScoresByKey series={s.series} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('xp.noAnswers')} />}
              </Card>
            </Col>
          ) : null}
        </Row>
        <Card
          size="small"
          title={t('xp.effort')}
          loading={effort.loading && !effort.data}
          extra={<Select value={metric} onChange={setMetric} style={{ width: 220 }} data-testid="xp-effort-metric" options={METRICS.map((m) => ({ value: m, label: t(METRIC_LABEL[m]) }))} />}
        >
          {effort.data?.items.length ? <EffortChart items={effort.data.items} metric={metric} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('xp.effort.none')} />}
        </Card>
        <Card size="small" title={t('xp.churn')} extra={can('task.work') ? <Link to="/tasks">{t('xp.task.work')}</Link> : null}>
          <Table
            rowKey="customerId"
            size="small"
            loading={churn.loading}
            dataSource={churn.data?.items ?? []}
            data-testid="xp-churn"
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('xp.churn.none')} /> }}
            pagination={{ current: page, pageSize: PAGE, total: churn.data?.total ?? 0, onChange: setPage, showTotal: (n) => t('common.total', { total: n }) }}
            columns={[
              { title: t('xp.churn.customer'), key: 'customer', render: (_, c) => <Space direction="vertical" size={0}><Typography.Text>{c.name}</Typography.Text><Space size={4}><Typography.Text type="secondary" style={{ fontSize: 12 }}>{c.unitCode}</Typography.Text><SegmentTag code={c.tier} /></Space></Space> },
              { title: t('xp.churn.score'), dataIndex: 'score', align: 'right', render: (score: number, c) => <Tag color={LEVEL_COLOR[c.level]}>{score} · {t(`xp.level.${c.level}`)}</Tag> },
              { title: t('xp.churn.reasons'), key: 'reasons', render: (_, c) => <Space direction="vertical" size={0}>{c.reasons.map((r) => <Typography.Text key={r.code} style={{ fontSize: 12 }}>{lang === 'en' ? r.en : r.zh}</Typography.Text>)}</Space> },
              { title: t('xp.churn.since'), dataIndex: 'since', render: (v: string) => formatDateTime(v) },
              { title: t('xp.churn.rm'), dataIndex: 'relationshipManager', render: (v: string | null) => v ?? '—' },
              { title: t('xp.churn.task'), key: 'task', render: (_, c) => retentionTag(t, c) },
            ]}
          />
        </Card>
      </Flex>
    </>
  );
}
