import { Alert, Button, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useT } from '../../i18n/i18n';
import { PortalPage } from '../PortalLayout';
import { LoadFailed, LoadingBlock, useErrorText } from '../PortalStates';
import { formatDayShort, formatShortDate, formatTime } from '../portal-format';
import { call, MySignedIn, sessionEnded, useMyself } from './my-session';

/* 我的活动: the campaigns that invited me in the portal (GET /portal/campaigns), a seminar's place taken here. */

type Session = { id: string; startsAt: string; place: string; unitNameZh: string; unitNameEn: string; placesLeft: number; full: boolean };
type MyCampaign = {
  campaignId: string; code: string; kind: 'promotion' | 'lottery' | 'seminar'; nameZh: string; nameEn: string; messageZh: string; messageEn: string; endsAt: string;
  response: string | null; sessions: Session[]; registration: { code: string; sessionId: string; startsAt: string; place: string; checkedIn: boolean } | null;
};

const campaignsApi = {
  list: (lang: string, signal?: AbortSignal) => call<{ items: MyCampaign[] }>('GET', '/portal/campaigns', lang, undefined, signal),
  register: (lang: string, campaignId: string, sessionId: string) => call<MyCampaign>('POST', `/portal/campaigns/${encodeURIComponent(campaignId)}/registrations`, lang, { sessionId }),
};

/** 我的活动 / My campaigns, in the signed-in part of the portal. */
export function MyCampaignsPage() {
  const { t } = useT();
  return (
    <PortalPage title={t('my.campaigns.title')} testId="my-campaigns">
      <MySignedIn>
        <Campaigns />
      </MySignedIn>
    </PortalPage>
  );
}

function Campaigns() {
  const { t, lang } = useT();
  const { ended } = useMyself();
  const [items, setItems] = useState<MyCampaign[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    campaignsApi.list(lang, controller.signal).then(
      (r) => setItems(r.items),
      (e: unknown) => (sessionEnded(e) ? ended() : setError(e)),
    );
    return () => controller.abort();
  }, [lang, generation, ended]);

  if (error) return <LoadFailed error={error} onRetry={() => { setError(null); setGeneration((n) => n + 1); }} />;
  if (!items) return <LoadingBlock />;
  return (
    <section className="pl-section">
      {items.length ? (
        <div className="pl-list" data-testid="my-campaign-list">
          {items.map((c) => <CampaignCard key={c.campaignId} campaign={c} onChange={(next) => setItems(items.map((x) => (x.campaignId === next.campaignId ? next : x)))} />)}
        </div>
      ) : (
        <p className="pl-muted" data-testid="my-campaigns-none">{t('my.campaigns.none')}</p>
      )}
      <p className="pl-muted pl-small">{t('my.campaigns.privacy')}</p>
    </section>
  );
}

function CampaignCard({ campaign: c, onChange }: { campaign: MyCampaign; onChange: (c: MyCampaign) => void }) {
  const { t, lang, pick } = useT();
  const { ended } = useMyself();
  const errorText = useErrorText();
  const [sessionId, setSessionId] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const zh = lang === 'zh-CN';
  const when = (iso: string) => `${formatDayShort(iso, lang)} ${formatTime(iso)}`;

  const register = async () => {
    if (!sessionId) return;
    setBusy(true);
    setFailure(null);
    try {
      onChange(await campaignsApi.register(lang, c.campaignId, sessionId));
      setDone(true);
    } catch (e) {
      if (sessionEnded(e)) return ended();
      setFailure(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="pl-list-item" style={{ flexDirection: 'column', alignItems: 'stretch', gap: 8 }} data-testid={`my-campaign-${c.code}`}>
      <span className="pl-list-body">
        <span className="pl-list-title">{pick({ nameZh: c.nameZh, nameEn: c.nameEn })}</span>
        <span className="pl-list-meta"><span>{zh ? c.messageZh : c.messageEn}</span></span>
        <span className="pl-list-meta"><span>{t('my.campaigns.until', { date: formatShortDate(c.endsAt, lang) })}</span></span>
      </span>
      {done ? <Alert type="success" showIcon title={t('my.campaigns.done')} data-testid="my-campaign-done" /> : null}
      {c.registration ? (
        <div data-testid="my-campaign-registration">
          <p style={{ margin: 0 }}>{t('my.campaigns.registered', { time: when(c.registration.startsAt), place: c.registration.place })}</p>
          <p className="pl-muted pl-small" style={{ margin: 0 }}>{c.registration.checkedIn ? t('my.campaigns.checkedIn') : t('my.campaigns.code', { code: c.registration.code })}</p>
        </div>
      ) : c.kind === 'seminar' ? (
        <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
          <Select
            style={{ flex: '1 1 240px' }}
            placeholder={t('my.campaigns.sessions')}
            value={sessionId}
            onChange={setSessionId}
            data-testid="my-campaign-session"
            options={c.sessions.map((s) => ({
              value: s.id,
              disabled: s.full,
              label: `${when(s.startsAt)} ${zh ? s.unitNameZh : s.unitNameEn} ${s.place} · ${s.full ? t('my.campaigns.full') : t('my.campaigns.placesLeft', { n: s.placesLeft })}`,
            }))}
          />
          <Button type="primary" disabled={!sessionId} loading={busy} onClick={() => void register()} data-testid="my-campaign-register">{t('my.campaigns.register')}</Button>
        </div>
      ) : c.response ? (
        <p className="pl-muted pl-small" style={{ margin: 0 }}>{t('my.campaigns.responded')}</p>
      ) : null}
      {failure ? <Alert type="error" showIcon title={failure} data-testid="my-campaign-error" /> : null}
    </div>
  );
}
