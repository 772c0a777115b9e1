/*
 * Test ids of the risk case page (`/merchants/risk-cases/:ref`, id or reference):
 *
 * risk-case-ref, risk-case-status (data-status), risk-case-merchant, risk-case-merchant-status (data-status),
 * risk-case-controls, risk-case-actions, risk-case-findings, risk-case-alert,
 * risk-case-process, risk-case-step-<elementId>, risk-case-handle-<elementId> (opens the work drawer:
 * task-drawer, task-claim, task-complete), risk-case-system (a system step runs), risk-case-steps
 */
import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Flex, Result, Row, Space, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { useT } from '../../i18n/i18n';
import { formatDateTime } from '../../shared/format';
import { PageHeader } from '../../shared/PageHeader';
import { useRequest } from '../../shared/use-request';
import { AlertStatusTag, MerchantStatusTag, RatingTag, SeverityTag } from '../merchant-display';
import { merchantsApi } from '../merchants.api';
import { CaseStepsCard } from './CaseStepsCard';
import { ActionList, CaseKindTag, CaseStatusTag, ControlTags } from './risk-case-display';
import { riskCasesApi, type RiskCaseDetail } from './risk-case.api';

/** 风险事件详情 (`/merchants/risk-cases/:ref`, `merchant.risk`): the case, the merchant's controls, the alert, the actions and the process. */
export function RiskCasePage() {
  const { id = '' } = useParams();
  const { t, lang } = useT();
  const view = useRequest((signal) => riskCasesApi.get(id, signal), [id, lang]);
  const { reload } = view;
  const c = view.data;

  if (view.error && isApiError(view.error) && view.error.status === 404) {
    return <Result status="404" title={t('mch.case.notFound', { id })} extra={<Link to="/merchants/risk-cases">{t('mch.case.backToList')}</Link>} />;
  }

  return (
    <>
      <PageHeader
        title={c ? t('mch.case.title', { ref: c.ref }) : t('nav.merchantRiskCases')}
        section="nav.merchants"
        extra={<Button icon={<ReloadOutlined />} onClick={reload}>{t('common.reload')}</Button>}
      />
      <Flex vertical gap={16}>
        <Card loading={view.loading && !c}>{c ? <CaseSummary c={c} /> : null}</Card>
        {c ? (
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={14}>
              <Flex vertical gap={16}>
                <CaseStepsCard riskCase={c} onChanged={reload} />
                <Card size="small" title={c.status === 'investigating' || c.status === 'awaiting_approval' ? t('mch.case.actionsProposed') : t('mch.case.actions')}>
                  <ActionList actions={c.actions} testId="risk-case-actions" />
                  {c.decidedBy || c.approvedBy ? (
                    <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }}>
                      {[c.decidedBy ? t('mch.case.decidedBy', { who: c.decidedBy }) : null, c.approvedBy ? t('mch.case.approvedBy', { who: c.approvedBy }) : null].filter(Boolean).join(' · ')}
                    </Typography.Paragraph>
                  ) : null}
                </Card>
              </Flex>
            </Col>
            <Col xs={24} xl={10}>
              <Flex vertical gap={16}>
                <MerchantCard c={c} />
                {c.alert ? <AlertCard alert={c.alert} merchantCode={c.merchant.code} /> : null}
              </Flex>
            </Col>
          </Row>
        ) : null}
      </Flex>
    </>
  );
}

function CaseSummary({ c }: { c: RiskCaseDetail }) {
  const { t } = useT();
  return (
    <Flex vertical gap={12}>
      <Space size={12} wrap align="center">
        <Typography.Title level={4} style={{ margin: 0, fontFamily: 'monospace' }} data-testid="risk-case-ref">{c.ref}</Typography.Title>
        <CaseStatusTag status={c.status} testId="risk-case-status" />
        <CaseKindTag kind={c.kind} />
        <Typography.Text type="secondary">{t(`mch.case.source.${c.source}`)}</Typography.Text>
      </Space>
      <Descriptions size="small" column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={t('mch.case.opened')}>{formatDateTime(c.createdAt).slice(0, 16)} · {c.createdBy}</Descriptions.Item>
        <Descriptions.Item label={t('mch.case.closedAt')}>{c.closedAt ? formatDateTime(c.closedAt).slice(0, 16) : '—'}</Descriptions.Item>
        <Descriptions.Item label={t('mch.case.description')} span={2}><Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{c.description}</Typography.Text></Descriptions.Item>
        <Descriptions.Item label={t('mch.case.findings')} span={2}>
          <Typography.Text style={{ whiteSpace: 'pre-wrap' }} type={c.findings ? undefined : 'secondary'} data-testid="risk-case-findings">{c.findings ?? t('mch.case.noFindings')}</Typography.Text>
        </Descriptions.Item>
      </Descriptions>
    </Flex>
  );
}

function MerchantCard({ c }: { c: RiskCaseDetail }) {
  const { t } = useT();
  const m = c.merchant;
  return (
    <Card size="small" title={t('mch.case.merchant')} extra={<Link to={`/merchants/risk-cases?merchant=${encodeURIComponent(m.code)}&status=all`}>{t('mch.case.merchantCases')}</Link>}>
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('mch.name')}>
          <Link to={`/merchants/${encodeURIComponent(m.code)}`} data-testid="risk-case-merchant">{m.name}</Link>
          <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontFamily: 'monospace' }}>{m.code}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('mch.statusCol')}>
          <Space size={4}><MerchantStatusTag status={m.status} testId="risk-case-merchant-status" /><RatingTag rating={m.riskRating} /></Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('mch.case.controls')}><ControlTags controls={m.controls} testId="risk-case-controls" /></Descriptions.Item>
        <Descriptions.Item label={t('mch.case.branch')}>{m.unitCode}</Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

function AlertCard({ alert, merchantCode }: { alert: NonNullable<RiskCaseDetail['alert']>; merchantCode: string }) {
  const { t, pick } = useT();
  const rules = useRequest((signal) => merchantsApi.rules(signal), [], { silent: true });
  const rule = rules.data?.find((r) => r.code === alert.ruleCode);
  return (
    <Card size="small" title={t('mch.case.alert')} extra={<Link to={`/merchants/alerts?merchant=${encodeURIComponent(merchantCode)}&status=all`}>{t('mch.case.alertBoard')}</Link>} data-testid="risk-case-alert">
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('mch.alertBoard.rule')}>
          <Flex vertical>
            <Typography.Text strong>{rule ? pick(rule) : alert.ruleCode}</Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12, fontFamily: 'monospace' }}>{alert.ruleCode}</Typography.Text>
          </Flex>
        </Descriptions.Item>
        <Descriptions.Item label={t('mch.alerts.severity')}><SeverityTag severity={alert.severity} /></Descriptions.Item>
        <Descriptions.Item label={t('mch.alerts.status')}><AlertStatusTag status={alert.status} /></Descriptions.Item>
        <Descriptions.Item label={t('mch.alertBoard.days')}>{alert.firstDay === alert.lastDay ? alert.firstDay : `${alert.firstDay} ~ ${alert.lastDay}`}</Descriptions.Item>
        {alert.note ? <Descriptions.Item label={t('mch.case.alertNote')}>{alert.note}</Descriptions.Item> : null}
      </Descriptions>
    </Card>
  );
}
