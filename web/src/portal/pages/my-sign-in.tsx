import { LockOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { isApiError } from '../../api/client';
import { useT } from '../../i18n/i18n';
import { PortalPage } from '../PortalLayout';
import { useErrorText } from '../PortalStates';
import { RetryLaterError } from '../portal.api';
import { MOBILE, normalisePhone } from '../portal-format';
import { CodeStep } from '../CodeStep';
import { useCountdown } from '../use-countdown';
import { myApi } from './my-session';
import '../tracking/tracking.css';

const RESEND_SECONDS = 60;

/**
 * 客户登录: the phone the bank holds, then the six-digit code sent to it. The page says the same
 * whether or not the number is a customer's; the server counts wrong codes and locks for a while.
 */
export function MySignInPage() {
  const { t, lang } = useT();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = params.get('next')?.startsWith('/portal/my/') ? params.get('next')! : '/portal/my/risk-profile';
  const [phone, setPhone] = useState('');
  const [phoneError, setPhoneError] = useState<string | null>(null);
  const [sent, setSent] = useState<{ phone: string; minutes: number } | null>(null);
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [lockedUntil, setLockedUntil] = useState<number | null>(null);
  const [resendAt, setResendAt] = useState<number | null>(null);
  const lockedFor = useCountdown(lockedUntil);
  const resendIn = useCountdown(resendAt);
  const locked = lockedFor > 0;

  const failed = (error: unknown, onField: (text: string) => void) => {
    if (error instanceof RetryLaterError) setLockedUntil(Date.now() + error.retryAfterSeconds * 1000);
    else if (isApiError(error) && error.status === 400) onField(error.detail || errorText(error));
    else setNotice(errorText(error));
  };

  const send = async () => {
    const number = normalisePhone(phone);
    setNotice(null);
    if (!MOBILE.test(number)) {
      setPhoneError(t('portal.book.phoneInvalid'));
      return;
    }
    setPhoneError(null);
    setBusy(true);
    try {
      const answer = await myApi.sendCode(number, lang);
      setSent({ phone: number, minutes: answer.minutes });
      setCode('');
      setCodeError(null);
      setResendAt(Date.now() + RESEND_SECONDS * 1000);
    } catch (error) {
      failed(error, setPhoneError);
    } finally {
      setBusy(false);
    }
  };

  const verify = async () => {
    if (!sent) return;
    setNotice(null);
    if (!/^\d{6}$/.test(code)) {
      setCodeError(t('my.signIn.codeInvalid'));
      return;
    }
    setBusy(true);
    try {
      await myApi.signIn(sent.phone, code, lang);
      void navigate(next, { replace: true });
    } catch (error) {
      failed(error, setCodeError);
    } finally {
      setBusy(false);
    }
  };

  const lockAlert = locked ? (
    <Alert type="error" showIcon icon={<LockOutlined />} className="pl-gap" title={t('my.signIn.lockedTitle')} description={t('my.signIn.lockedText', { minutes: Math.floor(lockedFor / 60), seconds: String(lockedFor % 60).padStart(2, '0') })} data-testid="my-sign-in-locked" />
  ) : null;

  return (
    <PortalPage title={t('my.signIn.title')} intro={t('my.signIn.intro')} testId="my-sign-in">
      <section className="pl-card">
        <Form layout="vertical" requiredMark={false} onFinish={() => void send()} disabled={busy || locked}>
          <Form.Item label={t('my.signIn.phone')} validateStatus={phoneError ? 'error' : undefined} help={phoneError ?? undefined}>
            <Input
              type="tel"
              inputMode="numeric"
              value={phone}
              maxLength={13}
              autoComplete="tel"
              onChange={(e) => {
                setPhone(e.target.value);
                setPhoneError(null);
              }}
              placeholder={t('portal.book.phonePlaceholder')}
              data-testid="my-sign-in-phone"
            />
          </Form.Item>
          <Button type={sent ? 'default' : 'primary'} htmlType="submit" block loading={busy && !sent} disabled={resendIn > 0} data-testid="my-sign-in-send">
            {sent ? (resendIn > 0 ? t('my.signIn.resendIn', { seconds: resendIn }) : t('my.signIn.resend')) : t('my.signIn.send')}
          </Button>
        </Form>
      </section>
      {sent ? (
        <CodeStep
          testId="my-sign-in-code-step"
          submitTestId="my-sign-in-submit"
          sentText={t('my.signIn.sent', { minutes: sent.minutes })}
          label={t('my.signIn.code')}
          placeholder={t('my.signIn.codePlaceholder')}
          submitText={t('my.signIn.submit')}
          code={code}
          onCode={(next) => {
            setCode(next);
            setCodeError(null);
          }}
          codeError={codeError}
          lockAlert={lockAlert}
          busy={busy}
          locked={locked}
          onSubmit={() => void verify()}
        />
      ) : (
        lockAlert
      )}
      {notice ? <Alert type="warning" showIcon title={notice} className="pl-gap" data-testid="my-sign-in-notice" /> : null}
      <p className="pl-note">{t('my.signIn.privacy')} {t('my.signIn.shared')}</p>
    </PortalPage>
  );
}
