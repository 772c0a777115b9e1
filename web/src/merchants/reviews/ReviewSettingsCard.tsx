import { SaveOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Form, InputNumber, Typography } from 'antd';
import { useEffect } from 'react';
import { useMe } from '../../auth/auth';
import { useFormSubmit } from '../../complaints/use-form-submit';
import { useT } from '../../i18n/i18n';
import { formatDateTime } from '../../shared/format';
import { useRequest } from '../../shared/use-request';
import { RatingTag } from '../merchant-display';
import type { RiskRating } from '../merchants.api';
import { serviceApi, type ReviewMonths } from '../service.api';

const ORDER: readonly RiskRating[] = ['high', 'medium', 'low'];
/** The body is `{ high, medium, low }`: a refusal's pointer (`/high`) lands on its field. */
const FIELDS = ['high', 'medium', 'low'] as const;

/**
 * 复查周期: the months between re-reviews by rating. Holders of `merchant.configure` change them;
 * the server refuses a riskier rating reviewed less often than a safer one, on the field at fault.
 * A change applies from each merchant's next recorded rating.
 */
export function ReviewSettingsCard() {
  const { t, lang } = useT();
  const { can } = useMe();
  const { message } = App.useApp();
  const editable = can('merchant.configure');
  const [form] = Form.useForm<ReviewMonths>();
  const { busy, problem, clearProblem, run } = useFormSubmit(form, FIELDS);
  const settings = useRequest((signal) => serviceApi.reviewSettings(signal), [lang]);

  useEffect(() => {
    if (settings.data && editable) form.setFieldsValue(settings.data.months);
  }, [settings.data, editable, form]);

  const save = async () => {
    let months: ReviewMonths;
    try {
      months = await form.validateFields();
    } catch {
      return;
    }
    const saved = await run(() => serviceApi.setReviewSettings(months));
    if (!saved) return;
    void message.success(t('mch.review.settingsSaved'));
    settings.reload();
  };

  return (
    <Card size="small" title={t('mch.review.settingsTitle')} loading={settings.loading && !settings.data} data-testid="review-settings">
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>{t('mch.review.settingsIntro')}</Typography.Paragraph>
      {editable ? (
        <Form form={form} layout="vertical" onValuesChange={clearProblem}>
          {ORDER.map((rating) => (
            <Form.Item key={rating} name={rating} label={<RatingTag rating={rating} />} rules={[{ required: true, message: t('mch.review.monthsRequired') }]}>
              <InputNumber<number> min={1} max={36} precision={0} suffix={t('mch.review.monthsUnit')} style={{ width: 160 }} data-testid={`review-months-${rating}`} />
            </Form.Item>
          ))}
        </Form>
      ) : (
        <Flex vertical gap={8} style={{ marginBottom: 12 }}>
          {ORDER.map((rating) => (
            <Flex key={rating} gap={8} align="center">
              <RatingTag rating={rating} />
              <Typography.Text data-testid={`review-months-${rating}`}>{settings.data ? t('mch.review.every', { n: settings.data.months[rating] }) : '—'}</Typography.Text>
            </Flex>
          ))}
        </Flex>
      )}
      {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} data-testid="review-settings-error" /> : null}
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {settings.data?.updatedBy ? t('mch.review.settingsUpdated', { who: settings.data.updatedBy, at: formatDateTime(settings.data.updatedAt).slice(0, 16) }) : t('mch.review.settingsDefault')}
        </Typography.Text>
        {editable ? <Button type="primary" icon={<SaveOutlined />} loading={busy} onClick={() => void save()} data-testid="review-settings-save">{t('common.save')}</Button> : null}
      </Flex>
    </Card>
  );
}
