import { CalendarOutlined, CheckOutlined, HeartFilled, RightOutlined } from '@ant-design/icons';
import { Spin } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { useT, type Lang } from '../../i18n/i18n';
import { bankTime, problemText } from '../queue-display';
import { queuePublicApi, type BoardState, type IssuedTicket } from '../queue.api';
import { QueueLangButtons } from '../QueueLangButtons';
import { useBoard } from '../use-board';
import { useDocumentTitle } from '../use-document-title';
import { useNow } from '../use-now';
import { AppointmentPad } from './AppointmentPad';
import { KioskFailed, KioskTicket } from './KioskResult';
import './kiosk.css';

type Screen =
  | { kind: 'start' }
  | { kind: 'appointment' }
  | { kind: 'busy' }
  | { kind: 'ticket'; ticket: IssuedTicket; checkedIn: boolean }
  | { kind: 'failed'; message: string; from: 'start' | 'appointment' };

/** A kiosk left on any screen but the first goes back to it after this long without a touch. */
const IDLE_SECONDS = 60;

/**
 * 取号机: the branch's touch screen. A customer picks a category (optionally asking for priority
 * service), or checks a booking in with its code, and gets a number with the people ahead and
 * the wait to expect. Every result returns to the start by itself, in the kiosk's own language.
 */
export function KioskPage() {
  const { branch = '' } = useParams();
  const { t, lang, setLang } = useT();
  const board = useBoard(branch);
  const [screen, setScreen] = useState<Screen>({ kind: 'start' });
  const [priority, setPriority] = useState(false);
  const homeLang = useRef<Lang>(lang);
  useDocumentTitle(t('queue.kiosk.docTitle'));

  const reset = () => {
    setScreen({ kind: 'start' });
    setPriority(false);
    if (lang !== homeLang.current) setLang(homeLang.current);
  };
  useIdleReset(screen.kind !== 'start' || priority || lang !== homeLang.current, reset);

  const issue = async (run: () => Promise<IssuedTicket>, checkedIn: boolean, from: 'start' | 'appointment') => {
    setScreen({ kind: 'busy' });
    try {
      const ticket = await run();
      setScreen({ kind: 'ticket', ticket, checkedIn });
      board.reload();
    } catch (error) {
      setScreen({ kind: 'failed', message: checkedIn && unknownBooking(error) ? t('queue.kiosk.codeUnknown') : problemText(error, t), from });
    }
  };

  const take = (category: string) => void issue(() => queuePublicApi.take(branch, { channel: 'kiosk', category, ...(priority ? { priority: true } : {}) }), false, 'start');
  const checkIn = (code: string) => void issue(() => queuePublicApi.checkIn(branch, code), true, 'appointment');

  let body;
  if (!board.data) {
    body = board.loading ? <div className="qk-center"><Spin size="large" /></div> : <KioskFailed title={t('queue.kiosk.unavailable')} message={problemText(board.error, t)} onRetry={board.reload} />;
  } else if (screen.kind === 'busy') {
    body = <div className="qk-center"><Spin size="large" /><p className="qk-busy">{t('queue.kiosk.issuing')}</p></div>;
  } else if (screen.kind === 'ticket') {
    body = <KioskTicket ticket={screen.ticket} categories={board.data.categories} checkedIn={screen.checkedIn} onDone={reset} />;
  } else if (screen.kind === 'failed') {
    body = <KioskFailed title={t(screen.from === 'appointment' ? 'queue.kiosk.checkInFailed' : 'queue.kiosk.failed')} message={screen.message} onBack={screen.from === 'appointment' ? () => setScreen({ kind: 'appointment' }) : reset} onDone={reset} />;
  } else if (screen.kind === 'appointment') {
    body = <AppointmentPad onSubmit={checkIn} onBack={() => setScreen({ kind: 'start' })} />;
  } else {
    body = <KioskStart board={board.data} priority={priority} onPriority={setPriority} onTake={take} onAppointment={() => setScreen({ kind: 'appointment' })} />;
  }

  return (
    <div className="qk-shell" data-testid="queue-kiosk">
      <KioskHeader name={board.data ? board.data.branch : null} code={branch} />
      <main className="qk-main">{body}</main>
      <footer className="qk-footer">{t('queue.kiosk.footer')}</footer>
    </div>
  );
}

function KioskHeader({ name, code }: { name: BoardState['branch'] | null; code: string }) {
  const { t, pick, lang } = useT();
  const now = useNow(1000);
  return (
    <header className="qk-header">
      <div className="qk-brand">
        <span className="qk-logo" aria-hidden="true">B</span>
        <span className="qk-brand-text">
          <span className="qk-bank">{t('portal.bankName')}</span>
          <span className="qk-branch">{name ? pick(name) : code}</span>
        </span>
      </div>
      <div className="qk-header-right">
        <span className="qk-clock" aria-label={lang}>{bankTime(now)}</span>
        <QueueLangButtons className="qk-lang" />
      </div>
    </header>
  );
}

type StartProps = {
  board: BoardState;
  priority: boolean;
  onPriority: (on: boolean) => void;
  onTake: (category: string) => void;
  onAppointment: () => void;
};

/** The categories to choose, priority and booking check-in; outside opening hours, said first and the buttons off. */
function KioskStart({ board, priority, onPriority, onTake, onAppointment }: StartProps) {
  const { t, pick } = useT();
  const closed = !board.hours.openNow;
  return (
    <div className="qk-start">
      <h1 className="qk-title">{t('queue.kiosk.choose')}</h1>
      <p className="qk-hours" data-testid="kiosk-hours">{t('queue.hours', { opens: board.hours.opens, closes: board.hours.closes })}</p>
      {closed ? (
        <div className="qk-closed" role="status" data-testid="kiosk-closed">
          <span className="qk-closed-title">{t('queue.kiosk.closedNow')}</span>
          <span className="qk-closed-text">{t('queue.kiosk.closedText', { opens: board.hours.opens, closes: board.hours.closes })}</span>
        </div>
      ) : null}
      {board.categories.length === 0 ? (
        <p className="qk-empty">{t('queue.kiosk.noCategories')}</p>
      ) : (
        <div className="qk-categories">
          {board.categories.map((c, i) => (
            <button key={c.code} type="button" className={`qk-category qk-tone-${i % 6}`} disabled={closed} onClick={() => onTake(c.code)} data-testid={`kiosk-category-${c.code}`}>
              <span className="qk-category-code">{c.code}</span>
              <span className="qk-category-body">
                <span className="qk-category-name">{pick(c)}</span>
                <span className="qk-category-waiting">{t('queue.kiosk.waiting', { n: c.waiting })}</span>
              </span>
              <RightOutlined className="qk-category-go" />
            </button>
          ))}
        </div>
      )}
      <div className="qk-options">
        <button type="button" className={`qk-option qk-priority${priority ? ' is-on' : ''}`} aria-pressed={priority} disabled={closed} onClick={() => onPriority(!priority)} data-testid="kiosk-priority">
          <span className="qk-option-icon">{priority ? <CheckOutlined /> : <HeartFilled />}</span>
          <span className="qk-option-body">
            <span className="qk-option-title">{t('queue.kiosk.priority')}</span>
            <span className="qk-option-text">{priority ? t('queue.kiosk.priorityOn') : t('queue.kiosk.priorityHint')}</span>
          </span>
        </button>
        <button type="button" className="qk-option" disabled={closed} onClick={onAppointment} data-testid="kiosk-appointment">
          <span className="qk-option-icon"><CalendarOutlined /></span>
          <span className="qk-option-body">
            <span className="qk-option-title">{t('queue.kiosk.appointment')}</span>
            <span className="qk-option-text">{t('queue.kiosk.appointmentHint')}</span>
          </span>
        </button>
      </div>
    </div>
  );
}

/**
 * A booking code the server does not know comes back as "choose a category" (it looks the
 * booking's service up first and finds none): for the customer that means the code is wrong.
 */
function unknownBooking(error: unknown): boolean {
  return isApiError(error) && error.status === 400 && error.errors.length > 0 && error.errors.every((e) => e.field === '/category');
}

/** Back to the start after a minute without a touch anywhere on the screen. */
function useIdleReset(active: boolean, reset: () => void) {
  const latest = useRef(reset);
  latest.current = reset;
  useEffect(() => {
    if (!active) return;
    let timer = setTimeout(() => latest.current(), IDLE_SECONDS * 1000);
    const touched = () => {
      clearTimeout(timer);
      timer = setTimeout(() => latest.current(), IDLE_SECONDS * 1000);
    };
    window.addEventListener('pointerdown', touched);
    window.addEventListener('keydown', touched);
    return () => {
      clearTimeout(timer);
      window.removeEventListener('pointerdown', touched);
      window.removeEventListener('keydown', touched);
    };
  }, [active]);
}
