import { Alert, Button } from 'antd';
import { useEffect, useState } from 'react';
import { isApiError } from '../../api/client';
import { answerErrors, QuestionnaireForm, unanswered } from '../../engagement/suitability/QuestionnaireForm';
import type { Questionnaire } from '../../engagement/products/products.api';
import { useT } from '../../i18n/i18n';
import { PortalPage } from '../PortalLayout';
import { LoadFailed, LoadingBlock, useErrorText } from '../PortalStates';
import { formatShortDate } from '../portal-format';
import { myApi, MySignedIn, sessionEnded, useMyself, type MyAssessment } from './my-session';

/** 我的风险评估: the level in force and until when; the current questionnaire, answered by the customer (channel portal). */
export function MyRiskProfilePage() {
  const { t } = useT();
  return (
    <PortalPage title={t('my.risk.title')} intro={t('my.risk.intro')} testId="my-risk">
      <MySignedIn>
        <RiskProfile />
      </MySignedIn>
    </PortalPage>
  );
}

function RiskProfile() {
  const { t, lang } = useT();
  const { ended } = useMyself();
  const errorText = useErrorText();
  const [data, setData] = useState<{ current: MyAssessment | null; items: MyAssessment[] } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [answering, setAnswering] = useState<Questionnaire | null>(null);
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    myApi.assessments(lang, controller.signal).then(setData, (e: unknown) => (sessionEnded(e) ? ended() : setError(e)));
    return () => controller.abort();
  }, [lang, generation, ended]);

  const start = async () => {
    setNotice(null);
    setDone(null);
    try {
      setAnswering((await myApi.questionnaire(lang)) as Questionnaire);
      setAnswers({});
      setFieldErrors({});
    } catch (e) {
      setNotice(errorText(e));
    }
  };

  const submit = async () => {
    if (!answering) return;
    setBusy(true);
    setNotice(null);
    try {
      const a = await myApi.assess(lang, { questionnaireVersion: answering.version, answers });
      setDone(`${a.level} ${lang === 'zh-CN' ? a.levelName.zh : a.levelName.en}`);
      setAnswering(null);
      setGeneration((n) => n + 1);
    } catch (e) {
      if (sessionEnded(e)) return ended();
      if (isApiError(e) && e.errors.some((x) => x.field === '/questionnaireVersion')) void start();
      setFieldErrors(isApiError(e) ? answerErrors(e.errors) : {});
      setNotice(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  if (error) return <LoadFailed error={error} onRetry={() => { setError(null); setGeneration((n) => n + 1); }} />;
  if (!data) return <LoadingBlock />;
  const latest = data.items[0];
  const missing = answering ? unanswered(answering, answers) : [];

  return (
    <>
      {done ? <Alert type="success" showIcon className="pl-gap-bottom" title={t('my.risk.done', { level: done })} data-testid="my-risk-done" /> : null}
      <section className="pl-card" data-testid="my-risk-current">
        <h2 className="pl-card-title">{t('my.risk.current')}</h2>
        {data.current ? (
          <>
            <p className="pl-status pl-status-lg pl-tone-blue" data-testid="my-risk-level">{data.current.level} {lang === 'zh-CN' ? data.current.levelName.zh : data.current.levelName.en}</p>
            <p className="pl-muted" data-testid="my-risk-valid-until">{t('my.risk.validUntil', { date: formatShortDate(data.current.validUntil, lang) })}</p>
          </>
        ) : (
          <p className="pl-muted" data-testid="my-risk-none">
            {latest ? t('my.risk.expired', { level: latest.level, date: formatShortDate(latest.validUntil, lang) }) : null} {t('my.risk.none')}
          </p>
        )}
        {!answering ? (
          <Button type={data.current ? 'default' : 'primary'} block onClick={() => void start()} data-testid="my-risk-start">
            {data.current ? t('my.risk.again') : t('my.risk.start')}
          </Button>
        ) : null}
      </section>
      {answering ? (
        <section className="pl-card" data-testid="my-risk-questionnaire">
          <h2 className="pl-card-title">{t('my.risk.questionnaire', { version: answering.version })}</h2>
          <p className="pl-muted pl-small">{t('my.risk.declare')}</p>
          <QuestionnaireForm questionnaire={answering} answers={answers} onChange={(a) => { setAnswers(a); setFieldErrors({}); }} errors={fieldErrors} testId="my-risk" disabled={busy} />
          {missing.length ? <p className="pl-muted pl-small">{t('my.risk.unanswered', { count: missing.length })}</p> : null}
          <Button type="primary" block loading={busy} disabled={missing.length > 0} onClick={() => void submit()} data-testid="my-risk-submit">
            {t('my.risk.submit')}
          </Button>
        </section>
      ) : null}
      {notice ? <Alert type="warning" showIcon title={notice} className="pl-gap" data-testid="my-risk-notice" /> : null}
      {data.items.length ? (
        <section className="pl-section">
          <h2 className="pl-section-title">{t('my.risk.history')}</h2>
          <div className="pl-list" data-testid="my-risk-history">
            {data.items.map((a) => (
              <div key={a.id} className="pl-list-item">
                <span className="pl-list-body">
                  <span className="pl-list-title">{a.level} {lang === 'zh-CN' ? a.levelName.zh : a.levelName.en}</span>
                  <span className="pl-list-meta">
                    <span>{t('my.risk.channel', { channel: t(`sui.channel.${a.channel as 'portal'}`), date: formatShortDate(a.assessedAt, lang) })}</span>
                    <span>{t('my.risk.score', { score: a.score })}</span>
                    <span>{t('my.risk.validUntil', { date: formatShortDate(a.validUntil, lang) })}</span>
                  </span>
                </span>
              </div>
            ))}
          </div>
        </section>
      ) : null}
    </>
  );
}
