import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Spin } from 'antd';
import type { ReactNode } from 'react';
import { isApiError } from '../../api/client';
import { useT } from '../../i18n/i18n';
import type { RequestState } from '../../shared/use-request';

/** What went wrong, in the server's words where it said something (problem details in the UI language). */
export function useErrorText(): (error: unknown) => string {
  const { t } = useT();
  return (error) => {
    if (!isApiError(error)) return t('error.unexpected');
    if (error.status === 0) return t('error.network');
    if (error.status === 403) return t('error.forbidden');
    if (error.status === 404 && !error.detail) return t('analytics.notAvailable');
    const fields = error.errors.map((e) => e.message);
    return [error.detail || error.title || t('error.unexpected'), ...fields].join(' ');
  };
}

/** A failed load, where the figures would have been, with a retry. */
export function LoadError({ error, onRetry, testId }: { error: unknown; onRetry: () => void; testId?: string }) {
  const { t } = useT();
  const text = useErrorText();
  return (
    <Alert
      type="warning"
      showIcon
      title={t('analytics.loadFailed')}
      description={text(error)}
      action={<Button size="small" icon={<ReloadOutlined />} onClick={onRetry}>{t('common.reload')}</Button>}
      data-testid={testId ?? 'analytics-load-error'}
    />
  );
}

/**
 * A tab's request as the user sees it: a spinner at first, the error with a retry, an empty
 * state when `isEmpty` (no cases in the filter, or none at all), else `children` with the data (kept while a new filter loads, greyed).
 */
export function RequestView<T>({ state, isEmpty, filtered, children }: { state: RequestState<T>; isEmpty?: (data: T) => boolean; filtered: boolean; children: (data: T) => ReactNode }) {
  const { t } = useT();
  const empty = filtered ? t('analytics.noCases') : t('analytics.noEvents');
  if (state.error && !state.loading) return <LoadError error={state.error} onRetry={state.reload} />;
  if (state.data === undefined) return <Spin style={{ display: 'block', margin: '64px auto' }} />;
  if (isEmpty?.(state.data)) return <Empty style={{ margin: '48px 0' }} description={empty} data-testid="analytics-empty" />;
  return <Spin spinning={state.loading}>{children(state.data)}</Spin>;
}
