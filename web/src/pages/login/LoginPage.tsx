import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, Input, Typography, theme } from 'antd';
import { useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { isApiError } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { useT } from '../../i18n/i18n';
import { LanguageSwitch } from '../../layout/LanguageSwitch';
import { applyFieldErrors } from '../../shared/api-errors';

type LoginForm = { username: string; password: string };
const fields = ['username', 'password'] as const;

export function LoginPage() {
  const { t } = useT();
  const { login } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const { token } = theme.useToken();
  const [form] = Form.useForm<LoginForm>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const onFinish = async ({ username, password }: LoginForm) => {
    setSubmitting(true);
    setError(null);
    try {
      await login(username.trim(), password);
      const from = (location.state as { from?: string } | null)?.from;
      navigate(from && from !== '/login' ? from : '/', { replace: true });
    } catch (err) {
      form.setFieldValue('password', '');
      if (!isApiError(err)) setError(t('error.unexpected'));
      else if (err.status === 0) setError(t('error.network'));
      else {
        const rest = applyFieldErrors(form, err.errors, fields);
        // 401 is the generic "invalid username or password"; 429 carries the lock-out time.
        const fallback = err.status === 401 ? t('login.failed') : t('error.unexpected');
        setError([err.detail || fallback, ...rest.map((p) => p.message)].join(' '));
      }
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Flex
      vertical
      align="center"
      justify="center"
      style={{ minHeight: '100vh', padding: 24, background: `linear-gradient(160deg, ${token.colorPrimaryBg} 0%, #f3f5f8 60%)` }}
    >
      <Card style={{ width: '100%', maxWidth: 420 }} styles={{ body: { padding: 32 } }}>
        <Flex justify="flex-end">
          <LanguageSwitch size="small" />
        </Flex>
        <Flex vertical align="center" gap={4} style={{ margin: '8px 0 24px' }}>
          <Typography.Title level={3} style={{ margin: 0, color: token.colorPrimary }} data-testid="product-name">
            {t('login.brand')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('login.brandSub')}</Typography.Text>
        </Flex>
        <Typography.Title level={5} style={{ marginTop: 0 }}>{t('login.title')}</Typography.Title>
        {error ? (
          <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />
        ) : null}
        <Form<LoginForm> form={form} layout="vertical" onFinish={onFinish} requiredMark={false} size="large">
          <Form.Item
            name="username"
            label={t('login.username')}
            rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('login.username') }) }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="login-username" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('login.password')}
            rules={[{ required: true, message: t('common.required', { field: t('login.password') }) }]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={submitting} data-testid="login-submit">
            {t('login.submit')}
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 24, marginBottom: 0, fontSize: 12, textAlign: 'center' }}>
          {t('login.notice')}
        </Typography.Paragraph>
      </Card>
    </Flex>
  );
}
