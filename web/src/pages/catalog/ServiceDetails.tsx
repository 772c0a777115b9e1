import { Descriptions, Flex, Tag, Typography } from 'antd';
import type { Service } from '../../api/catalog.api';
import { useT } from '../../i18n/i18n';
import { ChannelTags, formatMoney, timeLimitText } from './service-display';

/** What a customer is told about a service: materials to bring, fees, how long it takes, where. */
export function ServiceDetails({ service: s }: { service: Service }) {
  const { t, pick, lang } = useT();
  const zh = lang === 'zh-CN';
  return (
    <Descriptions size="small" column={1} bordered styles={{ label: { width: 120 } }} data-testid={`service-details-${s.code}`}>
      <Descriptions.Item label={t('svc.materials')}>
        {s.materials.length === 0 ? (
          <Typography.Text type="secondary">{t('svc.noMaterials')}</Typography.Text>
        ) : (
          <Flex vertical gap={4}>
            {s.materials.map((m, i) => {
              const validity = zh ? m.validityZh || m.validityEn : m.validityEn || m.validityZh;
              return (
                <div key={i}>
                  {m.required ? <Tag color="red">{t('svc.required')}</Tag> : <Tag>{t('svc.optional')}</Tag>}
                  <span>{pick(m)}</span>
                  {validity ? <Typography.Text type="secondary" style={{ fontSize: 12 }}> · {validity}</Typography.Text> : null}
                </div>
              );
            })}
          </Flex>
        )}
      </Descriptions.Item>
      <Descriptions.Item label={t('svc.fees')}>
        {s.fees.length === 0 ? (
          t('svc.free')
        ) : (
          <Flex vertical gap={4}>
            {s.fees.map((f, i) => {
              const condition = zh ? f.conditionZh || f.conditionEn : f.conditionEn || f.conditionZh;
              return (
                <div key={i}>
                  <span style={{ marginInlineEnd: 6 }}>{pick(f)}</span>
                  <Typography.Text strong>{formatMoney(f.amount)}</Typography.Text>
                  {condition ? <Typography.Text type="secondary" style={{ fontSize: 12 }}> · {condition}</Typography.Text> : null}
                </div>
              );
            })}
          </Flex>
        )}
      </Descriptions.Item>
      <Descriptions.Item label={t('svc.timeLimit')}>{timeLimitText(t, s.timeLimit)}</Descriptions.Item>
      <Descriptions.Item label={t('svc.channels')}><ChannelTags channels={s.channels} t={t} /></Descriptions.Item>
      <Descriptions.Item label={t('svc.handling')}>{s.processKey ? t('svc.byProcess') : t('svc.atCounter')}</Descriptions.Item>
    </Descriptions>
  );
}
