import { HeartFilled, StarFilled, StarOutlined } from '@ant-design/icons';
import { Alert, Button, Input, Result } from 'antd';
import { useState } from 'react';
import { isApiError } from '../../api/client';
import { useT } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/zh-CN';
import { problemText } from '../queue-display';
import { queuePublicApi } from '../queue.api';

const WORDS: MessageKey[] = ['portal.survey.csat1', 'portal.survey.csat2', 'portal.survey.csat3', 'portal.survey.csat4', 'portal.survey.csat5'];

/** After service: 1–5 stars and an optional comment, once. */
export function RateService({ token, rated }: { token: string; rated: boolean }) {
  const { t } = useT();
  const [score, setScore] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const [state, setState] = useState<'asking' | 'thanks'>(rated ? 'thanks' : 'asking');
  const [problem, setProblem] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  if (state === 'thanks' || rated) {
    return <Result icon={<HeartFilled className="qm-thanks-icon" />} title={t('queue.ticket.rated')} subTitle={t('queue.ticket.ratedText')} data-testid="queue-rated" />;
  }

  const submit = async () => {
    if (score === null) {
      setProblem(t('queue.ticket.ratingMissing'));
      return;
    }
    setSending(true);
    setProblem(null);
    try {
      await queuePublicApi.rate(token, { score, ...(comment.trim() ? { comment: comment.trim() } : {}) });
      setState('thanks');
    } catch (error) {
      // rated meanwhile (another tab): that is a thank-you too
      if (isApiError(error) && error.status === 409) setState('thanks');
      else setProblem(problemText(error, t));
    } finally {
      setSending(false);
    }
  };

  return (
    <section className="pl-card" data-testid="queue-rate">
      <h2 className="pl-card-title">{t('queue.ticket.doneTitle')}</h2>
      <p className="pl-muted">{t('queue.ticket.rate')}</p>
      <div className="qm-stars" role="radiogroup" aria-label={t('queue.ticket.rate')}>
        {WORDS.map((word, i) => {
          const n = i + 1;
          const on = score !== null && n <= score;
          return (
            <button key={n} type="button" role="radio" aria-checked={score === n} aria-label={`${n} · ${t(word)}`} className={`qm-star${on ? ' is-on' : ''}`} onClick={() => setScore(n)} data-testid={`queue-rate-${n}`}>
              {on ? <StarFilled /> : <StarOutlined />}
            </button>
          );
        })}
      </div>
      <p className="qm-star-word" aria-live="polite">{score === null ? t('queue.ticket.rateHint') : t(WORDS[score - 1]!)}</p>
      <Input.TextArea className="qm-comment" value={comment} onChange={(e) => setComment(e.target.value)} maxLength={500} showCount autoSize={{ minRows: 3, maxRows: 6 }} placeholder={t('queue.ticket.comment')} data-testid="queue-rate-comment" />
      {problem ? <Alert type="warning" showIcon title={problem} className="pl-gap" /> : null}
      <Button type="primary" block size="large" loading={sending} onClick={() => void submit()} className="pl-gap" data-testid="queue-rate-submit">
        {t('queue.ticket.submitRating')}
      </Button>
    </section>
  );
}
