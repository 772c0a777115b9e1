import { EnvironmentOutlined, LeftOutlined, PhoneOutlined } from '@ant-design/icons';
import { Card, ConfigProvider, Flex, Result, Space, Spin, Tag, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { useT } from '../../i18n/i18n';
import { LanguageSwitch } from '../../layout/LanguageSwitch';
import { useRequest } from '../../shared/use-request';
import { OnboardingCard } from '../detail/OnboardingCard';
import { mccLabel } from '../mcc';
import { MerchantStatusTag, RatingTag } from '../merchant-display';
import { merchantsApi } from '../merchants.api';

/** Larger type and controls for a phone held in one hand at the shop (16px keeps iOS from zooming into inputs). */
const FIELD_THEME = { token: { fontSize: 16, controlHeight: 40 } };

/**
 * 现场办理 (`/merchants/:id/field`, `merchant.read`): the merchant's onboarding on a phone, outside
 * the desktop frame — who and where the merchant is, its terminals, and the open step with its
 * form (the inspection is filled in on site). The full view is one tap away.
 */
export function MerchantFieldPage() {
  const { id = '' } = useParams();
  const { t, pick, lang } = useT();
  const [version, setVersion] = useState(0);
  const view = useRequest((signal) => merchantsApi.view360(id, signal), [id, lang, version]);
  const reload = useCallback(() => setVersion((n) => n + 1), []);
  const data = view.data;
  const m = data?.merchant;

  if (view.error && isApiError(view.error) && view.error.status === 404) {
    return <Result status="404" title={t('mch.notFound', { id })} extra={<Link to="/merchants">{t('mch.backToList')}</Link>} />;
  }

  return (
    <ConfigProvider theme={FIELD_THEME}>
      <div style={{ minHeight: '100%', background: '#f3f5f8' }} data-testid="merchant-field">
        <header style={{ position: 'sticky', top: 0, zIndex: 10, background: '#fff', borderBottom: '1px solid #e6e9ef' }}>
          <Flex align="center" justify="space-between" gap={8} style={{ maxWidth: 640, margin: '0 auto', padding: '10px 12px' }}>
            <Link to={`/merchants/${encodeURIComponent(id)}`} aria-label={t('mch.field.fullView')}>
              <Space size={6}><LeftOutlined /><span>{t('mch.field.fullView')}</span></Space>
            </Link>
            <Typography.Text strong>{t('mch.field.title')}</Typography.Text>
            <LanguageSwitch size="small" />
          </Flex>
        </header>
        <main style={{ maxWidth: 640, margin: '0 auto', padding: 12 }}>
          {!m || !data ? (
            <Spin style={{ display: 'block', margin: '60px auto' }} />
          ) : (
            <Flex vertical gap={12}>
              <Card size="small">
                <Flex vertical gap={6}>
                  <Typography.Title level={5} style={{ margin: 0 }}>{m.name}</Typography.Title>
                  <Space size={6} wrap>
                    <Typography.Text style={{ fontFamily: 'monospace' }} data-testid="merchant-code">{m.code}</Typography.Text>
                    <MerchantStatusTag status={m.status} testId="merchant-status" />
                    <RatingTag rating={m.riskRating} />
                  </Space>
                  <Typography.Text type="secondary">{t(`mch.kind.${m.kind}`)} · {mccLabel(m.mcc, pick)}</Typography.Text>
                  <Typography.Text><EnvironmentOutlined /> {m.address}</Typography.Text>
                  <Typography.Text><PhoneOutlined /> {m.contactName}{m.contactPhone ? ` · ${m.contactPhone}` : ''}</Typography.Text>
                  {data.terminals.length ? (
                    <Flex gap={4} wrap>
                      {data.terminals.map((d) => <Tag key={d.id} style={{ marginInlineEnd: 0 }}>{d.serial} · {d.model} · {t(`mch.terminals.status.${d.status}`)}</Tag>)}
                    </Flex>
                  ) : null}
                </Flex>
              </Card>
              {data.riskListHits.length ? <Card size="small"><Typography.Text type="danger" strong>{t('mch.hits.title', { n: data.riskListHits.length })}</Typography.Text></Card> : null}
              <OnboardingCard merchant={m} onChanged={reload} compact />
            </Flex>
          )}
        </main>
      </div>
    </ConfigProvider>
  );
}
