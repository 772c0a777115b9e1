import { Alert, Button } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useT, type Lang } from '../../i18n/i18n';
import { useRequest } from '../../shared/use-request';
import { LoadingBlock, useErrorText } from '../PortalStates';
import { portalApi, type Slot } from '../portal.api';
import { bankDay, formatTime } from '../portal-format';
import './appointments.css';

/** How far ahead a customer may look; the branch may allow less. */
const DAYS_AHEAD = 14;

type Props = {
  branch: string;
  service: string;
  value: string | null;
  onChange: (startsAt: string | null) => void;
  /** Bumped by the parent to fetch again (e.g. after a slot filled meanwhile). */
  reloadKey?: number;
  /** The booking's own time when rescheduling: shown, but not offered. */
  current?: string;
};

type Day = { key: string; first: string; slots: Slot[]; free: number };

function dayLabel(iso: string, lang: Lang) {
  const options = { timeZone: 'Asia/Shanghai' } as const;
  const locale = lang === 'zh-CN' ? 'zh-CN' : 'en-GB';
  return {
    weekday: new Intl.DateTimeFormat(locale, { ...options, weekday: 'short' }).format(new Date(iso)),
    date: new Intl.DateTimeFormat(locale, { ...options, month: 'short', day: 'numeric' }).format(new Date(iso)),
  };
}

/**
 * Days, then times with the places left. Full slots stay visible but cannot be chosen, so a
 * customer sees the day is busy rather than wondering where the times went.
 */
export function SlotPicker({ branch, service, value, onChange, reloadKey = 0, current }: Props) {
  const { t, lang } = useT();
  const errorText = useErrorText();
  const { data, loading, error } = useRequest((signal) => portalApi.slots(branch, service, DAYS_AHEAD, signal), [branch, service, reloadKey], { silent: true });

  const days = useMemo<Day[]>(() => {
    const byDay = new Map<string, Slot[]>();
    for (const slot of data?.slots ?? []) {
      const key = bankDay(slot.startsAt);
      byDay.set(key, [...(byDay.get(key) ?? []), slot]);
    }
    return [...byDay].map(([key, slots]) => ({ key, first: slots[0]!.startsAt, slots, free: slots.filter((s) => s.available > 0 && s.startsAt !== current).length }));
  }, [data, current]);

  const [dayKey, setDayKey] = useState<string | null>(null);
  const chosenDay = days.find((d) => d.key === dayKey) ?? days.find((d) => d.free > 0) ?? days[0];

  // A chosen time that is no longer offered (reloaded, filled) is forgotten.
  useEffect(() => {
    if (value && data && !data.slots.some((s) => s.startsAt === value && s.available > 0)) onChange(null);
  }, [data, value, onChange]);

  if (loading && !data) return <LoadingBlock />;
  if (error && !data) return <Alert type="warning" showIcon title={errorText(error)} />;
  if (!chosenDay) return <Alert type="info" showIcon title={t('portal.slots.none')} data-testid="portal-book-no-slots" />;

  return (
    <div className="pl-slots">
      <div className="pl-days" role="group" aria-label={t('portal.slots.day')}>
        {days.map((day) => {
          const label = dayLabel(day.first, lang);
          const selected = day.key === chosenDay.key;
          return (
            <button
              key={day.key}
              type="button"
              aria-pressed={selected}
              className={`pl-day${selected ? ' is-selected' : ''}${day.free === 0 ? ' is-full' : ''}`}
              onClick={() => setDayKey(day.key)}
              data-testid={`portal-book-day-${day.key}`}
            >
              <span className="pl-day-weekday">{label.weekday}</span>
              <span className="pl-day-date">{label.date}</span>
              <span className="pl-day-free">{day.free === 0 ? t('portal.slots.dayFull') : t('portal.slots.dayOpen')}</span>
            </button>
          );
        })}
      </div>
      <div className="pl-times" role="radiogroup" aria-label={t('portal.slots.time')}>
        {chosenDay.slots.map((slot) => {
          const isCurrent = slot.startsAt === current;
          const full = slot.available <= 0;
          const selected = slot.startsAt === value;
          return (
            <Button
              key={slot.startsAt}
              role="radio"
              aria-checked={selected}
              disabled={full || isCurrent}
              type={selected ? 'primary' : 'default'}
              className="pl-time"
              onClick={() => onChange(slot.startsAt)}
              data-testid={`portal-book-slot-${slot.startsAt}`}
            >
              <span className="pl-time-clock">{formatTime(slot.startsAt)}</span>
              <span className="pl-time-left">
                {isCurrent ? t('portal.slots.current') : full ? t('portal.slots.full') : t('portal.slots.left', { n: slot.available })}
              </span>
            </Button>
          );
        })}
      </div>
    </div>
  );
}
