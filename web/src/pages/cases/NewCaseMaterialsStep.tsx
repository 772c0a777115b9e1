import { Alert, Button, Checkbox, Col, Flex, Form, Input, Radio, Row, Tag, Typography } from 'antd';
import { moneyPattern, type Channel, type Service } from '../../api/catalog.api';
import { useT } from '../../i18n/i18n';

/** Services whose process needs the amount (loans, transfers). */
export function needsAmount(service: Service): boolean {
  return service.category === 'loan' || service.category === 'payment';
}

export function amountProblem(service: Service, amount: string): 'missing' | 'invalid' | null {
  if (!needsAmount(service)) return null;
  if (amount.trim() === '') return 'missing';
  return moneyPattern.test(amount.trim()) && Number(amount) > 0 ? null : 'invalid';
}

type Props = {
  service: Service;
  received: number[];
  onReceived: (positions: number[]) => void;
  amount: string;
  onAmount: (amount: string) => void;
  channel: Channel | undefined;
  onChannel: (channel: Channel) => void;
  /** Show the amount's problem (after a first try to go on). */
  showProblems: boolean;
};

/** Step 3: materials received at the counter, the amount where it matters, and the channel. */
export function NewCaseMaterialsStep({ service, received, onReceived, amount, onAmount, channel, onChannel, showProblems }: Props) {
  const { t, pick, lang } = useT();
  const missing = service.materials.filter((m, i) => m.required && !received.includes(i));
  const problem = showProblems ? amountProblem(service, amount) : null;

  return (
    <Row gutter={32}>
      <Col xs={24} lg={14}>
        <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
          <Typography.Text strong>{t('newCase.materialsTitle')}</Typography.Text>
          {service.materials.length > 0 ? (
            <Button size="small" type="link" onClick={() => onReceived(service.materials.map((_, i) => i))} data-testid="newcase-all-received">
              {t('newCase.allReceived')}
            </Button>
          ) : null}
        </Flex>
        {service.materials.length === 0 ? <Typography.Text type="secondary">{t('svc.noMaterials')}</Typography.Text> : null}
        <Checkbox.Group value={received} onChange={(values) => onReceived([...values].sort())} style={{ width: '100%' }}>
          <Flex vertical gap={6} style={{ width: '100%' }}>
            {service.materials.map((m, i) => {
              const validity = lang === 'zh-CN' ? m.validityZh || m.validityEn : m.validityEn || m.validityZh;
              const isMissing = m.required && !received.includes(i);
              return (
                <Flex key={i} justify="space-between" align="center" gap={8}
                  style={{ padding: '8px 12px', borderRadius: 4, border: `1px solid ${isMissing ? '#ffccc7' : '#f0f0f0'}`, background: isMissing ? '#fff1f0' : '#fafafa' }}>
                  <Checkbox value={i} data-testid={`newcase-material-${i}`}>
                    <span>{pick(m)}</span>
                    {validity ? <Typography.Text type="secondary" style={{ fontSize: 12 }}> · {validity}</Typography.Text> : null}
                  </Checkbox>
                  {m.required ? <Tag color={isMissing ? 'red' : 'blue'}>{t('svc.required')}</Tag> : <Tag>{t('svc.optional')}</Tag>}
                </Flex>
              );
            })}
          </Flex>
        </Checkbox.Group>
        {missing.length > 0 ? (
          <Alert type="warning" showIcon style={{ marginTop: 12 }} title={t('newCase.missingWarning', { names: missing.map((m) => pick(m)).join(t('svc.sep')) })} />
        ) : null}
      </Col>
      <Col xs={24} lg={10}>
        <Form layout="vertical">
          {needsAmount(service) ? (
            <Form.Item
              label={t('case.amount')}
              required
              validateStatus={problem ? 'error' : undefined}
              help={problem ? t(problem === 'missing' ? 'newCase.amountMissing' : 'newCase.amountInvalid') : t('newCase.amountHint')}
            >
              <Input prefix="¥" value={amount} onChange={(e) => onAmount(e.target.value)} inputMode="decimal" placeholder="0.00" style={{ maxWidth: 260 }} data-testid="newcase-amount" />
            </Form.Item>
          ) : null}
          <Form.Item label={t('case.channel')} required>
            <Radio.Group value={channel} onChange={(e) => onChannel(e.target.value as Channel)} data-testid="newcase-channel">
              {service.channels.map((c) => <Radio.Button key={c} value={c}>{t(`svc.channel.${c}`)}</Radio.Button>)}
            </Radio.Group>
          </Form.Item>
        </Form>
      </Col>
    </Row>
  );
}
