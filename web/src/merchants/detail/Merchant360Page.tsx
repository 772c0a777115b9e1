/*
 * Test ids of the merchant 360 page (`/merchants/:id`, id or merchant code):
 *
 * header      merchant-code, merchant-name, merchant-status (data-status), merchant-rating (data-rating),
 *             merchant-branch, merchant-settlement, merchant-next-review
 * risk list   merchant-hits, merchant-hit-<n>
 * service     merchant-requests, merchant-request-new, merchant-request-<ref> (opens request-drawer), merchant-reviews,
 *             merchant-reviews-next, merchant-review-status-<id>, merchant-review-step-<id> (opens task-drawer)
 * onboarding  merchant-onboarding, merchant-onboarding-start, merchant-onboarding-step-<elementId>,
 *             merchant-onboarding-handle-<elementId> (opens the work drawer: task-drawer, task-claim, task-complete),
 *             merchant-onboarding-system (a system step runs), merchant-onboarding-ended
 * cards       merchant-profile, merchant-account, merchant-chart, merchant-last30(-amount|-count|-chargebacks|-ratio|-refunds|-days),
 *             merchant-people, merchant-terminals, merchant-terminal-add, merchant-terminal-serial|model|location|region|submit,
 *             merchant-terminal-status-<serial>, merchant-agreements, merchant-agreement-fee-<version>, merchant-ratings, merchant-alerts,
 *             merchant-cases, merchant-case-<ref>, merchant-case-report
 */
import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Flex, Result, Row } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { useMe } from '../../auth/auth';
import { useT } from '../../i18n/i18n';
import { PageHeader } from '../../shared/PageHeader';
import { useRequest } from '../../shared/use-request';
import { merchantsApi } from '../merchants.api';
import { AgreementsCard } from './AgreementsCard';
import { MerchantHeader, MerchantProfile } from './MerchantHeader';
import { OnboardingCard } from './OnboardingCard';
import { Last30Card, MerchantAlertsCard, PeopleCard, RatingsCard, RiskHitsAlert } from './RecordCards';
import { ReviewsCard } from './ReviewsCard';
import { ServiceRequestsCard } from './ServiceRequestsCard';
import { RiskCasesCard } from './RiskCasesCard';
import { TerminalsCard } from './TerminalsCard';
import { TransactionsChart } from './TransactionsChart';

/** 商户视图 (`/merchants/:id`, `merchant.read`): one merchant — record, people, terminals, agreements, ratings, risk, figures. */
export function Merchant360Page() {
  const { id = '' } = useParams();
  const { t, lang } = useT();
  const { can } = useMe();
  const [version, setVersion] = useState(0);
  const view = useRequest((signal) => merchantsApi.view360(id, signal), [id, lang, version]);
  const rules = useRequest((signal) => merchantsApi.rules(signal), [], { enabled: can('merchant.risk'), silent: true });
  const ruleMap = useMemo(() => new Map((rules.data ?? []).map((r) => [r.code, r])), [rules.data]);
  const reload = useCallback(() => setVersion((n) => n + 1), []);
  const data = view.data;

  if (view.error && isApiError(view.error) && view.error.status === 404) {
    return <Result status="404" title={t('mch.notFound', { id })} extra={<Link to="/merchants">{t('mch.backToList')}</Link>} />;
  }

  const m = data?.merchant;
  return (
    <>
      <PageHeader
        title={m ? t('mch.title360', { name: m.name }) : t('nav.merchantList')}
        section="nav.merchants"
        extra={<Button icon={<ReloadOutlined />} onClick={reload}>{t('common.reload')}</Button>}
      />
      <Flex vertical gap={16}>
        <Card loading={view.loading && !data}>{m ? <MerchantHeader merchant={m} /> : null}</Card>
        {data && m ? (
          <>
            <RiskHitsAlert hits={data.riskListHits} />
            <OnboardingCard merchant={m} onChanged={reload} />
            <Row gutter={[16, 16]}>
              <Col xs={24} xl={15}>
                <Flex vertical gap={16}>
                  <TransactionsChart merchantId={m.id} version={version} />
                  <Card size="small" title={t('mch.profile')}>
                    <MerchantProfile merchant={m} />
                  </Card>
                  <TerminalsCard merchant={m} terminals={data.terminals} onChanged={reload} />
                  <AgreementsCard merchant={m} agreements={data.agreements} onChanged={reload} />
                  <ServiceRequestsCard merchant={m} version={version} />
                </Flex>
              </Col>
              <Col xs={24} xl={9}>
                <Flex vertical gap={16}>
                  <Last30Card figures={data.last30Days} />
                  <MerchantAlertsCard alerts={data.alerts} code={m.code} rules={ruleMap} />
                  <RiskCasesCard merchant={m} />
                  <ReviewsCard merchant={m} version={version} onChanged={reload} />
                  <RatingsCard ratings={data.ratings} />
                  <PeopleCard people={data.people} />
                </Flex>
              </Col>
            </Row>
          </>
        ) : null}
      </Flex>
    </>
  );
}
