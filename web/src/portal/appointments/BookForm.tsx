import { Alert, Button, Form, Input, Select } from 'antd';
import { useCallback, useMemo, useState, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { isApiError } from '../../api/client';
import { useT } from '../../i18n/i18n';
import { applyFieldErrors } from '../../shared/api-errors';
import { useRequest } from '../../shared/use-request';
import { useErrorText } from '../PortalStates';
import { SlotPicker } from './SlotPicker';
import { usePortalInfo } from '../use-portal-info';
import { portalApi, type Booking, type Service } from '../portal.api';
import { mobileRules } from '../mobile-rules';
import { formatDayShort, formatTime, normalisePhone } from '../portal-format';
import { bookable, CATEGORY_ORDER, categoryName } from '../service-words';
import './appointments.css';

type Contact = { name: string; phone: string };

const offeredAt = (service: Service, branch: string | undefined) => !branch || service.branches.length === 0 || service.branches.includes(branch);

/** A numbered step of the booking form. */
function Step({ n, title, children }: { n: number; title: string; children: ReactNode }) {
  return (
    <section className="pl-card pl-step">
      <h2 className="pl-card-title">
        <span className="pl-step-n">{n}</span>
        {title}
      </h2>
      {children}
    </section>
  );
}

/** Branch, service, a free time, name and phone; the answer is the booking code. */
export function BookForm({ onBooked }: { onBooked: (booking: Booking, phone: string) => void }) {
  const { t, lang, pick } = useT();
  const { branches } = usePortalInfo();
  const errorText = useErrorText();
  const [params] = useSearchParams();
  const [form] = Form.useForm<Contact>();
  const [branch, setBranch] = useState<string | undefined>(params.get('branch') ?? undefined);
  const [service, setService] = useState<string | undefined>(params.get('service') ?? undefined);
  const [startsAt, setStartsAt] = useState<string | null>(null);
  const [reloadKey, setReloadKey] = useState(0);
  const [problem, setProblem] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const services = useRequest((signal) => portalApi.services(signal), [], { silent: true });

  const choices = useMemo(() => (services.data ?? []).filter((s) => bookable(s) && offeredAt(s, branch)), [services.data, branch]);
  const serviceOptions = useMemo(
    () =>
      CATEGORY_ORDER.map((category) => ({
        label: categoryName(category, t),
        title: categoryName(category, t),
        options: choices.filter((s) => s.category === category).map((s) => ({ value: s.code, label: pick(s) })),
      })).filter((group) => group.options.length > 0),
    [choices, t, pick],
  );
  const chosenService = choices.find((s) => s.code === service);
  const branchName = (code: string) => {
    const known = branches.find((b) => b.code === code);
    return known ? pick(known) : code;
  };

  const pickSlot = useCallback((value: string | null) => {
    setStartsAt(value);
    setProblem(null);
  }, []);

  const submit = async (contact: Contact) => {
    if (!branch || !service || !startsAt) return;
    setSubmitting(true);
    setProblem(null);
    const phone = normalisePhone(contact.phone);
    try {
      onBooked(await portalApi.book({ branch, service, startsAt, name: contact.name.trim(), phone }), phone);
    } catch (error) {
      if (isApiError(error) && error.errors.some((e) => e.field === '/startsAt')) {
        // The time filled (or closed) meanwhile: show fresh times and ask for another.
        setStartsAt(null);
        setReloadKey((k) => k + 1);
        setProblem(t('portal.book.slotTaken'));
      } else {
        if (isApiError(error)) applyFieldErrors(form, error.errors, ['name', 'phone']);
        setProblem(errorText(error));
      }
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <div data-testid="portal-book">
      <Step n={1} title={t('portal.book.branch')}>
        <Select
          className="pl-select"
          value={branch}
          placeholder={t('portal.book.branchPlaceholder')}
          onChange={(value: string) => {
            setBranch(value);
            setStartsAt(null);
          }}
          options={branches.map((b) => ({ value: b.code, label: pick(b) }))}
          data-testid="portal-book-branch"
        />
      </Step>
      <Step n={2} title={t('portal.book.service')}>
        <Select
          className="pl-select"
          value={chosenService ? service : undefined}
          placeholder={t('portal.book.servicePlaceholder')}
          loading={services.loading}
          onChange={(value: string) => {
            setService(value);
            setStartsAt(null);
          }}
          options={serviceOptions}
          data-testid="portal-book-service"
        />
      </Step>
      <Step n={3} title={t('portal.book.time')}>
        {branch && chosenService ? (
          <SlotPicker branch={branch} service={chosenService.code} value={startsAt} onChange={pickSlot} reloadKey={reloadKey} />
        ) : (
          <p className="pl-muted">{t('portal.book.timeFirst')}</p>
        )}
      </Step>
      <Step n={4} title={t('portal.book.contact')}>
        <Form form={form} layout="vertical" requiredMark={false} onFinish={submit} disabled={submitting}>
          <Form.Item name="name" label={t('portal.book.name')} rules={[{ required: true, whitespace: true, message: t('portal.book.nameRequired') }, { max: 60 }]}>
            <Input autoComplete="name" placeholder={t('portal.book.namePlaceholder')} data-testid="portal-book-name" />
          </Form.Item>
          <Form.Item
            name="phone"
            label={t('portal.book.phone')}
            extra={t('portal.book.phoneHint')}
            rules={mobileRules(t)}
          >
            <Input type="tel" inputMode="numeric" autoComplete="tel" maxLength={13} placeholder={t('portal.book.phonePlaceholder')} data-testid="portal-book-phone" />
          </Form.Item>
          {branch && chosenService && startsAt ? (
            <div className="pl-summary" data-testid="portal-book-summary">
              <span className="pl-summary-label">{t('portal.book.summary')}</span>
              <strong>{`${formatDayShort(startsAt, lang)} ${formatTime(startsAt)}`}</strong>
              <span>{`${branchName(branch)} · ${pick(chosenService)}`}</span>
            </div>
          ) : null}
          {problem ? <Alert type="warning" showIcon title={problem} className="pl-gap" data-testid="portal-book-error" /> : null}
          <Button type="primary" htmlType="submit" block size="large" loading={submitting} disabled={!branch || !chosenService || !startsAt} data-testid="portal-book-submit">
            {startsAt ? t('portal.book.submit') : t('portal.book.chooseTimeFirst')}
          </Button>
        </Form>
      </Step>
    </div>
  );
}
