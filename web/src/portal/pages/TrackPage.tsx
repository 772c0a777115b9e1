import { LockOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { isApiError } from '../../api/client';
import { useT } from '../../i18n/i18n';
import { PortalPage } from '../PortalLayout';
import { useErrorText } from '../PortalStates';
import { portalApi, RetryLaterError } from '../portal.api';
import { CASE_REF } from '../portal-format';
import { CodeStep } from '../CodeStep';
import { TrackedCaseView } from '../tracking/TrackedCaseView';
import { useCountdown } from '../use-countdown';
import '../tracking/tracking.css';

/** How long before "send again" is offered: SMS can take a moment to arrive. */
const RESEND_SECONDS = 60;

type Stage = { type: 'ref' } | { type: 'code'; ref: string; minutes: number } | { type: 'case'; ref: string; token: string };

const cleanRef = (value: string) => value.trim().toUpperCase().replace(/\s+/g, '');

/**
 * 业务查询: the case reference, then a one-time code sent to the phone the bank holds for it,
 * then the case in plain words. Wrong codes are counted by the server; after too many it locks
 * tracking for a while, and the page says how long.
 */
export function TrackPage() {
  const { t, lang } = useT();
  const errorText = useErrorText();
  const [params] = useSearchParams();
  const [stage, setStage] = useState<Stage>({ type: 'ref' });
  const [ref, setRef] = useState(() => cleanRef(params.get('ref') ?? ''));
  const [refError, setRefError] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [lockedUntil, setLockedUntil] = useState<number | null>(null);
  const [resendAt, setResendAt] = useState<number | null>(null);
  const lockedFor = useCountdown(lockedUntil);
  const resendIn = useCountdown(resendAt);

  const failed = (error: unknown, onField: (text: string) => void) => {
    if (error instanceof RetryLaterError) {
      setLockedUntil(Date.now() + error.retryAfterSeconds * 1000);
      return;
    }
    if (isApiError(error) && error.status === 400) {
      onField(error.detail || errorText(error));
      return;
    }
    setNotice(errorText(error));
  };

  const send = async () => {
    const wanted = cleanRef(ref);
    setRef(wanted);
    setNotice(null);
    if (!CASE_REF.test(wanted)) {
      setRefError(t('portal.track.refInvalid'));
      return;
    }
    setRefError(null);
    setBusy(true);
    try {
      const answer = await portalApi.sendTrackingCode(wanted, lang);
      setStage({ type: 'code', ref: wanted, minutes: answer.minutes });
      setCode('');
      setCodeError(null);
      setResendAt(Date.now() + RESEND_SECONDS * 1000);
    } catch (error) {
      failed(error, setRefError);
    } finally {
      setBusy(false);
    }
  };

  const verify = async (forRef: string) => {
    setNotice(null);
    if (!/^\d{6}$/.test(code)) {
      setCodeError(t('portal.track.codeInvalid'));
      return;
    }
    setBusy(true);
    try {
      const { token } = await portalApi.verifyTrackingCode(forRef, code, lang);
      setStage({ type: 'case', ref: forRef, token });
    } catch (error) {
      failed(error, setCodeError);
    } finally {
      setBusy(false);
    }
  };

  const startOver = (message: string | null) => {
    setStage({ type: 'ref' });
    setCode('');
    setCodeError(null);
    setNotice(message);
  };

  const locked = lockedFor > 0;
  const lockAlert = locked ? (
    <Alert
      type="error"
      showIcon
      icon={<LockOutlined />}
      className="pl-gap"
      title={t('portal.track.lockedTitle')}
      description={t('portal.track.lockedText', { minutes: Math.floor(lockedFor / 60), seconds: String(lockedFor % 60).padStart(2, '0') })}
      data-testid="portal-track-locked"
    />
  ) : null;

  if (stage.type === 'case') {
    return (
      <PortalPage title={t('portal.track.title')} testId="portal-track">
        <TrackedCaseView
          reference={stage.ref}
          token={stage.token}
          onExpired={() => startOver(t('portal.track.expired'))}
          onAnother={() => {
            setRef('');
            startOver(null);
          }}
        />
      </PortalPage>
    );
  }

  return (
    <PortalPage title={t('portal.track.title')} intro={t('portal.track.intro')} testId="portal-track">
      <section className="pl-card">
        <Form layout="vertical" requiredMark={false} onFinish={() => void send()} disabled={busy || locked}>
          <Form.Item label={t('portal.track.ref')} validateStatus={refError ? 'error' : undefined} help={refError ?? t('portal.track.refHelp')}>
            <Input
              value={ref}
              onChange={(e) => {
                setRef(e.target.value.toUpperCase());
                setRefError(null);
                if (stage.type === 'code') setStage({ type: 'ref' });
              }}
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              maxLength={24}
              placeholder="BL20261128-000123"
              data-testid="portal-track-ref"
            />
          </Form.Item>
          <Button type={stage.type === 'ref' ? 'primary' : 'default'} htmlType="submit" block loading={busy && stage.type === 'ref'} disabled={resendIn > 0 && stage.type === 'code'} data-testid="portal-track-send">
            {stage.type === 'code' ? (resendIn > 0 ? t('portal.track.resendIn', { seconds: resendIn }) : t('portal.track.resend')) : t('portal.track.send')}
          </Button>
        </Form>
      </section>

      {stage.type === 'code' ? (
        <CodeStep
          testId="portal-track-code-step"
          submitTestId="portal-track-verify"
          sentText={t('portal.track.sent', { minutes: stage.minutes })}
          label={t('portal.track.code')}
          placeholder={t('portal.track.codePlaceholder')}
          submitText={t('portal.track.verify')}
          code={code}
          onCode={(next) => {
            setCode(next);
            setCodeError(null);
          }}
          codeError={codeError}
          lockAlert={lockAlert}
          busy={busy}
          locked={locked}
          onSubmit={() => void verify(stage.ref)}
        />
      ) : null}

      {stage.type === 'ref' ? lockAlert : null}
      {notice ? <Alert type="warning" showIcon title={notice} className="pl-gap" data-testid="portal-track-notice" /> : null}
      <p className="pl-note">{t('portal.track.privacy')}</p>
    </PortalPage>
  );
}
