import { CheckCircleFilled, RightOutlined } from '@ant-design/icons';
import { Alert, Button, Select } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useT } from '../../i18n/i18n';
import { PortalPage } from '../../portal/PortalLayout';
import { LoadFailed, LoadingBlock } from '../../portal/PortalStates';
import { usePortalInfo } from '../../portal/use-portal-info';
import { bankTime, problemText } from '../queue-display';
import { queuePublicApi } from '../queue.api';
import { useBoard } from '../use-board';
import { myTickets, rememberTicket } from './my-tickets';
import './mobile-queue.css';

/**
 * 手机取号 (`/portal/queue`, `/queue/:branch/mobile`): choose the branch and the service, take a
 * number on the way; it is held until the customer confirms their arrival at the branch.
 */
export function TakeTicketPage() {
  const { t, pick } = useT();
  const params = useParams();
  const [search, setSearch] = useSearchParams();
  const fixed = params.branch ?? null;
  const branch = fixed ?? search.get('branch');
  const { branches } = usePortalInfo();
  const mine = myTickets();

  const choose = (code: string) => setSearch((prev) => {
    const next = new URLSearchParams(prev);
    next.set('branch', code);
    return next;
  }, { replace: true });

  return (
    <PortalPage title={t('queue.mobile.title')} intro={t('queue.mobile.intro')} testId="queue-mobile-take">
      {mine.length > 0 ? (
        <section className="pl-section">
          <h2 className="pl-section-title">{t('queue.mobile.mine')}</h2>
          <div className="pl-list">
            {mine.map((ticket) => (
              <Link key={ticket.token} to={`/queue/ticket/${encodeURIComponent(ticket.token)}`} className="pl-list-item" data-testid={`queue-mine-${ticket.number}`}>
                <span className="qm-mine-number">{ticket.number}</span>
                <span className="pl-list-body">
                  <span className="pl-list-title">{pick(ticket.branch)}</span>
                  <span className="pl-list-meta">{t('queue.mobile.takenAt', { time: bankTime(ticket.issuedAt) })}</span>
                </span>
                <RightOutlined className="pl-muted" />
              </Link>
            ))}
          </div>
        </section>
      ) : null}

      {fixed ? null : (
        <section className="pl-section">
          <h2 className="pl-section-title">{t('queue.mobile.branch')}</h2>
          <Select
            className="qm-branch-select"
            value={branch ?? undefined}
            onChange={choose}
            placeholder={t('queue.mobile.chooseBranch')}
            options={branches.map((b) => ({ value: b.code, label: pick(b) }))}
            style={{ width: '100%' }}
            data-testid="queue-mobile-branch"
          />
        </section>
      )}
      {branch ? <Categories key={branch} branch={branch} /> : null}
    </PortalPage>
  );
}

function Categories({ branch }: { branch: string }) {
  const { t, pick } = useT();
  const navigate = useNavigate();
  const board = useBoard(branch);
  const [category, setCategory] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  if (!board.data) return board.loading ? <LoadingBlock /> : <LoadFailed error={board.error} onRetry={board.reload} />;
  const data = board.data;

  const take = async () => {
    if (!category) return;
    setSending(true);
    setProblem(null);
    try {
      const ticket = await queuePublicApi.take(branch, { channel: 'mobile', category });
      rememberTicket({ token: ticket.token, number: ticket.number, branch: ticket.branch, issuedAt: ticket.issuedAt });
      navigate(`/queue/ticket/${encodeURIComponent(ticket.token)}`);
    } catch (error) {
      setProblem(problemText(error, t));
    } finally {
      setSending(false);
    }
  };

  return (
    <section className="pl-section" data-testid="queue-mobile-categories">
      <h2 className="pl-section-title">{t('queue.mobile.category', { branch: pick(data.branch) })}</h2>
      <p className="pl-note qm-hours" data-testid="queue-mobile-hours">{t('queue.hours', { opens: data.hours.opens, closes: data.hours.closes })}</p>
      {data.hours.openNow ? null : <Alert type="warning" showIcon title={t('queue.mobile.closedNow', { opens: data.hours.opens, closes: data.hours.closes })} className="pl-gap" data-testid="queue-mobile-closed" />}
      {data.categories.length === 0 ? <Alert type="info" showIcon title={t('queue.mobile.noCategories')} /> : null}
      <div className="pl-list" role="radiogroup" aria-label={t('queue.mobile.category', { branch: pick(data.branch) })}>
        {data.categories.map((c) => {
          const on = category === c.code;
          return (
            <button key={c.code} type="button" role="radio" aria-checked={on} className={`pl-list-item qm-choice${on ? ' is-on' : ''}`} onClick={() => setCategory(c.code)} data-testid={`queue-mobile-category-${c.code}`}>
              <span className="qm-code">{c.code}</span>
              <span className="pl-list-body">
                <span className="pl-list-title">{pick(c)}</span>
                <span className="pl-list-meta">{t('queue.mobile.waiting', { n: c.waiting })}</span>
              </span>
              {on ? <CheckCircleFilled className="qm-check" /> : <span className="qm-radio" />}
            </button>
          );
        })}
      </div>
      <p className="pl-note qm-note">{t('queue.mobile.holdNote', { n: data.remoteHoldMinutes })}</p>
      {problem ? <Alert type="warning" showIcon title={problem} className="pl-gap" data-testid="queue-mobile-problem" /> : null}
      <Button type="primary" block size="large" disabled={!category || !data.hours.openNow} loading={sending} onClick={() => void take()} data-testid="queue-mobile-take-button">
        {t('queue.mobile.take')}
      </Button>
    </section>
  );
}
