import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';
import { useT } from '../i18n/i18n';

export function ForbiddenResult() {
  const { t } = useT();
  const navigate = useNavigate();
  return (
    <Result
      status="403"
      title={t('forbidden.title')}
      subTitle={t('forbidden.subtitle')}
      extra={<Button type="primary" onClick={() => navigate('/')}>{t('result.backHome')}</Button>}
      data-testid="result-403"
    />
  );
}

export function NotFoundResult() {
  const { t } = useT();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title={t('notFound.title')}
      subTitle={t('notFound.subtitle')}
      extra={<Button type="primary" onClick={() => navigate('/')}>{t('result.backHome')}</Button>}
    />
  );
}
