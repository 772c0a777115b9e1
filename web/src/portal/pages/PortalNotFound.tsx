import { Result } from 'antd';
import { useT } from '../../i18n/i18n';
import { useDocumentTitle } from '../PortalLayout';
import { NavButton } from '../PortalStates';

export function PortalNotFound() {
  const { t } = useT();
  useDocumentTitle(t('portal.notFound.title'));
  return (
    <Result
      status="404"
      title={t('portal.notFound.title')}
      subTitle={t('portal.notFound.text')}
      extra={
        <NavButton to="/portal" type="primary">
          {t('portal.nav.backHome')}
        </NavButton>
      }
    />
  );
}
