import { Button, Result, Spin, type ButtonProps } from 'antd';
import { useNavigate } from 'react-router';
import { isApiError } from '../api/client';
import { useT } from '../i18n/i18n';

export function LoadingBlock() {
  const { t } = useT();
  return (
    <div className="pl-loading" role="status">
      <Spin />
      <span>{t('portal.loading')}</span>
    </div>
  );
}

/** A load that failed: what happened in plain words and a way to try again. */
export function LoadFailed({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useT();
  const offline = isApiError(error) && error.status === 0;
  return (
    <Result
      status="warning"
      title={offline ? t('portal.error.offline') : t('portal.error.loadFailed')}
      subTitle={t('portal.error.tryAgainLater')}
      extra={<Button onClick={onRetry}>{t('portal.retry')}</Button>}
    />
  );
}

/**
 * The text to show for a failed call: the server's own explanation (already in the visitor's
 * language), or a plain fallback when the server could not be reached.
 */
export function useErrorText(): (error: unknown) => string {
  const { t } = useT();
  return (error) => {
    if (!isApiError(error)) return t('portal.error.unexpected');
    if (error.status === 0) return t('portal.error.offline');
    if (error.status >= 500) return t('portal.error.unexpected');
    return error.detail || t('portal.error.unexpected');
  };
}

/** A button that moves within the portal (a button inside a link would be two controls in one). */
export function NavButton({ to, ...props }: Omit<ButtonProps, 'onClick' | 'href'> & { to: string }) {
  const navigate = useNavigate();
  return <Button {...props} onClick={() => void navigate(to)} />;
}
