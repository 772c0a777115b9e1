import { ClockCircleOutlined, RightOutlined, WalletOutlined } from '@ant-design/icons';
import { Segmented } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useT } from '../../i18n/i18n';
import { useRequest } from '../../shared/use-request';
import { PortalPage } from '../PortalLayout';
import { LoadFailed, LoadingBlock } from '../PortalStates';
import { portalApi, type Service } from '../portal.api';
import { feeSummary, formatTimeLimit } from '../portal-format';
import { CATEGORY_ORDER, categoryName } from '../service-words';

type Audience = 'all' | 'individual' | 'corporate';

const forAudience = (service: Service, audience: Audience) =>
  audience === 'all' || service.customerType === 'both' || service.customerType === audience;

/** 办事指南: every service, grouped by kind, with how long it takes and whether it costs anything. */
export function ServicesPage() {
  const { t, pick } = useT();
  const [audience, setAudience] = useState<Audience>('all');
  const { data, loading, error, reload } = useRequest((signal) => portalApi.services(signal), [], { silent: true });

  const groups = useMemo(() => {
    const shown = (data ?? []).filter((s) => forAudience(s, audience));
    return CATEGORY_ORDER.map((category) => ({ category, items: shown.filter((s) => s.category === category) })).filter((g) => g.items.length > 0);
  }, [data, audience]);

  return (
    <PortalPage title={t('portal.services.title')} intro={t('portal.services.intro')} testId="portal-services">
      <Segmented<Audience>
        block
        value={audience}
        onChange={setAudience}
        className="pl-audience"
        data-testid="portal-services-audience"
        options={[
          { value: 'all', label: t('portal.services.all') },
          { value: 'individual', label: t('portal.services.individual') },
          { value: 'corporate', label: t('portal.services.corporate') },
        ]}
      />
      {loading && !data ? <LoadingBlock /> : null}
      {error && !data ? <LoadFailed error={error} onRetry={reload} /> : null}
      {groups.map((group) => (
        <section key={group.category} className="pl-section">
          <h2 className="pl-section-title">{categoryName(group.category, t)}</h2>
          <div className="pl-list">
            {group.items.map((service) => (
              <Link key={service.code} to={`/portal/services/${encodeURIComponent(service.code)}`} className="pl-list-item" data-testid={`portal-service-${service.code}`}>
                <span className="pl-list-body">
                  <span className="pl-list-title">{pick(service)}</span>
                  <span className="pl-list-meta">
                    <span>
                      <ClockCircleOutlined /> {formatTimeLimit(service.timeLimit, t)}
                    </span>
                    <span>
                      <WalletOutlined /> {feeSummary(service, t)}
                    </span>
                  </span>
                </span>
                <RightOutlined className="pl-list-chevron" />
              </Link>
            ))}
          </div>
        </section>
      ))}
    </PortalPage>
  );
}
