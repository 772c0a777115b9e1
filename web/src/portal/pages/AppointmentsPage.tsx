import { CheckCircleFilled } from '@ant-design/icons';
import { Button, Segmented } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useT } from '../../i18n/i18n';
import { BookForm } from '../appointments/BookForm';
import { BookingDetails } from '../appointments/BookingDetails';
import { ManageBooking } from '../appointments/ManageBooking';
import { PortalPage } from '../PortalLayout';
import { NavButton } from '../PortalStates';
import type { Booking } from '../portal.api';

type Mode = 'book' | 'manage';
type Booked = { booking: Booking; phone: string };

/** 网上预约: book a visit to a branch, or find and change a booking already made. */
export function AppointmentsPage() {
  const { t } = useT();
  const [params, setParams] = useSearchParams();
  const mode: Mode = params.get('manage') ? 'manage' : 'book';
  const [booked, setBooked] = useState<Booked | null>(null);
  const [bookingKey, setBookingKey] = useState(0);

  const setMode = (next: Mode) => {
    const copy = new URLSearchParams(params);
    if (next === 'manage') copy.set('manage', '1');
    else {
      copy.delete('manage');
      setBooked(null);
    }
    setParams(copy, { replace: true });
  };

  const onBooked = (booking: Booking, phone: string) => {
    setBooked({ booking, phone });
    window.scrollTo({ top: 0 });
  };

  return (
    <PortalPage title={t('portal.book.title')} intro={mode === 'book' && !booked ? t('portal.book.intro') : undefined} testId="portal-appointments">
      {booked && mode === 'book' ? (
        <div data-testid="portal-book-done">
          <div className="pl-done">
            <CheckCircleFilled className="pl-done-icon" />
            <h2 className="pl-done-title">{t('portal.book.done')}</h2>
            <p className="pl-muted">{t('portal.book.doneText')}</p>
          </div>
          <BookingDetails booking={booked.booking} />
          <div className="pl-actions">
            <Button type="primary" block onClick={() => setMode('manage')} data-testid="portal-book-manage">
              {t('portal.book.manageThis')}
            </Button>
            <Button block onClick={() => { setBooked(null); setBookingKey((k) => k + 1); }}>
              {t('portal.book.another')}
            </Button>
            <NavButton to="/portal" type="link" block>
              {t('portal.nav.backHome')}
            </NavButton>
          </div>
        </div>
      ) : (
        <>
          <Segmented<Mode>
            block
            value={mode}
            onChange={setMode}
            className="pl-audience"
            data-testid="portal-appointments-mode"
            options={[
              { value: 'book', label: <span data-testid="portal-mode-book">{t('portal.book.tabBook')}</span> },
              { value: 'manage', label: <span data-testid="portal-mode-manage">{t('portal.book.tabManage')}</span> },
            ]}
          />
          {mode === 'book' ? <BookForm key={bookingKey} onBooked={onBooked} /> : <ManageBooking initial={booked ?? undefined} />}
        </>
      )}
    </PortalPage>
  );
}
