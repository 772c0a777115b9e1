import type { ReactNode } from 'react';
import { useT } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/zh-CN';
import { MaterialsList } from '../MaterialsList';
import type { Booking, BookingStatus } from '../portal.api';
import { formatDate, formatTime } from '../portal-format';
import './appointments.css';

const STATUS: Record<BookingStatus, { key: MessageKey; tone: string }> = {
  booked: { key: 'portal.booking.status.booked', tone: 'blue' },
  checked_in: { key: 'portal.booking.status.checked_in', tone: 'green' },
  cancelled: { key: 'portal.booking.status.cancelled', tone: 'grey' },
  no_show: { key: 'portal.booking.status.no_show', tone: 'orange' },
};

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="pl-row">
      <span className="pl-row-label">{label}</span>
      <span className="pl-row-value">{children}</span>
    </div>
  );
}

/** A booking as the customer needs it at the branch: the code, when, where, what for, what to bring. */
export function BookingDetails({ booking, showMaterials = true }: { booking: Booking; showMaterials?: boolean }) {
  const { t, lang, pick } = useT();
  const status = STATUS[booking.status] ?? STATUS.booked;
  const active = booking.status === 'booked';
  return (
    <>
      <section className={`pl-card pl-code-card${active ? '' : ' is-inactive'}`}>
        <span className="pl-code-label">{t('portal.booking.code')}</span>
        <span className="pl-code" data-testid="portal-book-code">{booking.code}</span>
        <span className={`pl-status pl-tone-${status.tone}`} data-testid="portal-booking-status" data-status={booking.status}>
          {t(status.key)}
        </span>
        {active ? <span className="pl-muted pl-small">{t('portal.booking.codeHint')}</span> : null}
      </section>
      <section className="pl-card">
        <Row label={t('portal.booking.when')}>
          <strong>{formatDate(booking.startsAt, lang)}</strong>
          <strong className="pl-big-time">{formatTime(booking.startsAt)}</strong>
        </Row>
        <Row label={t('portal.booking.where')}>{pick(booking.branch)}</Row>
        <Row label={t('portal.booking.what')}>{pick(booking.service)}</Row>
        <Row label={t('portal.booking.who')}>
          {booking.name} · {booking.phone}
        </Row>
      </section>
      {showMaterials && active ? (
        <section className="pl-card">
          <h2 className="pl-card-title">{t('portal.service.bring')}</h2>
          <MaterialsList materials={booking.service.materials} />
        </section>
      ) : null}
    </>
  );
}
