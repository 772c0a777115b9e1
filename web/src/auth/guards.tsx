import { Button, Result, Spin } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useT } from '../i18n/i18n';
import { ForbiddenResult } from '../shared/results';
import { useAuth, useMe, type PermissionNeed } from './auth';

/** Renders its children only with a session; otherwise sends the user to the login page. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { session, recheck } = useAuth();
  const location = useLocation();
  const { t } = useT();

  switch (session.type) {
    case 'checking':
      return (
        <div style={{ display: 'grid', placeItems: 'center', minHeight: '100vh' }}>
          <Spin size="large" description={t('common.loading')} />
        </div>
      );
    case 'unavailable':
      return (
        <Result
          status="warning"
          title={t('error.network')}
          extra={<Button type="primary" onClick={recheck}>{t('common.reload')}</Button>}
        />
      );
    case 'anonymous':
      // After an expired session (or a bookmark) the user returns to where they were going.
      return <Navigate to="/login" replace state={session.loggedOut ? null : { from: location.pathname + location.search }} />;
    case 'signed-in':
      return <>{children}</>;
  }
}

/** A route the signed-in user may only open with `permission` (or any one of several); otherwise a 403 page. */
export function RequirePermission({ permission, children }: { permission: PermissionNeed; children: ReactNode }) {
  const { can } = useMe();
  return can(permission) ? <>{children}</> : <ForbiddenResult />;
}
