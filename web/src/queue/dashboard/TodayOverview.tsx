import { Card, Col, Flex, Progress, Row, Statistic, Table, Tag, Typography, type TableProps } from 'antd';
import { useT } from '../../i18n/i18n';
import { counterStaffName } from '../queue-display';
import type { BranchQueue, QueueCounter } from '../queue.api';
import { CounterStatusTag } from '../staff/queue-tags';
import { useNow } from '../use-now';
import type { TodayView } from './today-view';

/**
 * 今日排队: the day's figures (tickets, waiting now, served, the wait against the branch's target),
 * waiting per category, and the counters with who staffs them and whom they serve.
 */
export function TodayOverview({ setup, view }: { setup: BranchQueue; view: TodayView }) {
  const { t, pick } = useT();
  useNow(30_000);
  const f = view;
  const target = setup.setting.targetShare;
  const perCategory = view.categories;
  const maxWaiting = Math.max(1, ...perCategory.map((c) => c.waiting));

  const counterColumns: TableProps<QueueCounter>['columns'] = [
    { key: 'number', title: t('queue.counter'), render: (_, c) => <Typography.Text strong>{t('queue.counterN', { n: c.number })}</Typography.Text> },
    { key: 'kind', title: t('queue.setup.kind'), render: (_, c) => t(`queue.counterKind.${c.kind}`) },
    { key: 'categories', title: t('queue.setup.counterCategories'), render: (_, c) => c.categories.join(' › ') },
    { key: 'status', title: t('queue.col.status'), render: (_, c) => <CounterStatusTag status={c.status} /> },
    { key: 'staff', title: t('queue.col.staff'), render: (_, c) => (c.status !== 'closed' && counterStaffName(c)) || '—' },
    {
      key: 'ticket',
      title: t('queue.dash.currentTicket'),
      render: (_, c) => {
        const at = view.atCounter.get(c.number);
        return at ? <Tag color={at.status === 'called' ? 'orange' : 'green'}>{at.number} · {t(`queue.status.${at.status}`)}</Tag> : '—';
      },
    },
  ];

  return (
    <Flex vertical gap={16} style={{ marginBottom: 16 }}>
      <Row gutter={[16, 16]}>
        <Col xs={12} md={8} xl={4}><Card size="small"><Statistic title={t('queue.dash.issued')} value={f.issued ?? '—'} /></Card></Col>
        <Col xs={12} md={8} xl={4}><Card size="small"><Statistic title={t('queue.dash.waitingNow')} value={f.waiting} suffix={f.remote ? <Typography.Text type="secondary" style={{ fontSize: 13 }}>{t('queue.dash.onTheWay', { n: f.remote })}</Typography.Text> : null} /></Card></Col>
        <Col xs={12} md={8} xl={4}><Card size="small"><Statistic title={t('queue.dash.atCounters')} value={f.atCounters} /></Card></Col>
        <Col xs={12} md={8} xl={4}><Card size="small"><Statistic title={t('queue.dash.done')} value={f.done ?? '—'} suffix={f.noShows ? <Typography.Text type="secondary" style={{ fontSize: 13 }}>{t('queue.dash.noShows', { n: f.noShows })}</Typography.Text> : null} /></Card></Col>
        <Col xs={12} md={8} xl={4}><Card size="small"><Statistic title={t('queue.dash.averageWait')} value={f.averageWait ?? '—'} suffix={f.averageWait === null ? null : t('queue.dash.minutesUnit')} /></Card></Col>
        <Col xs={12} md={8} xl={4}>
          <Card size="small">
            <Statistic
              title={t('queue.dash.withinTarget', { n: setup.setting.targetWaitMinutes })}
              value={f.withinTarget === null ? '—' : Math.round(f.withinTarget * 100)}
              suffix={<>{f.withinTarget === null ? null : '%'} <Typography.Text type="secondary" style={{ fontSize: 13 }}>{t('queue.dash.target', { share: Math.round(target * 100) })}</Typography.Text></>}
              styles={{ content: { color: f.withinTarget === null ? undefined : f.withinTarget >= target ? '#389e0d' : '#cf1322' } }}
            />
          </Card>
        </Col>
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={9}>
          <Card size="small" title={t('queue.dash.waitingBy')} style={{ height: '100%' }} data-testid="dashboard-waiting">
            <Flex vertical gap={12}>
              {perCategory.map((c) => (
                <div key={c.code}>
                  <Flex justify="space-between" align="baseline">
                    <Typography.Text strong={c.active} type={c.active ? undefined : 'secondary'}>{c.code} · {pick(c)}{c.active ? '' : ` (${t('queue.setup.inactive')})`}</Typography.Text>
                    <Typography.Text>{t('queue.dash.waitingCount', { n: c.waiting })}</Typography.Text>
                  </Flex>
                  <Progress percent={(c.waiting / maxWaiting) * 100} showInfo={false} size="small" status="normal" />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {c.waiting === 0 ? t('queue.dash.nobodyWaiting') : c.longestMinutes === null ? '' : t('queue.dash.longest', { n: c.longestMinutes })}
                    {c.remote ? ` · ${t('queue.dash.onTheWay', { n: c.remote })}` : ''}
                  </Typography.Text>
                </div>
              ))}
            </Flex>
          </Card>
        </Col>
        <Col xs={24} xl={15}>
          <Card size="small" title={t('queue.dash.counters')} style={{ height: '100%' }} data-testid="dashboard-counters">
            <Table<QueueCounter> rowKey="id" size="small" pagination={false} columns={counterColumns} dataSource={setup.counters} scroll={{ x: 'max-content' }} />
          </Card>
        </Col>
      </Row>
    </Flex>
  );
}
