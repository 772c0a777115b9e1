import { Card, Col, Flex, Progress, Row, Statistic, Table, Tag, Typography, type TableProps } from 'antd';
import { useMemo } from 'react';
import { useT } from '../../i18n/i18n';
import { minutesBetween } from '../queue-display';
import type { BranchQueue, LiveTicket, QueueCounter } from '../queue.api';
import { CounterStatusTag } from '../staff/queue-tags';
import { useNow } from '../use-now';

/** The day's figures: tickets, waiting now, served, the wait so far against the branch's target. */
function figures(tickets: LiveTicket[], targetMinutes: number) {
  const called = tickets.filter((tk) => tk.calledAt !== null);
  const waits = called.map((tk) => minutesBetween(tk.issuedAt, tk.calledAt));
  return {
    issued: tickets.length,
    waiting: tickets.filter((tk) => tk.status === 'waiting').length,
    remote: tickets.filter((tk) => tk.status === 'remote').length,
    atCounters: tickets.filter((tk) => tk.status === 'called' || tk.status === 'serving').length,
    done: tickets.filter((tk) => tk.status === 'done').length,
    noShow: tickets.filter((tk) => tk.status === 'no_show').length,
    averageWait: waits.length ? Math.round(waits.reduce((a, b) => a + b, 0) / waits.length) : null,
    withinTarget: waits.length ? waits.filter((w) => w <= targetMinutes).length / waits.length : null,
  };
}

export function TodayOverview({ setup, tickets }: { setup: BranchQueue; tickets: LiveTicket[] }) {
  const { t, pick } = useT();
  useNow(30_000);
  const f = useMemo(() => figures(tickets, setup.setting.targetWaitMinutes), [tickets, setup.setting.targetWaitMinutes]);
  const target = setup.setting.targetShare;

  // a closed category matters only while someone still waits in it
  const perCategory = setup.categories.filter((c) => c.active || tickets.some((tk) => tk.category === c.code && tk.status === 'waiting')).map((c) => {
    const waiting = tickets.filter((tk) => tk.category === c.code && tk.status === 'waiting');
    return {
      ...c,
      waiting: waiting.length,
      remote: tickets.filter((tk) => tk.category === c.code && tk.status === 'remote').length,
      longest: waiting.length ? Math.max(...waiting.map((tk) => minutesBetween(tk.issuedAt))) : null,
    };
  });
  const maxWaiting = Math.max(1, ...perCategory.map((c) => c.waiting));

  const counterColumns: TableProps<QueueCounter>['columns'] = [
    { key: 'number', title: t('queue.counter'), render: (_, c) => <Typography.Text strong>{t('queue.counterN', { n: c.number })}</Typography.Text> },
    { key: 'kind', title: t('queue.setup.kind'), render: (_, c) => t(`queue.counterKind.${c.kind}`) },
    { key: 'categories', title: t('queue.setup.counterCategories'), render: (_, c) => c.categories.join(' › ') },
    { key: 'status', title: t('queue.col.status'), render: (_, c) => <CounterStatusTag status={c.status} /> },
    { key: 'staff', title: t('queue.col.staff'), render: (_, c) => (c.status !== 'closed' && c.staff) || '—' },
    {
      key: 'ticket',
      title: t('queue.dash.currentTicket'),
      render: (_, c) => {
        const at = tickets.find((tk) => tk.counter === c.number && (tk.status === 'called' || tk.status === 'serving'));
        return at ? <Tag color={at.status === 'called' ? 'orange' : 'green'}>{at.number} · {t(`queue.status.${at.status}`)}</Tag> : '—';
      },
    },
  ];

  return (
    <Flex vertical gap={16} style={{ marginBottom: 16 }}>
      <Row gutter={[16, 16]}>
        <Col xs={12} md={8} xl={4}><Card size="small"><Statistic title={t('queue.dash.issued')} value={f.issued} /></Card></Col>
        <Col xs={12} md={8} xl={4}><Card size="small"><Statistic title={t('queue.dash.waitingNow')} value={f.waiting} suffix={f.remote ? <Typography.Text type="secondary" style={{ fontSize: 13 }}>{t('queue.dash.onTheWay', { n: f.remote })}</Typography.Text> : null} /></Card></Col>
        <Col xs={12} md={8} xl={4}><Card size="small"><Statistic title={t('queue.dash.atCounters')} value={f.atCounters} /></Card></Col>
        <Col xs={12} md={8} xl={4}><Card size="small"><Statistic title={t('queue.dash.done')} value={f.done} suffix={f.noShow ? <Typography.Text type="secondary" style={{ fontSize: 13 }}>{t('queue.dash.noShows', { n: f.noShow })}</Typography.Text> : null} /></Card></Col>
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
                    {c.longest === null ? t('queue.dash.nobodyWaiting') : t('queue.dash.longest', { n: c.longest })}
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
