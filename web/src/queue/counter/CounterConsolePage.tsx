import { LoginOutlined, LogoutOutlined, PauseCircleOutlined, PlayCircleOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Empty, Flex, Popconfirm, Row, Select, Space, Spin, Tooltip, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useMe } from '../../auth/auth';
import { useT } from '../../i18n/i18n';
import { useShowError } from '../../shared/api-errors';
import { PageHeader } from '../../shared/PageHeader';
import { counterStaffName } from '../queue-display';
import { queueStaffApi, type QueueCounter, type TicketStatus } from '../queue.api';
import { CounterStatusTag } from '../staff/queue-tags';
import { useBranchLive } from '../staff/use-branch-live';
import { useStaffBranch } from '../staff/use-staff-branch';
import { CurrentTicket } from './CurrentTicket';
import { SuggestedProducts } from '../../engagement/offers/SuggestedProducts';
import { CampaignPrompts } from '../../engagement/campaigns/prompts/CampaignPrompts';
import { ParkedTickets } from './ParkedTickets';
import { WaitingList } from './WaitingList';
import './counter.css';

const STATUSES: readonly TicketStatus[] = ['waiting', 'called', 'serving', 'parked'];
const storedCounter = (branch: string) => `bl_queue_counter:${branch}`;

/** The counter this user works at: the one they are signed in at, else the one chosen last time here. */
function useCounterChoice(branch: string | null, counters: QueueCounter[] | undefined, username: string) {
  const [chosen, setChosen] = useState<string | null>(null);
  useEffect(() => {
    if (!branch || !counters) return;
    const mine = counters.find((c) => c.staff === username && c.status !== 'closed');
    let remembered: string | null = null;
    try {
      remembered = localStorage.getItem(storedCounter(branch));
    } catch {
      // no storage: the user chooses again
    }
    setChosen((prev) => (prev && counters.some((c) => c.id === prev) ? prev : mine?.id ?? (counters.some((c) => c.id === remembered) ? remembered : null)));
  }, [branch, counters, username]);
  const choose = (id: string) => {
    setChosen(id);
    try {
      if (branch) localStorage.setItem(storedCounter(branch), id);
    } catch {
      // remembered for this visit only
    }
  };
  return [chosen, choose] as const;
}

/**
 * 窗口叫号: the teller's console at one counter. Sign in, call the next customer, recall, start
 * and finish service, park, transfer, mark a no-show, open the customer's case; the waiting line
 * beside it follows the branch live.
 */
export function CounterConsolePage() {
  const { t } = useT();
  const me = useMe();
  const { message } = App.useApp();
  const showError = useShowError();
  const { branch, options, setBranch } = useStaffBranch();
  const live = useBranchLive(branch, STATUSES);
  const counters = live.setup?.branch.code === branch ? live.setup.counters : undefined;
  const [counterId, setCounterId] = useCounterChoice(branch, counters, me.username);
  const [busy, setBusy] = useState<string | null>(null);

  const counter = counters?.find((c) => c.id === counterId) ?? null;
  const mine = counter !== null && counter.staff === me.username && counter.status !== 'closed';
  const atCounter = useMemo(() => live.tickets.filter((tk) => counter !== null && tk.counter === counter.number), [live.tickets, counter]);
  const current = atCounter.find((tk) => tk.status === 'called' || tk.status === 'serving') ?? null;
  const parked = atCounter.filter((tk) => tk.status === 'parked');
  const waiting = live.tickets.filter((tk) => tk.status === 'waiting');

  /** Runs a counter action: one at a time, the server's message on failure, everything read again after. */
  const run = async (key: string, action: () => Promise<unknown>, done?: string) => {
    setBusy(key);
    try {
      await action();
      if (done) void message.success(done);
    } catch (error) {
      showError(error);
    } finally {
      setBusy(null);
      live.reload();
    }
  };

  const callNext = () =>
    run('call', async () => {
      if (!counter) return;
      const ticket = await queueStaffApi.callNext(counter.id);
      if (ticket) void message.success(t('queue.counter.called', { number: ticket.number }));
      else void message.info(t('queue.counter.nobody'));
    });

  const staffedByOther = counter !== null && counter.staff !== null && counter.staff !== me.username && counter.status !== 'closed';
  const counterBar = counter ? (
    <Flex align="center" justify="space-between" wrap gap={12}>
      <Space size={12} wrap>
        <Typography.Text strong style={{ fontSize: 18 }}>{t('queue.counterN', { n: counter.number })}</Typography.Text>
        <CounterStatusTag status={counter.status} />
        <Typography.Text type="secondary">{t(`queue.counterKind.${counter.kind}`)} · {t('queue.counter.serves', { categories: counter.categories.join(' / ') })}</Typography.Text>
        {counter.staff ? <Typography.Text type="secondary">{t('queue.counter.staffedBy', { name: counterStaffName(counter) })}</Typography.Text> : null}
      </Space>
      <Space wrap>
        {!mine ? (
          <Tooltip title={staffedByOther ? t('queue.counter.staffedByOther', { name: counterStaffName(counter) }) : undefined}>
            <Button type="primary" icon={<LoginOutlined />} disabled={staffedByOther} loading={busy === 'sign-in'} onClick={() => void run('sign-in', () => queueStaffApi.signIn(counter.id), t('queue.counter.signedIn', { n: counter.number }))} data-testid="counter-sign-in">
              {t('queue.counter.signIn')}
            </Button>
          </Tooltip>
        ) : counter.status === 'paused' ? (
          <Button type="primary" icon={<PlayCircleOutlined />} loading={busy === 'resume-counter'} onClick={() => void run('resume-counter', () => queueStaffApi.signIn(counter.id))} data-testid="counter-resume">
            {t('queue.counter.resume')}
          </Button>
        ) : (
          <Button icon={<PauseCircleOutlined />} loading={busy === 'pause'} disabled={current !== null} onClick={() => void run('pause', () => queueStaffApi.leave(counter.id, 'paused'))} data-testid="counter-pause">
            {t('queue.counter.pause')}
          </Button>
        )}
        {mine ? (
          <Popconfirm title={t('queue.counter.closeConfirm', { n: counter.number })} onConfirm={() => void run('close', () => queueStaffApi.leave(counter.id, 'closed'))} okText={t('common.ok')} cancelText={t('common.cancel')}>
            <Button icon={<LogoutOutlined />} loading={busy === 'close'} disabled={current !== null} data-testid="counter-close">{t('queue.counter.close')}</Button>
          </Popconfirm>
        ) : null}
      </Space>
    </Flex>
  ) : null;

  return (
    <>
      <PageHeader
        title={t('nav.queueCounter')}
        section="nav.queue"
        extra={
          <>
            <Select value={branch ?? undefined} onChange={setBranch} options={options} style={{ minWidth: 220 }} placeholder={t('queue.branch')} data-testid="counter-branch" />
            <Select
              value={counterId ?? undefined}
              onChange={setCounterId}
              placeholder={t('queue.counter.choose')}
              style={{ minWidth: 240 }}
              options={(counters ?? []).map((c) => ({ value: c.id, label: `${t('queue.counterN', { n: c.number })} · ${t(`queue.counterKind.${c.kind}`)}${c.staff && c.status !== 'closed' ? ` · ${counterStaffName(c)}` : ''}` }))}
              data-testid="counter-select"
            />
            <Button icon={<ReloadOutlined />} onClick={live.reload}>{t('common.reload')}</Button>
          </>
        }
      />
      {live.stream === 'offline' ? <Alert type="warning" showIcon title={t('queue.live.offline')} style={{ marginBottom: 16 }} /> : null}
      {!branch ? (
        <Card><Empty description={t('queue.noBranch')} /></Card>
      ) : !live.setup ? (
        <Spin style={{ display: 'block', margin: '80px auto' }} />
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={15}>
            <Flex vertical gap={16}>
              <Card size="small">{counter ? counterBar : <Typography.Text type="secondary">{t('queue.counter.chooseHint')}</Typography.Text>}</Card>
              {counter && !mine ? <Alert type="info" showIcon title={t('queue.counter.notSignedIn')} /> : null}
              {counter && mine && counter.status === 'paused' ? <Alert type="warning" showIcon title={t('queue.counter.pausedHint')} /> : null}
              {counter ? (
                <CurrentTicket
                  counter={counter}
                  ticket={current}
                  setup={live.setup}
                  enabled={mine && counter.status === 'open'}
                  busy={busy}
                  run={run}
                  onCallNext={() => void callNext()}
                  waiting={waiting.filter((tk) => counter.categories.includes(tk.category)).length}
                />
              ) : null}
              {mine && current?.customer && me.can('product.read') ? <SuggestedProducts customerId={current.customer.id} channel="counter" /> : null}
              {mine && current?.customer ? <CampaignPrompts customerId={current.customer.id} /> : null}
              {counter && parked.length > 0 ? <ParkedTickets tickets={parked} counter={counter} canResume={mine && counter.status === 'open' && current === null} busy={busy} run={run} /> : null}
            </Flex>
          </Col>
          <Col xs={24} xl={9}>
            <WaitingList tickets={waiting} categories={live.setup.categories} servedHere={counter?.categories ?? null} />
          </Col>
        </Row>
      )}
    </>
  );
}
