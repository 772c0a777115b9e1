import { HeartFilled, StarFilled, StarOutlined } from '@ant-design/icons';
import { Alert, Button, Input, Result } from 'antd';
import { useRef, useState } from 'react';
import { useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { useT } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/zh-CN';
import { useRequest } from '../../shared/use-request';
import { PortalPage } from '../PortalLayout';
import { LoadFailed, LoadingBlock, NavButton, useErrorText } from '../PortalStates';
import { portalApi, type Survey } from '../portal.api';
import { formatShortDate } from '../portal-format';
import './survey.css';

const CSAT_WORDS: MessageKey[] = ['portal.survey.csat1', 'portal.survey.csat2', 'portal.survey.csat3', 'portal.survey.csat4', 'portal.survey.csat5'];
const NPS = Array.from({ length: 11 }, (_, n) => n);

/** 满意度评价 from the link in the SMS: how satisfied (1–5), how likely to recommend (0–10), a comment. */
export function SurveyPage() {
  const { token = '' } = useParams();
  const { t } = useT();
  const { data, loading, error, reload } = useRequest((signal) => portalApi.survey(token, signal), [token], { silent: true });
  const [state, setState] = useState<'asking' | 'thanks' | 'answered'>('asking');

  let body;
  if (!data) {
    const gone = isApiError(error) && (error.status === 404 || error.status === 400);
    body = loading ? <LoadingBlock /> : gone ? <Result status="info" title={t('portal.survey.gone')} subTitle={t('portal.survey.goneText')} extra={<HomeButton />} data-testid="portal-survey-gone" /> : error ? <LoadFailed error={error} onRetry={reload} /> : null;
  } else if (state === 'thanks') {
    body = <Thanks />;
  } else if (data.answered || state === 'answered') {
    body = <Result status="success" title={t('portal.survey.already')} subTitle={t('portal.survey.alreadyText')} extra={<HomeButton />} data-testid="portal-survey-answered" />;
  } else {
    body = <SurveyForm token={token} survey={data} onDone={setState} />;
  }
  return (
    <PortalPage title={t('portal.survey.title')} testId="portal-survey">
      {body}
    </PortalPage>
  );
}

function HomeButton() {
  const { t } = useT();
  return (
    <NavButton to="/portal" type="primary">
      {t('portal.nav.backHome')}
    </NavButton>
  );
}

function Thanks() {
  const { t } = useT();
  return <Result icon={<HeartFilled className="pl-thanks-icon" />} title={t('portal.survey.thanks')} subTitle={t('portal.survey.thanksText')} extra={<HomeButton />} data-testid="portal-survey-thanks" />;
}

function SurveyForm({ token, survey, onDone }: { token: string; survey: Survey; onDone: (state: 'thanks' | 'answered') => void }) {
  const { t, lang, pick } = useT();
  const errorText = useErrorText();
  const [csat, setCsat] = useState<number | null>(null);
  const [nps, setNps] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const csatRef = useRef<HTMLElement>(null);
  const npsRef = useRef<HTMLElement>(null);

  const submit = async () => {
    if (csat === null || nps === null) {
      setMissing(true);
      (csat === null ? csatRef : npsRef).current?.scrollIntoView({ behavior: 'smooth', block: 'center' });
      return;
    }
    setSending(true);
    setProblem(null);
    try {
      await portalApi.answerSurvey(token, { csat, nps, ...(comment.trim() ? { comment: comment.trim() } : {}) });
      onDone('thanks');
    } catch (error) {
      if (isApiError(error) && error.status === 409) onDone('answered');
      else setProblem(errorText(error));
    } finally {
      setSending(false);
    }
  };

  return (
    <div data-testid="portal-survey-form">
      <section className="pl-card">
        <p className="pl-survey-about">{t('portal.survey.about', { service: pick(survey.service), branch: pick(survey.branch) })}</p>
        <p className="pl-muted pl-small">{t('portal.survey.aboutMeta', { ref: survey.ref, date: formatShortDate(survey.sentAt, lang) })}</p>
      </section>

      <section className="pl-card" ref={csatRef}>
        <h2 className="pl-card-title">{t('portal.survey.csatQuestion')}</h2>
        <div className="pl-stars" role="radiogroup" aria-label={t('portal.survey.csatQuestion')}>
          {CSAT_WORDS.map((word, i) => {
            const n = i + 1;
            const on = csat !== null && n <= csat;
            return (
              <button key={n} type="button" role="radio" aria-checked={csat === n} aria-label={`${n} · ${t(word)}`} className={`pl-star${on ? ' is-on' : ''}`} onClick={() => setCsat(n)} data-testid={`portal-survey-csat-${n}`}>
                {on ? <StarFilled /> : <StarOutlined />}
              </button>
            );
          })}
        </div>
        <p className="pl-star-word" aria-live="polite">{csat === null ? t('portal.survey.csatHint') : t(CSAT_WORDS[csat - 1]!)}</p>
        {missing && csat === null ? <p className="pl-error-text">{t('portal.survey.csatMissing')}</p> : null}
      </section>

      <section className="pl-card" ref={npsRef}>
        <h2 className="pl-card-title">{t('portal.survey.npsQuestion')}</h2>
        <div className="pl-nps" role="radiogroup" aria-label={t('portal.survey.npsQuestion')}>
          {NPS.map((n) => (
            <button key={n} type="button" role="radio" aria-checked={nps === n} className={`pl-nps-n${nps === n ? ' is-on' : ''}`} onClick={() => setNps(n)} data-testid={`portal-survey-nps-${n}`}>
              {n}
            </button>
          ))}
        </div>
        <div className="pl-nps-ends">
          <span>{t('portal.survey.npsLow')}</span>
          <span>{t('portal.survey.npsHigh')}</span>
        </div>
        {missing && nps === null ? <p className="pl-error-text">{t('portal.survey.npsMissing')}</p> : null}
      </section>

      <section className="pl-card">
        <h2 className="pl-card-title">{t('portal.survey.commentQuestion')}</h2>
        <Input.TextArea className="pl-comment" value={comment} onChange={(e) => setComment(e.target.value)} maxLength={1000} showCount autoSize={{ minRows: 3, maxRows: 8 }} placeholder={t('portal.survey.commentPlaceholder')} data-testid="portal-survey-comment" />
      </section>

      {problem ? <Alert type="warning" showIcon title={problem} className="pl-gap" /> : null}
      <Button type="primary" block size="large" loading={sending} onClick={() => void submit()} data-testid="portal-survey-submit">
        {t('portal.survey.submit')}
      </Button>
    </div>
  );
}
