import { Result } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { useT } from '../../i18n/i18n';
import { PortalPage } from '../../portal/PortalLayout';
import { LoadFailed, LoadingBlock, NavButton } from '../../portal/PortalStates';
import { bankTime, categoryNamer, classKey, statusKey } from '../queue-display';
import { queuePublicApi, type CustomerTicket, type TicketStatus } from '../queue.api';
import { useBoard } from '../use-board';
import { useDebounced } from '../use-branch-events';
import { ArriveForm } from './ArriveForm';
import { rememberTicket } from './my-tickets';
import { mayChangeTicket } from './ticket-events';
import { RateService } from './RateService';
import './mobile-queue.css';

/** Asked again this often even when the live stream is quiet (or blocked by the network). */
const POLL_MS = 20_000;

const TONE: Record<TicketStatus, string> = {
  remote: 'orange', waiting: 'blue', called: 'green', serving: 'green', parked: 'orange', done: 'grey', no_show: 'grey', cancelled: 'grey',
};

/**
 * 我的排队号 (`/queue/ticket/:token`): the number, where it stands and the wait, kept live; the
 * arrival check for a phone's ticket, the counter to go to once called, and a rating after service.
 */
export function TicketPage() {
  const { token = '' } = useParams();
  const { t } = useT();
  const [ticket, setTicket] = useState<CustomerTicket | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loadedAt, setLoadedAt] = useState<Date | null>(null);
  const previous = useRef<TicketStatus | null>(null);

  const load = useCallback(() => {
    queuePublicApi
      .ticket(token)
      .then((next) => {
        setTicket(next);
        setError(null);
        setLoadedAt(new Date());
        rememberTicket({ token, number: next.number, branch: next.branch, issuedAt: next.issuedAt });
      })
      .catch(setError);
  }, [token]);

  useEffect(() => {
    load();
    const timer = setInterval(load, POLL_MS);
    return () => clearInterval(timer);
  }, [load]);

  // being called is worth a buzz in the pocket
  useEffect(() => {
    if (ticket?.status === 'called' && previous.current !== null && previous.current !== 'called') navigator.vibrate?.([300, 150, 300]);
    previous.current = ticket?.status ?? null;
  }, [ticket?.status]);

  let body;
  if (!ticket) {
    const gone = isApiError(error) && (error.status === 404 || error.status === 400);
    body = gone ? (
      <Result status="info" title={t('queue.ticket.notFound')} subTitle={t('queue.ticket.notFoundText')} extra={<NavButton to="/portal/queue" type="primary">{t('queue.ticket.takeNew')}</NavButton>} data-testid="queue-ticket-gone" />
    ) : error ? <LoadFailed error={error} onRetry={load} /> : <LoadingBlock />;
  } else {
    body = <LiveTicket token={token} ticket={ticket} loadedAt={loadedAt} onChanged={setTicket} reload={load} />;
  }
  return (
    <PortalPage title={t('queue.ticket.title')} back={{ to: '/portal/queue', label: t('queue.mobile.title') }} testId="queue-ticket">
      {body}
    </PortalPage>
  );
}

type LiveProps = { token: string; ticket: CustomerTicket; loadedAt: Date | null; onChanged: (ticket: CustomerTicket) => void; reload: () => void };

function LiveTicket({ token, ticket, loadedAt, onChanged, reload }: LiveProps) {
  const { t, pick } = useT();
  const reloadSoon = useDebounced(reload, 800);
  // the branch's stream says when something moved that can change this ticket; it is then asked again
  const current = useRef(ticket);
  current.current = ticket;
  const board = useBoard(ticket.branch.code, (event) => {
    if (mayChangeTicket(event, current.current)) reloadSoon();
  });
  const categoryName = categoryNamer(board.data?.categories, pick);
  const live = ticket.status === 'remote' || ticket.status === 'waiting' || ticket.status === 'called' || ticket.status === 'serving' || ticket.status === 'parked';

  return (
    <div data-testid={`queue-ticket-state-${ticket.status}`}>
      <section className={`pl-card qm-ticket qm-ticket-${ticket.status}`}>
        <p className="qm-ticket-label">{t('queue.ticket.yourNumber')}</p>
        <p className="qm-ticket-number" data-testid="queue-ticket-number">{ticket.number}</p>
        <p className="qm-ticket-where">
          {pick(ticket.branch)} · {categoryName(ticket.category)}
          {ticket.class !== 'normal' ? ` · ${t(classKey(ticket.class))}` : ''}
        </p>
        <span className={`pl-status pl-status-lg pl-tone-${TONE[ticket.status]}`} data-testid="queue-ticket-status">{t(statusKey(ticket.status))}</span>
      </section>

      <StatusSection token={token} ticket={ticket} holdMinutes={board.data?.remoteHoldMinutes ?? null} onChanged={onChanged} />

      <section className="pl-card">
        <div className="pl-row">
          <span className="pl-row-label">{t('queue.ticket.takenAt')}</span>
          <span className="pl-row-value">{bankTime(ticket.issuedAt)}</span>
        </div>
        <div className="pl-row">
          <span className="pl-row-label">{t('queue.ticket.branch')}</span>
          <span className="pl-row-value">{pick(ticket.branch)}</span>
        </div>
      </section>
      {live ? (
        <p className="pl-note">
          {t('queue.ticket.keepPage')}
          {loadedAt ? <><br />{t('queue.ticket.updated', { time: bankTime(loadedAt, true) })}</> : null}
        </p>
      ) : null}
    </div>
  );
}

function StatusSection({ token, ticket, holdMinutes, onChanged }: { token: string; ticket: CustomerTicket; holdMinutes: number | null; onChanged: (ticket: CustomerTicket) => void }) {
  const { t } = useT();
  switch (ticket.status) {
    case 'remote':
    case 'waiting':
      return (
        <>
          <section className="pl-card qm-facts">
            <div className="qm-fact">
              <span className="qm-fact-label">{t('queue.ticket.ahead')}</span>
              <span className="qm-fact-value" data-testid="queue-ticket-ahead">{ticket.ahead === 0 ? t('queue.ticket.aheadNone') : t('queue.ticket.aheadValue', { n: ticket.ahead ?? '—' })}</span>
            </div>
            <div className="qm-fact">
              <span className="qm-fact-label">{t('queue.ticket.estimate')}</span>
              <span className="qm-fact-value">{ticket.estimatedWaitMinutes ? t('queue.ticket.estimateValue', { n: ticket.estimatedWaitMinutes }) : t('queue.ticket.noWait')}</span>
            </div>
          </section>
          {ticket.status === 'remote' ? <ArriveForm token={token} hold={holdMinutes === null ? null : { minutes: holdMinutes, until: new Date(Date.parse(ticket.issuedAt) + holdMinutes * 60_000) }} onArrived={onChanged} /> : <p className="pl-intro qm-center">{t('queue.ticket.waitingText')}</p>}
        </>
      );
    case 'called':
      return (
        <section className="pl-card qm-called" data-testid="queue-ticket-called">
          <p className="qm-called-title">{t('queue.ticket.calledTitle', { counter: ticket.counter ?? '—' })}</p>
          <p className="qm-called-text">{t('queue.ticket.calledText')}</p>
        </section>
      );
    case 'serving':
      return <section className="pl-card qm-center"><p>{t('queue.ticket.servingText', { counter: ticket.counter ?? '—' })}</p></section>;
    case 'parked':
      return <section className="pl-card qm-center"><p>{t('queue.ticket.parkedText')}</p></section>;
    case 'done':
      return <RateService token={token} rated={ticket.rated} />;
    case 'no_show':
    case 'cancelled':
      return (
        <Result
          status="warning"
          title={t(ticket.status === 'no_show' ? 'queue.ticket.noShowTitle' : 'queue.ticket.cancelledTitle')}
          subTitle={t(ticket.status === 'no_show' ? 'queue.ticket.noShowText' : 'queue.ticket.cancelledText')}
          extra={<NavButton to={`/portal/queue?branch=${encodeURIComponent(ticket.branch.code)}`} type="primary">{t('queue.ticket.takeNew')}</NavButton>}
        />
      );
  }
}
