import { Alert, App, Button, Card, Empty, Popconfirm, Segmented, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { isApiError } from '../../api/client';
import { useMe } from '../../auth/auth';
import { useT } from '../../i18n/i18n';
import { useShowError } from '../../shared/api-errors';
import { useRequest } from '../../shared/use-request';
import { KindText } from '../products/product-display';
import type { Channel } from '../products/products.api';
import { offersApi, type Offer, type OfferReason } from './offers.api';
import { SaleModal } from './SaleModal';

type Props = {
  customerId: string;
  /** Fixed where the customer is being served (the counter); omitted: the user chooses, a preview first. */
  channel?: 'counter' | 'phone';
};

/**
 * 推荐产品 / Suggested products: the offers for a customer ranked by score, each with its reasons;
 * accept (sell through the suitability check), decline; and any other product tried, with the
 * refusal's reasons shown when it does not suit. Needs `product.read`; selling, `product.sell`.
 */
export function SuggestedProducts({ customerId, channel: fixed }: Props) {
  const { t, lang } = useT();
  const me = useMe();
  const { message } = App.useApp();
  const showError = useShowError();
  const [chosen, setChosen] = useState<'preview' | 'counter' | 'phone'>('preview');
  const channel: Channel | null = fixed ?? (chosen === 'preview' ? null : chosen);
  // a customer of another branch served here: said in the panel, not as an error over the counter's work
  const offers = useRequest((signal) => offersApi.list(customerId, channel, signal), [customerId, channel], { silent: true });
  const [selling, setSelling] = useState<{ offer: Offer | null } | null>(null);
  const canSell = me.can('product.sell');
  const reason = (r: { en: string; zh: string }) => (lang === 'zh-CN' ? r.zh : r.en);

  const decline = async (offer: Offer) => {
    try {
      await offersApi.decline(offer.id!);
      void message.success(t('offer.declined'));
      offers.reload();
    } catch (error) {
      showError(error);
    }
  };

  return (
    <Card
      size="small"
      title={t('offer.title')}
      data-testid="offers-panel"
      extra={
        <Space wrap>
          {fixed ? null : (
            <Segmented
              size="small"
              value={chosen}
              onChange={(v) => setChosen(v as typeof chosen)}
              options={[{ value: 'preview', label: t('offer.channel.preview') }, { value: 'counter', label: t('offer.channel.counter') }, { value: 'phone', label: t('offer.channel.phone') }]}
              data-testid="offers-channel"
            />
          )}
          {canSell ? <Button size="small" onClick={() => setSelling({ offer: null })} data-testid="offers-sell-other">{t('offer.sellOther')}</Button> : null}
        </Space>
      }
    >
      {offers.error ? <Alert type="info" showIcon title={isApiError(offers.error) ? offers.error.detail ?? offers.error.title : t('offer.unavailable')} style={{ marginBottom: 8 }} data-testid="offers-unavailable" /> : null}
      {offers.data?.withheld ? <Typography.Paragraph type="warning" data-testid="offers-withheld">{reason(offers.data.withheld)}</Typography.Paragraph> : null}
      <Table<Offer>
        rowKey={(o) => o.product.code}
        size="small"
        loading={offers.loading}
        dataSource={offers.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('offer.none')} /> }}
        data-testid="offers-table"
        columns={[
          { key: 'rank', title: '#', width: 40, render: (_, o) => o.rank },
          {
            key: 'product',
            title: t('offer.product'),
            render: (_, o) => (
              <Space direction="vertical" size={0}>
                <Typography.Text strong>{lang === 'zh-CN' ? o.product.nameZh : o.product.nameEn}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{o.product.code} · <KindText kind={o.product.kind} /> · {o.product.risk}{o.product.rateText ? ` · ${o.product.rateText}` : ''}</Typography.Text>
              </Space>
            ),
          },
          {
            key: 'score',
            title: t('offer.score'),
            render: (_, o) => (
              <Space direction="vertical" size={0}>
                <Typography.Text strong data-testid="offer-score">{(o.score * 100).toFixed(0)}%</Typography.Text>
                <Tooltip title={o.method === 'model' ? t('offer.method.modelHint') : t('offer.method.rulesHint')}>
                  <Tag color={o.method === 'model' ? 'blue' : 'default'}>{o.method === 'model' ? t('offer.method.model', { version: o.modelVersion ?? '' }) : t('offer.method.rules')}</Tag>
                </Tooltip>
              </Space>
            ),
          },
          {
            key: 'reasons',
            title: t('offer.reasons'),
            render: (_, o) => (
              <ReasonList reasons={o.reasons} text={reason} />
            ),
          },
          ...(canSell
            ? [{
                key: 'actions',
                title: '',
                render: (_: unknown, o: Offer) => (
                  <Space>
                    <Button type="primary" size="small" onClick={() => setSelling({ offer: o })} data-testid="offer-accept">{t('offer.accept')}</Button>
                    {o.id ? (
                      <Popconfirm title={t('offer.declineConfirm')} onConfirm={() => void decline(o)} okText={t('common.ok')} cancelText={t('common.cancel')}>
                        <Button size="small" data-testid="offer-decline">{t('offer.decline')}</Button>
                      </Popconfirm>
                    ) : null}
                  </Space>
                ),
              }]
            : []),
        ]}
      />
      {selling ? (
        <SaleModal
          customerId={customerId}
          channel={channel ?? 'counter'}
          offer={selling.offer}
          open
          onClose={() => setSelling(null)}
          onSold={() => {
            setSelling(null);
            void message.success(t('offer.sold'));
            offers.reload();
          }}
        />
      ) : null}
    </Card>
  );
}

/** The customer 360's "推荐产品 / Suggested products" tab for holders of `product.read`; null for others. */
export function useOffersTab(customerId: string, kind: string) {
  const { t } = useT();
  const me = useMe();
  if (!me.can('product.read') || kind !== 'individual') return null;
  return { key: 'offers', label: <span data-testid="c360-tab-offers">{t('offer.title')}</span>, children: <SuggestedProducts customerId={customerId} /> };
}

/** The reasons that weigh most, the history line under them, the rest one click away: a teller reads three, not ten. */
function ReasonList({ reasons, text }: { reasons: OfferReason[]; text: (r: OfferReason) => string }) {
  const { t } = useT();
  const [all, setAll] = useState(false);
  const weighed = reasons.filter((r) => r.weight !== null);
  const context = reasons.filter((r) => r.weight === null);
  const shown = all ? weighed : weighed.slice(0, MAIN_REASONS);
  const hidden = weighed.length - shown.length;
  return (
    <ul style={{ margin: 0, paddingInlineStart: 16, maxWidth: 420 }} data-testid="offer-reasons">
      {shown.map((r) => (
        <li key={r.code} style={{ color: r.weight! < 0 ? 'var(--ant-color-error)' : undefined }}>{text(r)}</li>
      ))}
      {hidden > 0 ? (
        <li style={{ listStyle: 'none' }}>
          <Typography.Link onClick={() => setAll(true)} data-testid="offer-reasons-more">{t('offer.moreReasons', { count: hidden })}</Typography.Link>
        </li>
      ) : null}
      {context.map((r) => (
        <li key={r.code} style={{ color: 'var(--ant-color-text-secondary)' }}>{text(r)}</li>
      ))}
    </ul>
  );
}

/** Reasons shown before "more". */
const MAIN_REASONS = 3;
