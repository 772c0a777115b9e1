import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, List, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useMe } from '../../auth/auth';
import { useT } from '../../i18n/i18n';
import { formatDateTime } from '../../shared/format';
import { useRequest } from '../../shared/use-request';
import type { Merchant } from '../merchants.api';
import { OpenCaseModal } from '../risk-cases/OpenCaseModal';
import { ActionList, CaseKindTag, CaseStatusTag } from '../risk-cases/risk-case-display';
import { riskCasesApi } from '../risk-cases/risk-case.api';

/** Statuses a risk case may be opened on (the server says so too). */
const CASE_ON = ['active', 'restricted', 'suspended'];

/**
 * The merchant's risk cases (风险事件), open ones first, for those who handle risk
 * (`merchant.risk`); a new one is reported from here.
 */
export function RiskCasesCard({ merchant }: { merchant: Merchant }) {
  const { t, lang } = useT();
  const { can } = useMe();
  const navigate = useNavigate();
  const [reporting, setReporting] = useState(false);
  const allowed = can('merchant.risk');
  const cases = useRequest((signal) => riskCasesApi.list({ merchant: merchant.code, limit: 5, offset: 0 }, signal), [merchant.code, lang], { enabled: allowed, silent: true });
  if (!allowed) return null;
  const total = cases.data?.total ?? 0;
  return (
    <Card
      size="small"
      title={t('mch.case.cardTitle')}
      extra={
        <Space size={12}>
          {total > 0 ? <Link to={`/merchants/risk-cases?merchant=${encodeURIComponent(merchant.code)}&status=all`}>{t('mch.case.allOfMerchant', { total })}</Link> : null}
          {CASE_ON.includes(merchant.status) ? (
            <Button size="small" icon={<PlusOutlined />} onClick={() => setReporting(true)} data-testid="merchant-case-report">{t('mch.case.report')}</Button>
          ) : null}
        </Space>
      }
      data-testid="merchant-cases"
    >
      {total === 0 && !cases.loading ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('mch.case.none')} />
      ) : (
        <List
          size="small"
          loading={cases.loading && !cases.data}
          dataSource={cases.data?.items ?? []}
          renderItem={(c) => (
            <List.Item key={c.id} style={{ paddingInline: 0 }}>
              <Flex vertical gap={4} style={{ width: '100%' }}>
                <Space size={6} wrap>
                  <Link to={`/merchants/risk-cases/${encodeURIComponent(c.ref)}`} style={{ fontFamily: 'monospace' }} data-testid={`merchant-case-${c.ref}`}>{c.ref}</Link>
                  <CaseKindTag kind={c.kind} />
                  <CaseStatusTag status={c.status} />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatDateTime(c.createdAt).slice(0, 10)}</Typography.Text>
                </Space>
                {c.actions.length ? <ActionList actions={c.actions} /> : <Typography.Text type="secondary" ellipsis={{ tooltip: c.description }}>{c.description}</Typography.Text>}
              </Flex>
            </List.Item>
          )}
        />
      )}
      <OpenCaseModal open={reporting} merchantCode={merchant.code} onClose={() => setReporting(false)} onOpened={(ref) => navigate(`/merchants/risk-cases/${encodeURIComponent(ref)}`)} />
    </Card>
  );
}
