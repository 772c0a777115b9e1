import { CalendarOutlined } from '@ant-design/icons';
import { Result } from 'antd';
import { useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { useT } from '../../i18n/i18n';
import { useRequest } from '../../shared/use-request';
import { MaterialsList } from '../MaterialsList';
import { PortalPage } from '../PortalLayout';
import { LoadFailed, LoadingBlock, NavButton } from '../PortalStates';
import { usePortalInfo } from '../use-portal-info';
import { portalApi, type Service } from '../portal.api';
import { formatFee, formatTimeLimit, isFree } from '../portal-format';
import { bookable, categoryName, channelName, customerTypeName } from '../service-words';
import '../portal-service.css';

const back = (label: string) => ({ to: '/portal/services', label });

/** One service in full: what to bring, what it costs, how long it takes, where it can be done. */
export function ServicePage() {
  const { code = '' } = useParams();
  const { t, pick } = useT();
  const { data, loading, error, reload } = useRequest((signal) => portalApi.service(code, signal), [code], { silent: true });

  if (!data) {
    const missing = isApiError(error) && error.status === 404;
    return (
      <PortalPage title={t('portal.services.title')} back={back(t('portal.services.title'))}>
        {loading ? <LoadingBlock /> : null}
        {missing ? <Result status="404" title={t('portal.service.notFound')} subTitle={t('portal.service.notFoundText')} /> : null}
        {error && !missing ? <LoadFailed error={error} onRetry={reload} /> : null}
      </PortalPage>
    );
  }
  return (
    <PortalPage title={pick(data)} back={back(t('portal.services.title'))} testId="portal-service">
      <div className="pl-chips">
        <span className="pl-chip">{categoryName(data.category, t)}</span>
        <span className="pl-chip">{customerTypeName(data.customerType, t)}</span>
      </div>
      <ServiceFacts service={data} />
      {bookable(data) ? (
        <div className="pl-sticky-action">
          <NavButton to={`/portal/appointments?service=${encodeURIComponent(data.code)}`} type="primary" block size="large" icon={<CalendarOutlined />} data-testid="portal-service-book">
            {t('portal.service.book')}
          </NavButton>
        </div>
      ) : (
        <p className="pl-note">{t('portal.service.noVisitNeeded')}</p>
      )}
    </PortalPage>
  );
}

function ServiceFacts({ service }: { service: Service }) {
  const { t, lang, pick } = useT();
  const { branches } = usePortalInfo();
  const branchName = (code: string) => {
    const known = branches.find((b) => b.code === code);
    return known ? pick(known) : code;
  };
  return (
    <>
      <section className="pl-card">
        <h2 className="pl-card-title">{t('portal.service.bring')}</h2>
        <MaterialsList materials={service.materials} />
        <p className="pl-muted pl-small">{t('portal.service.bringNote')}</p>
      </section>

      <section className="pl-card">
        <h2 className="pl-card-title">{t('portal.service.fees')}</h2>
        {service.fees.length === 0 ? (
          <p className="pl-fee-free">{t('portal.service.noFees')}</p>
        ) : (
          <ul className="pl-fees">
            {service.fees.map((fee) => {
              const condition = lang === 'zh-CN' ? fee.conditionZh || fee.conditionEn : fee.conditionEn || fee.conditionZh;
              return (
                <li key={fee.nameZh + fee.nameEn} className="pl-fee">
                  <span className="pl-fee-head">
                    <span>{pick(fee)}</span>
                    <strong className={isFree(fee) ? 'pl-fee-amount is-free' : 'pl-fee-amount'}>{formatFee(fee, t)}</strong>
                  </span>
                  {condition ? <span className="pl-muted pl-small">{condition}</span> : null}
                </li>
              );
            })}
          </ul>
        )}
      </section>

      <section className="pl-card">
        <h2 className="pl-card-title">{t('portal.service.time')}</h2>
        <p className="pl-strong" data-testid="portal-service-time">{formatTimeLimit(service.timeLimit, t)}</p>
        {service.timeLimit.unit === 'workingDays' || service.timeLimit.unit === 'workingHours' ? (
          <p className="pl-muted pl-small">{t('portal.service.timeNote')}</p>
        ) : null}
      </section>

      <section className="pl-card">
        <h2 className="pl-card-title">{t('portal.service.where')}</h2>
        <div className="pl-chips">
          {service.channels.map((channel) => (
            <span key={channel} className="pl-chip pl-chip-blue">{channelName(channel, t)}</span>
          ))}
        </div>
        <p className="pl-muted pl-small">
          {service.branches.length === 0 ? t('portal.service.allBranches') : t('portal.service.someBranches', { branches: service.branches.map(branchName).join(lang === 'zh-CN' ? '、' : ', ') })}
        </p>
      </section>
    </>
  );
}
