import { CheckOutlined, FileAddOutlined, FileTextOutlined, NotificationOutlined, PauseOutlined, PlayCircleOutlined, SoundOutlined, StopOutlined, SwapOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Flex, Popconfirm, Space, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useMe } from '../../auth/auth';
import { useT } from '../../i18n/i18n';
import { bankTime, categoryNamer, minutesBetween } from '../queue-display';
import { queueStaffApi, type BranchQueue, type LiveTicket, type QueueCounter, type TicketAction } from '../queue.api';
import { TicketClassTag, TicketStatusTag } from '../staff/queue-tags';
import { useNow } from '../use-now';
import { OpenCaseModal } from './OpenCaseModal';
import { TransferModal } from './TransferModal';

export type Run = (key: string, action: () => Promise<unknown>, done?: string) => Promise<void>;

type Props = {
  counter: QueueCounter;
  ticket: LiveTicket | null;
  setup: BranchQueue;
  /** Signed in here and open: actions are possible. */
  enabled: boolean;
  busy: string | null;
  run: Run;
  onCallNext: () => void;
  /** Tickets waiting in this counter's categories. */
  waiting: number;
};

/** The customer at the counter now, and everything the teller does with them; "call next" when there is none. */
export function CurrentTicket({ counter, ticket, setup, enabled, busy, run, onCallNext, waiting }: Props) {
  const { t, pick } = useT();
  const { can } = useMe();
  useNow(15_000); // the minutes waited and served move on
  const [transferring, setTransferring] = useState(false);
  const [openingCase, setOpeningCase] = useState(false);
  const categoryName = categoryNamer(setup.categories, pick);
  const maxCalls = setup.setting.noShowAfterCalls;

  if (!ticket) {
    return (
      <Card className="qc-current qc-current-empty" data-testid="counter-current">
        <Flex vertical align="center" gap={16}>
          <Typography.Text type="secondary" style={{ fontSize: 16 }}>{t('queue.counter.noCurrent')}</Typography.Text>
          <Button type="primary" size="large" className="qc-call-next" icon={<NotificationOutlined />} disabled={!enabled} loading={busy === 'call'} onClick={onCallNext} data-testid="counter-call-next">
            {t('queue.counter.callNext')}
          </Button>
          <Typography.Text type="secondary">{t('queue.counter.waitingForMe', { n: waiting })}</Typography.Text>
        </Flex>
      </Card>
    );
  }

  const act = (action: TicketAction, done?: string) => () => void run(action, () => queueStaffApi.act(counter.id, ticket.id, action), done);
  const called = ticket.status === 'called';
  const serving = ticket.status === 'serving';
  const canNoShow = called && ticket.callCount >= maxCalls;

  return (
    <Card className={`qc-current qc-current-${ticket.status}`} data-testid="counter-current">
      <Flex gap={24} wrap align="center">
        <div className="qc-number-box">
          <div className="qc-number" data-testid="counter-current-number">{ticket.number}</div>
          <div className="qc-number-category">{categoryName(ticket.category)}</div>
        </div>
        <Flex vertical gap={8} style={{ flex: 1, minWidth: 260 }}>
          <Space size={6} wrap>
            <TicketStatusTag status={ticket.status} />
            <TicketClassTag cls={ticket.class} />
            <Tag>{t(`queue.channel.${ticket.channel}`)}</Tag>
            {called ? <Tag color={canNoShow ? 'red' : 'orange'} data-testid="counter-call-count">{t('queue.counter.calls', { n: ticket.callCount, max: maxCalls })}</Tag> : null}
          </Space>
          <Descriptions size="small" column={2}
            items={[
              { key: 'customer', label: t('queue.col.customer'), children: ticket.customer ? <Link to={`/customers/${encodeURIComponent(ticket.customer.id)}`}>{ticket.customer.name}</Link> : <Typography.Text type="secondary">{t('queue.counter.anonymous')}</Typography.Text> },
              { key: 'issued', label: t('queue.col.issuedAt'), children: `${bankTime(ticket.issuedAt)} · ${t('queue.counter.waited', { n: minutesBetween(ticket.issuedAt, ticket.calledAt) })}` },
              ...(serving && ticket.serveStartedAt ? [{ key: 'serving', label: t('queue.counter.servingFor'), children: t('queue.minutes', { n: minutesBetween(ticket.serveStartedAt) }) }] : []),
              ...(ticket.caseId ? [{ key: 'case', label: t('queue.col.case'), children: <Link to={`/cases/${encodeURIComponent(ticket.caseId)}`} data-testid="counter-case-link"><FileTextOutlined /> {t('queue.counter.viewCase')}</Link> }] : []),
            ]}
          />
        </Flex>
      </Flex>
      <Flex wrap gap={8} className="qc-actions">
        {called ? (
          <>
            <Button type="primary" size="large" icon={<PlayCircleOutlined />} disabled={!enabled} loading={busy === 'start'} onClick={act('start')} data-testid="counter-start">{t('queue.counter.start')}</Button>
            <Tooltip title={ticket.callCount >= maxCalls ? t('queue.counter.recallLimit', { max: maxCalls }) : undefined}>
              <Button size="large" icon={<SoundOutlined />} disabled={!enabled || ticket.callCount >= maxCalls} loading={busy === 'recall'} onClick={act('recall')} data-testid="counter-recall">
                {t('queue.counter.recall')}
              </Button>
            </Tooltip>
            <Tooltip title={canNoShow ? undefined : t('queue.counter.noShowAfter', { max: maxCalls })}>
              <Popconfirm title={t('queue.counter.noShowConfirm', { number: ticket.number })} onConfirm={act('no-show', t('queue.counter.noShowDone', { number: ticket.number }))} okText={t('common.ok')} cancelText={t('common.cancel')} disabled={!enabled || !canNoShow}>
                <Button size="large" danger icon={<StopOutlined />} disabled={!enabled || !canNoShow} loading={busy === 'no-show'} data-testid="counter-no-show">{t('queue.counter.noShow')}</Button>
              </Popconfirm>
            </Tooltip>
          </>
        ) : null}
        {serving ? (
          <>
            <Button type="primary" size="large" icon={<CheckOutlined />} disabled={!enabled} loading={busy === 'finish'} onClick={act('finish', t('queue.counter.finished', { number: ticket.number }))} data-testid="counter-finish">{t('queue.counter.finish')}</Button>
            {!ticket.caseId && can('case.write') ? (
              <Button size="large" icon={<FileAddOutlined />} disabled={!enabled} onClick={() => setOpeningCase(true)} data-testid="counter-open-case">{t('queue.counter.openCase')}</Button>
            ) : null}
            <Tooltip title={t('queue.counter.parkHint')}>
              <Button size="large" icon={<PauseOutlined />} disabled={!enabled} loading={busy === 'park'} onClick={act('park')} data-testid="counter-park">{t('queue.counter.park')}</Button>
            </Tooltip>
          </>
        ) : null}
        <Button size="large" icon={<SwapOutlined />} disabled={!enabled} onClick={() => setTransferring(true)} data-testid="counter-transfer">{t('queue.counter.transfer')}</Button>
      </Flex>
      <TransferModal open={transferring} ticket={ticket} counter={counter} setup={setup} onClose={() => setTransferring(false)} run={run} />
      {openingCase ? <OpenCaseModal ticket={ticket} counter={counter} onClose={() => setOpeningCase(false)} onOpened={() => run('case', async () => undefined)} /> : null}
    </Card>
  );
}
