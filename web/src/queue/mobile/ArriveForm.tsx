import { EnvironmentOutlined } from '@ant-design/icons';
import { Alert, Button, Input } from 'antd';
import { useState } from 'react';
import { useT } from '../../i18n/i18n';
import { bankTime, problemText } from '../queue-display';
import { queuePublicApi, type CustomerTicket } from '../queue.api';

/**
 * 我已到店: the 6-digit code on the branch's display board turns a phone's ticket into a waiting
 * one. `hold`: how long the branch holds it from its taking, and until when (null until known).
 */
export function ArriveForm({ token, hold, onArrived }: { token: string; hold: { minutes: number; until: Date } | null; onArrived: (ticket: CustomerTicket) => void }) {
  const { t } = useT();
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  const submit = async () => {
    if (!/^\d{6}$/.test(code)) {
      setProblem(t('queue.ticket.codeInvalid'));
      return;
    }
    setSending(true);
    setProblem(null);
    try {
      onArrived(await queuePublicApi.arrive(token, code));
    } catch (error) {
      setProblem(problemText(error, t));
    } finally {
      setSending(false);
    }
  };

  return (
    <section className="pl-card" data-testid="queue-arrive">
      <h2 className="pl-card-title"><EnvironmentOutlined /> {t('queue.ticket.remoteTitle')}</h2>
      <p className="pl-muted pl-small">{t('queue.ticket.remoteText')}</p>
      {hold ? <Alert type="warning" showIcon className="qm-hold" title={t('queue.ticket.holdUntil', { time: bankTime(hold.until), n: hold.minutes })} data-testid="queue-arrive-hold" /> : null}
      <label className="qm-code-label" htmlFor="queue-arrival-code">{t('queue.ticket.arrivalCode')}</label>
      <Input
        id="queue-arrival-code"
        className="qm-code-input"
        value={code}
        onChange={(e) => setCode(e.target.value.replace(/\D/g, '').slice(0, 6))}
        onPressEnter={() => void submit()}
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={6}
        placeholder="000000"
        status={problem ? 'error' : undefined}
        data-testid="queue-arrive-code"
      />
      {problem ? <Alert type="warning" showIcon title={problem} className="pl-gap" data-testid="queue-arrive-problem" /> : null}
      <Button type="primary" block size="large" loading={sending} onClick={() => void submit()} className="pl-gap" data-testid="queue-arrive-submit">
        {t('queue.ticket.arrive')}
      </Button>
    </section>
  );
}
