import { Alert, App, Button, Form, Input } from 'antd';
import { useCallback, useState } from 'react';
import { isApiError } from '../../api/client';
import { useT } from '../../i18n/i18n';
import { useErrorText } from '../PortalStates';
import { SlotPicker } from './SlotPicker';
import { portalApi, type Booking } from '../portal.api';
import { mobileRules } from '../mobile-rules';
import { normalisePhone } from '../portal-format';
import { BookingDetails } from './BookingDetails';
import './appointments.css';

type Proof = { code: string; phone: string };

/** "My booking": find it by code and phone, then move it to another time or cancel it. */
export function ManageBooking({ initial }: { initial?: { booking: Booking; phone: string } }) {
  const { t } = useT();
  const { modal } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<Proof>();
  const [found, setFound] = useState<{ booking: Booking; phone: string } | null>(initial ?? null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [moving, setMoving] = useState(false);
  const [newTime, setNewTime] = useState<string | null>(null);
  const [reloadKey, setReloadKey] = useState(0);
  const pickTime = useCallback((value: string | null) => setNewTime(value), []);

  const run = async (action: () => Promise<Booking>, phone: string, success: string | null) => {
    setBusy(true);
    setProblem(null);
    setDone(null);
    try {
      setFound({ booking: await action(), phone });
      setDone(success);
      setMoving(false);
      setNewTime(null);
    } catch (error) {
      if (isApiError(error) && error.status === 404) setProblem(t('portal.manage.notFound'));
      else {
        if (isApiError(error) && error.errors.some((e) => e.field === '/startsAt')) {
          setNewTime(null);
          setReloadKey((k) => k + 1);
        }
        setProblem(errorText(error));
      }
    } finally {
      setBusy(false);
    }
  };

  const find = ({ code, phone }: Proof) => {
    const cleanPhone = normalisePhone(phone);
    void run(() => portalApi.lookupBooking(code.trim().toUpperCase(), cleanPhone), cleanPhone, null);
  };

  const cancel = (booking: Booking, phone: string) => {
    modal.confirm({
      title: t('portal.manage.cancelTitle'),
      content: t('portal.manage.cancelText'),
      okText: t('portal.manage.cancelYes'),
      okButtonProps: { danger: true, 'data-testid': 'portal-manage-cancel-confirm' },
      cancelText: t('portal.manage.cancelNo'),
      centered: true,
      onOk: () => run(() => portalApi.cancelBooking(booking.code, phone), phone, t('portal.manage.cancelled')),
    });
  };

  if (!found) {
    return (
      <section className="pl-card" data-testid="portal-manage">
        <p className="pl-muted">{t('portal.manage.intro')}</p>
        <Form form={form} layout="vertical" requiredMark={false} onFinish={find} disabled={busy}>
          <Form.Item name="code" label={t('portal.manage.code')} rules={[{ required: true, whitespace: true, message: t('portal.manage.codeRequired') }]} normalize={(v: string) => v.toUpperCase()}>
            <Input autoComplete="off" autoCapitalize="characters" maxLength={12} placeholder={t('portal.manage.codePlaceholder')} data-testid="portal-manage-code" />
          </Form.Item>
          <Form.Item
            name="phone"
            label={t('portal.book.phone')}
            rules={mobileRules(t)}
          >
            <Input type="tel" inputMode="numeric" autoComplete="tel" maxLength={13} placeholder={t('portal.manage.phonePlaceholder')} data-testid="portal-manage-phone" />
          </Form.Item>
          {problem ? <Alert type="warning" showIcon title={problem} className="pl-gap" data-testid="portal-manage-error" /> : null}
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="portal-manage-find">
            {t('portal.manage.find')}
          </Button>
        </Form>
      </section>
    );
  }

  const { booking, phone } = found;
  const canChange = booking.status === 'booked' && new Date(booking.startsAt) > new Date();
  const startMoving = () => {
    setMoving(true);
    setDone(null);
  };
  const stopMoving = () => {
    setMoving(false);
    setNewTime(null);
    setProblem(null);
  };
  const move = () => {
    if (newTime) void run(() => portalApi.reschedule(booking.code, phone, newTime), phone, t('portal.manage.moved'));
  };
  const lookAgain = () => {
    stopMoving();
    setFound(null);
    setDone(null);
  };
  return (
    <div data-testid="portal-manage-booking">
      {done ? <Alert type="success" showIcon title={done} className="pl-gap" data-testid="portal-manage-done" /> : null}
      <BookingDetails booking={booking} showMaterials={!moving} />
      {moving ? (
        <section className="pl-card">
          <h2 className="pl-card-title">{t('portal.manage.chooseNew')}</h2>
          <SlotPicker branch={booking.branch.code} service={booking.service.code} value={newTime} onChange={pickTime} current={booking.startsAt} reloadKey={reloadKey} />
        </section>
      ) : null}
      {problem ? <Alert type="warning" showIcon title={problem} className="pl-gap" data-testid="portal-manage-error" /> : null}
      {canChange ? (
        <div className="pl-actions">
          {moving ? (
            <>
              <Button type="primary" block disabled={!newTime} loading={busy} onClick={move} data-testid="portal-manage-reschedule-confirm">
                {newTime ? t('portal.manage.moveConfirm') : t('portal.book.chooseTimeFirst')}
              </Button>
              <Button block onClick={stopMoving}>
                {t('portal.manage.keep')}
              </Button>
            </>
          ) : (
            <>
              <Button type="primary" block onClick={startMoving} data-testid="portal-manage-reschedule">
                {t('portal.manage.move')}
              </Button>
              <Button danger block onClick={() => cancel(booking, phone)} disabled={busy} data-testid="portal-manage-cancel">
                {t('portal.manage.cancel')}
              </Button>
            </>
          )}
        </div>
      ) : null}
      <Button type="link" block onClick={lookAgain} data-testid="portal-manage-another">
        {t('portal.manage.another')}
      </Button>
    </div>
  );
}
