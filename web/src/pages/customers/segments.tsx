import { Tag } from 'antd';
import { useEffect, useState } from 'react';
import { customersApi, type Segment } from '../../api/customers.api';
import { useT } from '../../i18n/i18n';

// Segments change rarely: one load per page visit serves every tag on every screen.
let loaded: Segment[] | null = null;
let loading: Promise<Segment[]> | null = null;

/** The customer segments (客户分层), in rank order; empty until loaded (or when the load fails). */
export function useSegments(): Segment[] {
  const [segments, setSegments] = useState<Segment[]>(loaded ?? []);
  useEffect(() => {
    if (loaded) return;
    let alive = true;
    loading ??= customersApi.segments().then(
      (items) => (loaded = items),
      () => {
        loading = null;
        return [];
      },
    );
    void loading.then((items) => alive && setSegments(items));
    return () => {
      alive = false;
    };
  }, []);
  return segments;
}

const rankColors = ['default', 'gold', 'geekblue', 'purple', 'magenta'];

/** A segment's name in a colour that rises with its rank (普通 plain, 金卡 gold, 白金, 私行). */
export function SegmentTag({ code }: { code: string }) {
  const { pick } = useT();
  const segments = useSegments();
  const index = segments.findIndex((s) => s.code === code);
  const segment = segments[index];
  const color = index < 0 ? 'default' : rankColors[Math.min(index, rankColors.length - 1)];
  return <Tag color={color} style={{ marginInlineEnd: 0 }}>{segment ? pick(segment) : code}</Tag>;
}

/** Blacklist (red) and politically exposed person (orange) flags; nothing when neither is set. */
export function RiskTags({ blacklisted, pep }: { blacklisted: boolean; pep: boolean }) {
  const { t } = useT();
  return (
    <>
      {blacklisted ? <Tag color="red" data-testid="risk-blacklisted">{t('cust.blacklisted')}</Tag> : null}
      {pep ? <Tag color="orange" data-testid="risk-pep">{t('cust.pep')}</Tag> : null}
    </>
  );
}
