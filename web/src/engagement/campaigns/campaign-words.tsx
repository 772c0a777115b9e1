import { Tag } from 'antd';
import dayjs from 'dayjs';
import { useT } from '../../i18n/i18n';
import type { CampaignStatus } from './campaigns.api';

const COLOURS: Record<CampaignStatus, string> = { draft: 'default', scheduled: 'blue', running: 'green', finished: 'purple', cancelled: 'red' };

export function StatusTag({ status }: { status: CampaignStatus }) {
  const { t } = useT();
  return <Tag color={COLOURS[status]} data-testid="campaign-status">{t(`campaign.status.${status}`)}</Tag>;
}

export const when = (iso: string) => dayjs(iso).format('YYYY-MM-DD HH:mm');
export const period = (from: string, to: string) => `${when(from)} – ${when(to)}`;
/** A rate as a percentage with one decimal: 0.1234 → 12.3%. */
export const percent = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${(x * 100).toFixed(1)}%`);
