import { LogoutOutlined } from '@ant-design/icons';
import { Button, Segmented } from 'antd';
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { ApiError, isAbort, isApiError } from '../../api/client';
import { useT } from '../../i18n/i18n';
import { LoadFailed, LoadingBlock } from '../PortalStates';
import { portalAnswer } from '../portal.api';

/*
 * The signed-in customer's side of the portal: its API (the customer session cookie, never the
 * staff one; the CSRF token from its readable cookie), and the frame of every signed-in page.
 */

export type Localized = { en: string; zh: string };
export type MyAssessment = { id: string; level: string; levelName: Localized; score: number; questionnaireVersion: number; channel: string; assessedAt: string; validUntil: string; valid: boolean };
export type MyProduct = { code: string; kind: string; nameZh: string; nameEn: string; riskLevel: number; risk: string; minAmount: string | null; termMonths: number | null; rateText: string | null };
export type MyHolding = { id: string; productCode: string; kind: string; nameZh: string; nameEn: string; risk: string; amount: string; openedAt: string; closedAt: string | null };
export type Reason = Localized & { code: string };
export type SuggestedOffer = { id: string | null; productCode: string; nameZh: string; nameEn: string; risk: string; minAmount: string | null; reasons: Localized[] };
export type Me = { customer: { name: string; phone: string | null; kind: string }; idleMinutes: number; idleExpiresAt: string; expiresAt: string };

function readCookie(name: string): string | null {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return null;
}

export async function call<T>(method: 'GET' | 'POST', path: string, lang: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': lang };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const csrf = readCookie('bl_customer_csrf');
  if (method === 'POST' && csrf) headers['X-CSRF-Token'] = csrf;
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, { method, headers, credentials: 'same-origin', signal, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (error) {
    if (isAbort(error)) throw error;
    throw new ApiError(0, { title: 'network error' });
  }
  return portalAnswer<T>(response);
}

export const myApi = {
  sendCode: (phone: string, lang: string) => call<{ sent: boolean; minutes: number }>('POST', '/portal/sign-in/code', lang, { phone }),
  signIn: (phone: string, code: string, lang: string) => call<{ customer: { name: string } }>('POST', '/portal/sign-in', lang, { phone, code }),
  signOut: (lang: string) => call<void>('POST', '/portal/sign-out', lang, {}),
  me: (lang: string, signal?: AbortSignal) => call<Me>('GET', '/portal/me', lang, undefined, signal),
  questionnaire: (lang: string, signal?: AbortSignal) => call<{ version: number; questions: (Localized & { id: string; options: (Localized & { id: string; score: number })[] })[]; thresholds: Record<string, number>; validMonths: number }>('GET', '/public/risk-questionnaire', lang, undefined, signal),
  assessments: (lang: string, signal?: AbortSignal) => call<{ current: MyAssessment | null; items: MyAssessment[] }>('GET', '/portal/risk-assessments', lang, undefined, signal),
  assess: (lang: string, body: { questionnaireVersion: number; answers: Record<string, string> }) => call<MyAssessment>('POST', '/portal/risk-assessments', lang, body),
  holdings: (lang: string, signal?: AbortSignal) => call<{ items: MyHolding[] }>('GET', '/portal/holdings', lang, undefined, signal),
  products: (lang: string, signal?: AbortSignal) => call<{ assessment: { level: string; validUntil: string } | null; items: MyProduct[]; others: { product: MyProduct; reasons: Reason[] }[] }>('GET', '/portal/products', lang, undefined, signal),
  offers: (lang: string, signal?: AbortSignal) => call<{ available: boolean; items: SuggestedOffer[] }>('GET', '/portal/offers', lang, undefined, signal),
  buy: (lang: string, body: { productCode: string; amount: string; offerId?: string }) => call<{ id: string; amount: string }>('POST', '/portal/purchases', lang, body),
};

const MeContext = createContext<{ me: Me; ended: () => void } | null>(null);

/** The signed-in customer, and what to call when a request finds the session ended. */
export function useMyself() {
  const value = useContext(MeContext);
  if (!value) throw new Error('useMyself() used outside <MySignedIn>');
  return value;
}

/** True when an error means the customer session has ended (idle, expired, signed out elsewhere). */
export const sessionEnded = (error: unknown) => isApiError(error) && error.status === 401;

/**
 * The frame of the signed-in pages: who is signed in, the two pages, sign-out. Without a live
 * session it sends the visitor to sign in, and back here afterwards.
 */
export function MySignedIn({ children }: { children: ReactNode }) {
  const { t, lang } = useT();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [state, setState] = useState<{ type: 'loading' } | { type: 'in'; me: Me } | { type: 'out' } | { type: 'failed'; error: unknown }>({ type: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    myApi.me(lang, controller.signal).then(
      (me) => setState({ type: 'in', me }),
      (error: unknown) => {
        if (isAbort(error)) return;
        setState(sessionEnded(error) ? { type: 'out' } : { type: 'failed', error });
      },
    );
    return () => controller.abort();
  }, [lang, attempt]);

  const ended = useCallback(() => setState({ type: 'out' }), []);
  const signOut = async () => {
    await myApi.signOut(lang).catch(() => undefined);
    void navigate('/portal', { replace: true });
  };

  if (state.type === 'loading') return <LoadingBlock />;
  if (state.type === 'failed') return <LoadFailed error={state.error} onRetry={() => setAttempt((n) => n + 1)} />;
  if (state.type === 'out') return <Navigate to={`/portal/my/sign-in?next=${encodeURIComponent(pathname)}`} replace />;
  return (
    <MeContext.Provider value={{ me: state.me, ended }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8, marginBottom: 8 }} data-testid="my-bar">
        <span className="pl-muted" data-testid="my-hello">{t('my.hello', { name: state.me.customer.name })}</span>
        <Button type="text" icon={<LogoutOutlined />} onClick={() => void signOut()} data-testid="my-sign-out">{t('my.signOut')}</Button>
      </div>
      <Segmented
        block
        value={pathname.startsWith('/portal/my/products') ? 'products' : pathname.startsWith('/portal/my/campaigns') ? 'campaigns' : 'risk'}
        options={[{ value: 'risk', label: t('my.nav.risk') }, { value: 'products', label: t('my.nav.products') }, { value: 'campaigns', label: <span data-testid="my-nav-campaigns">{t('my.nav.campaigns')}</span> }]}
        onChange={(v) => void navigate(v === 'products' ? '/portal/my/products' : v === 'campaigns' ? '/portal/my/campaigns' : '/portal/my/risk-profile')}
        style={{ marginBottom: 12 }}
        data-testid="my-nav"
      />
      {children}
    </MeContext.Provider>
  );
}
