import { MutedOutlined, SoundOutlined } from '@ant-design/icons';
import { Spin } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { useParams } from 'react-router';
import { useAuth } from '../../auth/auth';
import { useT } from '../../i18n/i18n';
import { bankDate, bankTime, problemText } from '../queue-display';
import { queueStaffApi, type BoardCall, type BoardState } from '../queue.api';
import { QueueLangButtons } from '../QueueLangButtons';
import { useBoard } from '../use-board';
import { useDocumentTitle } from '../use-document-title';
import { useNow } from '../use-now';
import { useAnnouncer } from './use-announcer';
import './board.css';
import './board-footer.css';

/** How long a new call stays in the banner across the screen. */
const FLASH_MS = 8000;
const RECENT = 8;

type Flash = { number: string; counter: number; key: number };

/**
 * 叫号屏: the branch's large display (16:9, dark, readable across the hall). The numbers being
 * called and where to go, the last calls, how many wait per category, the clock; new calls flash
 * across the screen and are spoken once sound is turned on. A signed-in staff browser also shows
 * the day's arrival code that phone tickets confirm with.
 */
export function BoardPage() {
  const { branch = '' } = useParams();
  const { t, lang } = useT();
  const announcer = useAnnouncer();
  const [flash, setFlash] = useState<Flash | null>(null);
  const board = useBoard(branch, (event) => {
    if ((event.type === 'called' || event.type === 'recalled') && event.number && event.counter !== undefined) {
      setFlash({ number: event.number, counter: event.counter, key: event.seq });
      announcer.announce(event.number, event.counter, lang === 'en');
    }
  });
  useDocumentTitle(t('queue.board.docTitle'));

  useEffect(() => {
    if (!flash) return;
    const timer = setTimeout(() => setFlash(null), FLASH_MS);
    return () => clearTimeout(timer);
  }, [flash]);

  if (!board.data) {
    return (
      <div className="qb-shell qb-center" data-testid="queue-board">
        {board.loading ? <Spin size="large" /> : <p className="qb-problem">{problemText(board.error, t)}</p>}
      </div>
    );
  }

  const data = board.data;
  return (
    <div className="qb-shell" data-testid="queue-board">
      <BoardHeader data={data} soundButton={<SoundButton announcer={announcer} />} />
      {board.stream === 'offline' ? <div className="qb-offline">{t('queue.board.offline')}</div> : null}
      <div className="qb-body">
        <NowCalling calls={data.calls} />
        <RecentCalls calls={data.calls.slice(0, RECENT)} />
      </div>
      <BoardFooter data={data} branch={branch} />
      {flash ? (
        <div className="qb-flash" key={flash.key} role="alert" data-testid="board-flash">
          <div className="qb-flash-card">
            <span className="qb-flash-number">{flash.number}</span>
            <span className="qb-flash-text">{t('queue.board.pleaseGo', { counter: flash.counter })}</span>
          </div>
        </div>
      ) : null}
    </div>
  );
}

function BoardHeader({ data, soundButton }: { data: BoardState; soundButton: ReactNode }) {
  const { t, pick, lang } = useT();
  const now = useNow(1000);
  return (
    <header className="qb-header">
      <div className="qb-brand">
        <span className="qb-logo" aria-hidden="true">B</span>
        <div className="qb-brand-text">
          <span className="qb-bank">{t('portal.bankName')}</span>
          <span className="qb-branch">{pick(data.branch)}</span>
        </div>
      </div>
      <h1 className="qb-title">{t('queue.board.title')}</h1>
      <div className="qb-header-right">
        <div className="qb-controls">
          {soundButton}
          <QueueLangButtons className="qb-lang" />
        </div>
        <div className="qb-clock">
          <span className="qb-time" data-testid="board-clock">{bankTime(now, true)}</span>
          <span className="qb-date">{bankDate(now, lang)}</span>
        </div>
      </div>
    </header>
  );
}

function SoundButton({ announcer }: { announcer: ReturnType<typeof useAnnouncer> }) {
  const { t } = useT();
  if (!announcer.supported) return <span className="qb-sound-off">{t('queue.board.noSound')}</span>;
  return announcer.enabled ? (
    <button type="button" className="qb-sound is-on" onClick={announcer.disable} data-testid="board-sound">
      <SoundOutlined /> {t('queue.board.soundOn')}
    </button>
  ) : (
    <button type="button" className="qb-sound" onClick={announcer.enable} data-testid="board-sound">
      <MutedOutlined /> {t('queue.board.enableSound')}
    </button>
  );
}

/** The tickets called and not yet at their counter: the latest one for each counter, newest first. */
function currentCalls(calls: BoardCall[]): BoardCall[] {
  const seen = new Set<number>();
  const current: BoardCall[] = [];
  for (const call of calls) {
    if (seen.has(call.counter)) continue;
    seen.add(call.counter);
    if (call.status === 'called') current.push(call);
  }
  return current.slice(0, 4);
}

function NowCalling({ calls }: { calls: BoardCall[] }) {
  const { t } = useT();
  const current = currentCalls(calls);
  return (
    <section className="qb-panel qb-now">
      <h2 className="qb-panel-title">{t('queue.board.nowCalling')}</h2>
      {current.length === 0 ? (
        <p className="qb-quiet">{t('queue.board.noCalls')}</p>
      ) : (
        <div className={`qb-now-grid qb-now-${current.length}`}>
          {current.map((call) => (
            <div key={`${call.number}-${call.at}`} className="qb-now-tile" data-testid={`board-now-${call.number}`}>
              <span className="qb-now-number">{call.number}</span>
              <span className="qb-now-arrow" aria-hidden="true">→</span>
              <span className="qb-now-counter">{t('queue.board.counterN', { n: call.counter })}</span>
            </div>
          ))}
        </div>
      )}
    </section>
  );
}

function RecentCalls({ calls }: { calls: BoardCall[] }) {
  const { t } = useT();
  return (
    <section className="qb-panel qb-recent">
      <h2 className="qb-panel-title">{t('queue.board.recent')}</h2>
      <div className="qb-recent-head">
        <span>{t('queue.board.number')}</span>
        <span>{t('queue.board.counter')}</span>
        <span>{t('queue.board.time')}</span>
      </div>
      {calls.length === 0 ? <p className="qb-quiet qb-quiet-small">{t('queue.board.noCalls')}</p> : null}
      <ol className="qb-recent-list">
        {calls.map((call, i) => (
          <li key={`${call.number}-${call.at}`} className={`qb-recent-row${i === 0 ? ' is-latest' : ''}`}>
            <span className="qb-recent-number">{call.number}</span>
            <span className="qb-recent-counter">{t('queue.board.counterN', { n: call.counter })}</span>
            <span className="qb-recent-time">{bankTime(call.at)}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}

function BoardFooter({ data, branch }: { data: BoardState; branch: string }) {
  const { t, pick } = useT();
  const arrivalCode = useArrivalCode(branch);
  const open = data.counters.filter((c) => c.status === 'open').length;
  return (
    <footer className="qb-footer">
      <div className="qb-waiting">
        <span className="qb-waiting-title">
          {t('queue.board.waiting')}
          <small>{t('queue.board.openCounters', { n: open })}</small>
        </span>
        {data.categories.map((c) => (
          <div key={c.code} className="qb-waiting-tile" data-testid={`board-waiting-${c.code}`}>
            <span className="qb-waiting-code">{c.code}</span>
            <span className="qb-waiting-name">{pick(c)}</span>
            <span className="qb-waiting-count">{t('queue.board.people', { n: c.waiting })}</span>
          </div>
        ))}
      </div>
      {arrivalCode ? (
        <div className="qb-arrival" data-testid="board-arrival-code">
          <span className="qb-arrival-label">{t('queue.board.arrivalCode')}</span>
          <span className="qb-arrival-code">{arrivalCode}</span>
          <span className="qb-arrival-hint">{t('queue.board.arrivalHint')}</span>
        </div>
      ) : null}
    </footer>
  );
}

/** The day's arrival code, when a staff member who serves this branch is signed in on this browser. */
function useArrivalCode(branch: string): string | null {
  const { session } = useAuth();
  const allowed = session.type === 'signed-in' && session.me.permissions.includes('queue.serve');
  const [code, setCode] = useState<string | null>(null);
  const today = bankDate(useNow(60_000), 'en');
  useEffect(() => {
    if (!allowed) {
      setCode(null);
      return;
    }
    const controller = new AbortController();
    queueStaffApi
      .branch(branch, controller.signal)
      .then((b) => setCode(b.arrivalCode))
      .catch(() => setCode(null)); // another branch's staff: the board simply shows no code
    return () => controller.abort();
  }, [allowed, branch, today]);
  return code;
}
