import { CheckCircleFilled, ClockCircleFilled, CloseCircleFilled, ExclamationCircleFilled, MinusCircleFilled } from '@ant-design/icons';
import { Button, Timeline } from 'antd';
import { useEffect, type ReactNode } from 'react';
import { isApiError } from '../../api/client';
import { useT } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/zh-CN';
import { useRequest } from '../../shared/use-request';
import { LoadFailed, LoadingBlock } from '../PortalStates';
import { portalApi, type CaseStatus, type TrackedCase } from '../portal.api';
import { formatDate, formatMoment } from '../portal-format';
import './tracking.css';

const STATUS: Record<CaseStatus, { word: MessageKey; text: MessageKey; tone: string; icon: ReactNode }> = {
  open: { word: 'portal.case.status.open', text: 'portal.case.text.open', tone: 'blue', icon: <ClockCircleFilled /> },
  completed: { word: 'portal.case.status.completed', text: 'portal.case.text.completed', tone: 'green', icon: <CheckCircleFilled /> },
  rejected: { word: 'portal.case.status.rejected', text: 'portal.case.text.rejected', tone: 'orange', icon: <CloseCircleFilled /> },
  cancelled: { word: 'portal.case.status.cancelled', text: 'portal.case.text.cancelled', tone: 'grey', icon: <MinusCircleFilled /> },
};

type Props = { reference: string; token: string; onExpired: () => void; onAnother: () => void };

/** The case in a customer's words; fetched again in the other language when it is switched. */
export function TrackedCaseView({ reference, token, onExpired, onAnother }: Props) {
  const { lang } = useT();
  const { data, loading, error, reload } = useRequest((signal) => portalApi.trackCase(reference, token, lang, signal), [reference, token, lang], { silent: true });
  const expired = isApiError(error) && error.status === 401;
  useEffect(() => {
    if (expired) onExpired();
  }, [expired, onExpired]);

  if (!data) return loading ? <LoadingBlock /> : error && !expired ? <LoadFailed error={error} onRetry={reload} /> : null;
  return <CaseDetails tracked={data} onAnother={onAnother} />;
}

function CaseDetails({ tracked, onAnother }: { tracked: TrackedCase; onAnother: () => void }) {
  const { t, lang } = useT();
  const status = STATUS[tracked.status] ?? STATUS.open;
  const isOpen = tracked.status === 'open';
  const step = isOpen ? (tracked.currentSteps.length > 0 ? tracked.currentSteps.join(lang === 'zh-CN' ? '、' : ', ') : t('portal.case.stepWaiting')) : t(status.word);
  const overdue = isOpen && tracked.expectedBy !== null && new Date(tracked.expectedBy) < new Date();

  return (
    <div data-testid="portal-track-case">
      <section className="pl-card pl-case-head">
        <span className="pl-muted pl-small">{tracked.ref}</span>
        <h2 className="pl-case-service">{tracked.service}</h2>
        <span className="pl-muted">{tracked.branch}</span>
        <span className={`pl-status pl-status-lg pl-tone-${status.tone}`} data-testid="portal-track-status" data-status={tracked.status}>
          {status.icon} {t(status.word)}
        </span>
        <p className="pl-case-text">{t(status.text, { branch: tracked.branch })}</p>
      </section>

      {isOpen && tracked.missingMaterials.length > 0 ? (
        <section className="pl-card pl-missing" data-testid="portal-track-missing">
          <h2 className="pl-card-title">
            <ExclamationCircleFilled className="pl-missing-icon" /> {t('portal.case.missingTitle')}
          </h2>
          <ul className="pl-missing-list">
            {tracked.missingMaterials.map((name) => (
              <li key={name}>{name}</li>
            ))}
          </ul>
          <p className="pl-small">{t('portal.case.missingText', { branch: tracked.branch })}</p>
        </section>
      ) : null}

      <section className="pl-card">
        <div className="pl-row">
          <span className="pl-row-label">{isOpen ? t('portal.case.now') : t('portal.case.result')}</span>
          <span className="pl-row-value pl-strong" data-testid="portal-track-step">{step}</span>
        </div>
        {isOpen && tracked.expectedBy ? (
          <div className="pl-row">
            <span className="pl-row-label">{t('portal.case.expected')}</span>
            <span className="pl-row-value" data-testid="portal-track-expected">
              <strong>{t('portal.case.expectedBy', { date: formatDate(tracked.expectedBy, lang) })}</strong>
              {overdue ? <span className="pl-small pl-muted">{t('portal.case.overdue')}</span> : null}
            </span>
          </div>
        ) : null}
        {tracked.closedAt ? (
          <div className="pl-row">
            <span className="pl-row-label">{t('portal.case.closedAt')}</span>
            <span className="pl-row-value">{formatDate(tracked.closedAt, lang)}</span>
          </div>
        ) : null}
        <div className="pl-row">
          <span className="pl-row-label">{t('portal.case.submittedAt')}</span>
          <span className="pl-row-value">{formatDate(tracked.submittedAt, lang)}</span>
        </div>
      </section>

      <section className="pl-card">
        <h2 className="pl-card-title">{t('portal.case.history')}</h2>
        <Timeline
          className="pl-history"
          items={[
            { color: 'blue', content: <HistoryItem what={t('portal.case.received')} at={formatMoment(tracked.submittedAt, lang)} /> },
            ...tracked.history.map((h) => ({ color: 'green', content: <HistoryItem what={t('portal.case.stepDone', { step: h.step })} at={formatMoment(h.at, lang)} /> })),
            ...(isOpen
              ? [{ color: 'gray', content: <HistoryItem what={step} at={t('portal.case.inProgress')} /> }]
              : tracked.closedAt
                ? [{ color: status.tone === 'green' ? 'green' : 'gray', content: <HistoryItem what={t(status.word)} at={formatMoment(tracked.closedAt, lang)} /> }]
                : []),
          ]}
          data-testid="portal-track-history"
        />
      </section>

      <Button block onClick={onAnother} data-testid="portal-track-another">
        {t('portal.track.another')}
      </Button>
    </div>
  );
}

function HistoryItem({ what, at }: { what: string; at: string }) {
  return (
    <>
      <span className="pl-history-step">{what}</span>
      <span className="pl-history-at">{at}</span>
    </>
  );
}
