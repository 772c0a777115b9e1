import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { useMe } from '../auth/auth';
import { useT } from '../i18n/i18n';
import { formatMinute } from '../pages/catalog/service-display';
import { useRequest } from '../shared/use-request';
import { ClockCell, StatusTag } from './complaint-display';
import { complaintsApi } from './complaints.api';
import { useComplaintSetup } from './use-complaint-setup';

/** `intakeCustomerId`: the customer a new complaint about the case would come from (the case's customer). `staff`: complaints about a staff member. */
type Props = { caseRef?: string; customerId?: string; intakeCustomerId?: string; staff?: string };

/** 投诉: complaints about a case, by a customer or about a staff member, for their pages; nothing without `complaint.read`. */
export function RelatedComplaintsCard({ caseRef, customerId, intakeCustomerId, staff }: Props) {
  const { t, lang } = useT();
  const { can } = useMe();
  const navigate = useNavigate();
  const allowed = can('complaint.read') && Boolean(caseRef || customerId || staff);
  const setup = useComplaintSetup();
  const list = useRequest((signal) => complaintsApi.list({ caseRef, customerId, staff, status: 'all', sort: '-received', limit: 20 }, signal), [caseRef, customerId, staff, lang], { enabled: allowed, silent: true });
  if (!allowed) return null;
  const items = list.data?.items ?? [];
  const presetCustomer = intakeCustomerId ?? customerId;
  const newHref = `/complaints/new?${new URLSearchParams({ ...(caseRef ? { caseRef } : {}), ...(presetCustomer ? { customerId: presetCustomer } : {}) }).toString()}`;

  return (
    <Card
      title={t('complaintRelated.title', { n: list.data?.total ?? 0 })}
      loading={list.loading && !list.data}
      data-testid="related-complaints"
      extra={can('complaint.intake') && !staff ? <Button size="small" icon={<PlusOutlined />} onClick={() => navigate(newHref)} data-testid="related-complaint-new">{t('complaints.register')}</Button> : null}
    >
      {items.length === 0 ? (
        <Typography.Text type="secondary">{t(caseRef ? 'complaintRelated.noneCase' : staff ? 'complaintRelated.noneStaff' : 'complaintRelated.noneCustomer')}</Typography.Text>
      ) : (
        <Flex vertical gap={8}>
          {items.map((c) => (
            <Flex key={c.id} justify="space-between" align="center" gap={12} wrap data-testid={`related-complaint-${c.ref}`}>
              <Flex gap={8} align="center" wrap>
                <Link to={`/complaints/${encodeURIComponent(c.id)}`} style={{ fontFamily: 'monospace' }}>{c.ref}</Link>
                <StatusTag status={c.status} />
                <Typography.Text type="secondary">{c.categoryCode ? setup.categoryName(c.categoryCode) : t('complaint.unclassified')}</Typography.Text>
              </Flex>
              <Flex gap={12} align="center">
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatMinute(c.receivedAt)}</Typography.Text>
                <ClockCell clock={c.clock} />
              </Flex>
            </Flex>
          ))}
        </Flex>
      )}
    </Card>
  );
}
