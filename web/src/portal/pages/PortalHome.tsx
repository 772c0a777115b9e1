import { CalendarOutlined, FileSearchOutlined, ReadOutlined, RightOutlined, UserOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useT } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/zh-CN';
import { useDocumentTitle } from '../PortalLayout';
import './home.css';

type Tile = { to: string; icon: ReactNode; title: MessageKey; text: MessageKey; testId: string };

const TILES: Tile[] = [
  { to: '/portal/services', icon: <ReadOutlined />, title: 'portal.home.services', text: 'portal.home.servicesText', testId: 'portal-home-services' },
  { to: '/portal/appointments', icon: <CalendarOutlined />, title: 'portal.home.book', text: 'portal.home.bookText', testId: 'portal-home-book' },
  { to: '/portal/track', icon: <FileSearchOutlined />, title: 'portal.home.track', text: 'portal.home.trackText', testId: 'portal-home-track' },
  { to: '/portal/my', icon: <UserOutlined />, title: 'my.home.tile', text: 'my.home.tileText', testId: 'portal-home-my' },
];

/** The portal's front door: a greeting and what a customer can do here. */
export function PortalHome() {
  const { t } = useT();
  useDocumentTitle(t('portal.bankName'));
  return (
    <div className="pl-page" data-testid="portal-home">
      <section className="pl-hero">
        <h1 className="pl-hero-title">{t('portal.home.greeting')}</h1>
        <p className="pl-hero-text">{t('portal.home.intro')}</p>
      </section>
      <nav className="pl-tiles" aria-label={t('portal.home.whatToDo')}>
        {TILES.map((tile) => (
          <Link key={tile.to} to={tile.to} className="pl-tile" data-testid={tile.testId}>
            <span className="pl-tile-icon">{tile.icon}</span>
            <span className="pl-tile-body">
              <span className="pl-tile-title">{t(tile.title)}</span>
              <span className="pl-tile-text">{t(tile.text)}</span>
            </span>
            <RightOutlined className="pl-tile-chevron" />
          </Link>
        ))}
      </nav>
      <p className="pl-note">{t('portal.home.privacy')}</p>
    </div>
  );
}
