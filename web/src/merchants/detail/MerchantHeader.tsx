import { Descriptions, Flex, Space, Tag, Typography } from 'antd';
import { useT } from '../../i18n/i18n';
import { useUnitCatalog } from '../../shared/reference';
import { formatDateTime } from '../../shared/format';
import { mccLabel } from '../mcc';
import { MerchantStatusTag, RatingTag } from '../merchant-display';
import type { Merchant } from '../merchants.api';

/** The branch by its name when the unit list is readable, else its code. */
function useBranchName(code: string): string {
  const { pick } = useT();
  const units = useUnitCatalog();
  const unit = units.items.find((u) => u.code === code);
  return unit ? `${pick(unit)} (${code})` : code;
}

/** Code, name, status and rating, what kind of business, which branch serves it, its controls. */
export function MerchantHeader({ merchant: m }: { merchant: Merchant }) {
  const { t, pick } = useT();
  const branch = useBranchName(m.unitCode);
  const delay = m.controls.settlementDelayDays;
  return (
    <Flex vertical gap={6}>
      <Space size={10} align="center" wrap>
        <Typography.Title level={4} copyable={{ text: m.code }} style={{ margin: 0, fontFamily: 'monospace' }} data-testid="merchant-code">{m.code}</Typography.Title>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="merchant-name">{m.name}</Typography.Title>
        <MerchantStatusTag status={m.status} testId="merchant-status" />
        <RatingTag rating={m.riskRating} testId="merchant-rating" />
        {m.tier !== 'standard' ? <Tag color="purple" style={{ marginInlineEnd: 0 }}>{t(`mch.tier.${m.tier}`)}</Tag> : null}
      </Space>
      <Typography.Text>
        {t(`mch.kind.${m.kind}`)} · {t(`mch.scale.${m.scale}`)} · {t('mch.mccShort')} {mccLabel(m.mcc, pick)}
      </Typography.Text>
      <Typography.Text type="secondary" data-testid="merchant-branch">
        {t('mch.branchPrefix')}{branch}
      </Typography.Text>
      <Space size={16} wrap>
        <span>
          <Typography.Text type="secondary">{t('mch.settlementPrefix')}</Typography.Text>
          <Typography.Text strong data-testid="merchant-settlement">{delay ? `T+${delay}` : '—'}</Typography.Text>
        </span>
        <span>
          <Typography.Text type="secondary">{t('mch.nextReviewPrefix')}</Typography.Text>
          <Typography.Text data-testid="merchant-next-review">{m.nextReviewOn ?? '—'}</Typography.Text>
        </span>
      </Space>
    </Flex>
  );
}

/** The record as registered: the credit code and address plain, the account and the contact's phone masked as they come. */
export function MerchantProfile({ merchant: m }: { merchant: Merchant }) {
  const { t } = useT();
  const limits = [m.controls.singleLimit ? t('mch.singleLimit', { amount: m.controls.singleLimit }) : null, m.controls.dailyLimit ? t('mch.dailyLimit', { amount: m.controls.dailyLimit }) : null].filter(Boolean);
  return (
    <Descriptions size="small" column={{ xs: 1, md: 2 }} data-testid="merchant-profile">
      <Descriptions.Item label={t('mch.uscc')}><span style={{ fontFamily: 'monospace' }}>{m.uscc}</span></Descriptions.Item>
      <Descriptions.Item label={t('mch.region')}><span style={{ fontFamily: 'monospace' }}>{m.region}</span></Descriptions.Item>
      <Descriptions.Item label={t('mch.address')} span={2}>{m.address}</Descriptions.Item>
      <Descriptions.Item label={t('mch.settlementAccount')}><span style={{ fontFamily: 'monospace' }} data-testid="merchant-account">{m.settlementAccount}</span></Descriptions.Item>
      <Descriptions.Item label={t('mch.contact')}>
        {m.contactName}
        {m.contactPhone ? <span style={{ fontFamily: 'monospace', marginInlineStart: 8 }}>{m.contactPhone}</span> : null}
      </Descriptions.Item>
      <Descriptions.Item label={t('mch.limits')}>{limits.length ? limits.join(' · ') : '—'}</Descriptions.Item>
      <Descriptions.Item label={t('mch.registeredAt')}>{formatDateTime(m.createdAt)}</Descriptions.Item>
    </Descriptions>
  );
}
