import { LeftOutlined } from '@ant-design/icons';
import { ConfigProvider, type ThemeConfig } from 'antd';
import { useEffect, type ReactNode } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { useT } from '../i18n/i18n';
import { LanguageSwitch } from '../layout/LanguageSwitch';
import './portal.css';

/**
 * Customers use the portal on phones: larger type (16px keeps iOS from zooming into inputs),
 * taller controls for thumbs, softer corners than the staff screens.
 */
const portalTheme: ThemeConfig = {
  token: { fontSize: 16, borderRadius: 10, controlHeight: 44, controlHeightLG: 52, controlHeightSM: 32 },
  components: {
    Button: { fontWeight: 500 },
    Segmented: { itemSelectedColor: '#1d5fbf' },
  },
};

function BrandMark() {
  return (
    <svg className="pl-brand-mark" viewBox="0 0 32 32" aria-hidden="true">
      <rect width="32" height="32" rx="8" fill="#1d5fbf" />
      <path d="M8 23V9h8a4 4 0 0 1 0 8H8m8 0h1a3 3 0 0 1 0 6H8" stroke="white" strokeWidth="2.5" fill="none" />
    </svg>
  );
}

/** The frame of every portal page: bank name, language switch, a single centred column. */
export function PortalLayout() {
  const { t } = useT();
  const { pathname } = useLocation();
  // A new page starts at its top, as it would after following a link on any website.
  useEffect(() => {
    window.scrollTo(0, 0);
  }, [pathname]);
  return (
    <ConfigProvider theme={portalTheme} componentSize="large">
      <div className="pl-shell">
        <header className="pl-header">
          <div className="pl-header-inner">
            <Link to="/portal" className="pl-brand" aria-label={t('portal.nav.home')}>
              <BrandMark />
              <span className="pl-brand-text">
                <span className="pl-brand-name">{t('portal.bankName')}</span>
                <span className="pl-brand-sub">{t('portal.tagline')}</span>
              </span>
            </Link>
            <LanguageSwitch />
          </div>
        </header>
        <main className="pl-main">
          <Outlet />
        </main>
        <footer className="pl-footer">{t('portal.footer')}</footer>
      </div>
    </ConfigProvider>
  );
}

type PageProps = {
  title: string;
  intro?: ReactNode;
  /** Where the back link goes; the portal home by default. */
  back?: { to: string; label: string };
  children: ReactNode;
  testId?: string;
};

/** A portal page: a way back, a title in plain words, an optional one-line explanation. */
export function PortalPage({ title, intro, back, children, testId }: PageProps) {
  const { t } = useT();
  useDocumentTitle(title);
  const backTo = back ?? { to: '/portal', label: t('portal.nav.home') };
  return (
    <div className="pl-page" data-testid={testId}>
      <Link to={backTo.to} className="pl-back">
        <LeftOutlined /> {backTo.label}
      </Link>
      <h1 className="pl-title">{title}</h1>
      {intro ? <p className="pl-intro">{intro}</p> : null}
      {children}
    </div>
  );
}

/** "信用卡申请 - Banklane 银行": what a customer sees on the browser tab or in the switcher. */
export function useDocumentTitle(title: string) {
  const { t } = useT();
  const bank = t('portal.bankName');
  useEffect(() => {
    const previous = document.title;
    document.title = title === bank ? bank : `${title} - ${bank}`;
    return () => {
      document.title = previous;
    };
  }, [title, bank]);
}
