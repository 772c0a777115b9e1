import { ExclamationCircleFilled } from '@ant-design/icons';
import { useT } from '../../i18n/i18n';
import { bankTime, categoryNamer, classKey } from '../queue-display';
import type { BoardState, IssuedTicket } from '../queue.api';
import { useCountdown } from '../use-now';
import { QrCode } from './TicketQr';
import './kiosk-result.css';

/** Seconds a result stays on the kiosk before it returns to the start. */
export const RESULT_SECONDS = 15;
/** A number stays longer: the customer may be getting their phone out to scan it. */
const TICKET_SECONDS = 30;

/** The customer's own page for a ticket, on this kiosk's address (the address customers reach the portal at). */
function ticketPageUrl(token: string): string {
  return new URL(`/queue/ticket/${encodeURIComponent(token)}`, window.location.origin).href;
}

/**
 * 您的号码: the number, big, with the people ahead and the wait, and a QR code of the ticket's
 * page to follow it and rate the service on the phone; back to the start by itself.
 */
export function KioskTicket({ ticket, categories, checkedIn, onDone }: { ticket: IssuedTicket; categories: BoardState['categories']; checkedIn: boolean; onDone: () => void }) {
  const { t, pick } = useT();
  const left = useCountdown(ticket.id, TICKET_SECONDS, onDone);
  const categoryName = categoryNamer(categories, pick);
  const url = ticketPageUrl(ticket.token);
  return (
    <div className="qk-result" data-testid="kiosk-ticket">
      <p className="qk-result-kicker">{checkedIn ? t('queue.kiosk.checkedIn') : t('queue.kiosk.yourNumber')}</p>
      <div className="qk-ticket">
        <div className="qk-ticket-category">
          {categoryName(ticket.category)}
          {ticket.class !== 'normal' ? <span className="qk-ticket-class">{t(classKey(ticket.class))}</span> : null}
        </div>
        <div className="qk-ticket-number" data-testid="kiosk-ticket-number">{ticket.number}</div>
        <div className="qk-ticket-facts">
          <div className="qk-fact">
            <span className="qk-fact-label">{t('queue.kiosk.ahead')}</span>
            <span className="qk-fact-value">{ticket.ahead === 0 ? t('queue.kiosk.aheadNone') : t('queue.kiosk.aheadValue', { n: ticket.ahead })}</span>
          </div>
          <div className="qk-fact">
            <span className="qk-fact-label">{t('queue.kiosk.estimate')}</span>
            <span className="qk-fact-value">{ticket.estimatedWaitMinutes === 0 ? t('queue.kiosk.noWait') : t('queue.kiosk.estimateValue', { n: ticket.estimatedWaitMinutes })}</span>
          </div>
        </div>
        <div className="qk-ticket-meta">{t('queue.kiosk.takenAt', { time: bankTime(ticket.issuedAt) })}</div>
      </div>
      <div className="qk-qr" data-testid="kiosk-ticket-link" data-href={url}>
        <QrCode value={url} label={t('queue.kiosk.scanLabel')} className="qk-qr-code" />
        <div className="qk-qr-body">
          <p className="qk-qr-title">{t('queue.kiosk.scan')}</p>
          <p className="qk-qr-text">{t('queue.kiosk.scanHint')}</p>
        </div>
      </div>
      <p className="qk-result-note">{t('queue.kiosk.watchScreen')}</p>
      <button type="button" className="qk-button qk-button-primary qk-done" onClick={onDone} data-testid="kiosk-done">
        {t('queue.kiosk.done')}
      </button>
      <p className="qk-countdown">{t('queue.kiosk.resetIn', { n: left })}</p>
    </div>
  );
}

type FailedProps = {
  title: string;
  message: string;
  /** "Back" to the screen the customer came from, e.g. to correct a booking code. */
  onBack?: () => void;
  /** Returns to the start (also by itself after a while). */
  onDone?: () => void;
  /** The kiosk could not even load: try again (it also does by itself every minute). */
  onRetry?: () => void;
};

/** Not possible now (branch closed, wrong code…): the server's words, large, and a way back. */
export function KioskFailed({ title, message, onBack, onDone, onRetry }: FailedProps) {
  const { t } = useT();
  const left = useCountdown(onDone ? message : null, RESULT_SECONDS, () => onDone?.());
  return (
    <div className="qk-result qk-failed" data-testid="kiosk-failed">
      <ExclamationCircleFilled className="qk-failed-icon" />
      <h1 className="qk-failed-title">{title}</h1>
      <p className="qk-failed-message" data-testid="kiosk-failed-message">{message}</p>
      <p className="qk-result-note">{t('queue.kiosk.askStaff')}</p>
      <div className="qk-pad-actions">
        {onBack && onBack !== onDone ? (
          <button type="button" className="qk-button qk-button-ghost" onClick={onBack} data-testid="kiosk-failed-back">{t('queue.kiosk.tryAgain')}</button>
        ) : null}
        {onDone ? (
          <button type="button" className="qk-button qk-button-primary" onClick={onDone} data-testid="kiosk-failed-done">{t('queue.kiosk.backToStart')}</button>
        ) : null}
        {onRetry ? (
          <button type="button" className="qk-button qk-button-primary" onClick={onRetry}>{t('queue.kiosk.tryAgain')}</button>
        ) : null}
      </div>
      {onDone ? <p className="qk-countdown">{t('queue.kiosk.resetIn', { n: left })}</p> : null}
    </div>
  );
}
