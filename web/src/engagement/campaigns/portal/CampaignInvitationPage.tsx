import { Alert, Button, Radio, Result, Space, Typography } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { isApiError } from '../../../api/client';
import { useT } from '../../../i18n/i18n';
import { useRequest } from '../../../shared/use-request';
import { PortalPage } from '../../../portal/PortalLayout';
import { LoadFailed, LoadingBlock, useErrorText } from '../../../portal/PortalStates';
import { campaignsApi, type Invitation } from '../campaigns.api';
import { when } from '../campaign-words';

/** The customer's invitation from the link in their message: choose a seminar session and get the check-in code, enter a lottery, or show interest. */
export function CampaignInvitationPage() {
  const { token = '' } = useParams();
  const { t } = useT();
  const { data, loading, error, reload } = useRequest((signal) => campaignsApi.invitation(token, signal), [token], { silent: true });
  const [answered, setAnswered] = useState<Invitation | null>(null);
  const view = answered ?? data;
  let body;
  if (!view) {
    const gone = isApiError(error) && (error.status === 404 || error.status === 409 || error.status === 400);
    body = loading ? <LoadingBlock /> : gone ? <Result status="info" title={t('campaign.invite.gone')} data-testid="invitation-gone" /> : error ? <LoadFailed error={error} onRetry={reload} /> : null;
  } else {
    body = <InvitationBody token={token} invitation={view} onAnswered={setAnswered} />;
  }
  return <PortalPage title={t('campaign.invite.title')} testId="portal-invitation">{body}</PortalPage>;
}

function InvitationBody({ token, invitation, onAnswered }: { token: string; invitation: Invitation; onAnswered: (i: Invitation) => void }) {
  const { t, lang, pick } = useT();
  const errorText = useErrorText();
  const [sessionId, setSessionId] = useState<string | undefined>(invitation.sessions.find((s) => !s.full)?.id);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const c = invitation.campaign;
  const text = c.message ? (lang === 'en' ? c.message.en : c.message.zh) : null;

  const answer = async () => {
    setBusy(true);
    setProblem(null);
    try {
      onAnswered(await campaignsApi.answer(token, c.kind === 'seminar' ? sessionId : undefined));
    } catch (error) {
      setProblem(errorText(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={4} data-testid="invitation-name">{pick(c)}</Typography.Title>
      {text && <Typography.Paragraph>{text}</Typography.Paragraph>}
      {c.kind === 'promotion' && (lang === 'en' ? c.offerEn : c.offerZh) && <Alert type="info" title={lang === 'en' ? c.offerEn : c.offerZh} />}
      <Typography.Text type="secondary">{t('campaign.invite.until', { date: when(c.endsAt) })}</Typography.Text>
      {problem && <Alert type="error" title={problem} data-testid="invitation-problem" />}

      {c.kind === 'seminar' && invitation.registration && (
        <Result status="success" title={t('campaign.invite.registered')} data-testid="invitation-registered"
          subTitle={`${when(invitation.registration.startsAt)} · ${invitation.registration.place}`}
          extra={<div><div>{t('campaign.invite.code')}</div><Typography.Title level={2} copyable style={{ fontFamily: 'monospace', letterSpacing: 4 }} data-testid="invitation-code">{invitation.registration.code}</Typography.Title><Typography.Text type="secondary">{t('campaign.invite.codeHelp')}</Typography.Text></div>} />
      )}
      {c.kind === 'seminar' && !invitation.registration && (
        <>
          <Typography.Text strong>{t('campaign.invite.chooseSession')}</Typography.Text>
          <Radio.Group value={sessionId} onChange={(e) => setSessionId(e.target.value as string)} data-testid="invitation-sessions">
            <Space direction="vertical">
              {invitation.sessions.map((s, i) => (
                <Radio key={s.id} value={s.id} disabled={s.full} data-testid={`invitation-session-${i}`}>
                  {when(s.startsAt)} · {pick({ nameZh: s.unitNameZh, nameEn: s.unitNameEn })} · {s.place} — {s.full ? t('campaign.invite.full') : t('campaign.invite.placesLeft', { n: s.placesLeft })}
                </Radio>
              ))}
            </Space>
          </Radio.Group>
          <Button type="primary" size="large" block disabled={!sessionId} loading={busy} onClick={answer} data-testid="invitation-register">{t('campaign.invite.register')}</Button>
        </>
      )}
      {c.kind === 'lottery' && (
        <>
          {invitation.response ? <Alert type="success" title={t('campaign.invite.entered')} data-testid="invitation-entered" /> : <Button type="primary" size="large" block loading={busy} onClick={answer} data-testid="invitation-enter">{t('campaign.invite.enter')}</Button>}
          {c.seedCommitment && <Typography.Paragraph type="secondary" style={{ wordBreak: 'break-all' }}>{t('campaign.invite.commitment')} <code>{c.seedCommitment}</code></Typography.Paragraph>}
        </>
      )}
      {c.kind === 'promotion' && (invitation.response ? <Alert type="success" title={t('campaign.invite.thanks')} data-testid="invitation-thanks" /> : <Button type="primary" size="large" block loading={busy} onClick={answer} data-testid="invitation-interested">{t('campaign.invite.interested')}</Button>)}
    </Space>
  );
}
