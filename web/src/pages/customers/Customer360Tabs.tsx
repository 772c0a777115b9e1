import { Rate, Table, Tabs, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { Inquiry } from '../../api/cases.api';
import type { Service } from '../../api/catalog.api';
import type { AppointmentSummary, CaseSummary, Customer360, InquirySummary, SurveyAnswer } from '../../api/customers.api';
import { useT } from '../../i18n/i18n';
import { formatMinute } from '../catalog/service-display';
import { useUnitCatalog } from '../../shared/reference';
import { CaseStatusTag } from '../cases/case-display';
import { useRiskProfileTab } from '../../engagement/suitability/RiskProfileTab';
import { useOffersTab } from '../../engagement/offers/SuggestedProducts';
import { useMarketingConsentTab } from '../../engagement/campaigns/consent/MarketingConsentTab';

const appointmentColor: Record<AppointmentSummary['status'], string> = { booked: 'blue', checked_in: 'green', cancelled: 'default', no_show: 'orange' };

type Props = {
  data: Customer360;
  /** Inquiries with question and answer, when the user may read them. */
  inquiryDetails: Map<string, Inquiry>;
  services: Map<string, Service>;
};

/** The customer's history with the bank: cases, inquiries, appointments, survey answers. */
export function Customer360Tabs({ data, inquiryDetails, services }: Props) {
  const { t, pick } = useT();
  const units = useUnitCatalog();
  const unitName = (code: string) => {
    const unit = units.items.find((u) => u.code === code);
    return unit ? pick(unit) : code;
  };
  const serviceName = (code: string | null) => {
    if (!code) return '—';
    const s = services.get(code);
    return s ? pick(s) : code;
  };
  const count = (label: string, n: number) => `${label} (${n})`;
  const riskTab = useRiskProfileTab(data.customer.id, data.customer.kind);
  const offersTab = useOffersTab(data.customer.id, data.customer.kind);
  const consentTab = useMarketingConsentTab(data.customer.id);

  return (
    <Tabs
      items={[
        {
          key: 'cases',
          label: <span data-testid="c360-tab-cases">{count(t('cust.tab.cases'), data.cases.length)}</span>,
          children: (
            <Table<CaseSummary>
              rowKey="id" size="small" dataSource={data.cases} pagination={{ pageSize: 10, hideOnSinglePage: true }} scroll={{ x: 'max-content' }}
              locale={{ emptyText: t('cust.noCases') }}
              data-testid="c360-cases"
              columns={[
                { key: 'ref', title: t('case.ref'), render: (_, c) => <Link to={`/cases/${encodeURIComponent(c.id)}`} style={{ fontFamily: 'monospace' }}>{c.ref}</Link> },
                { key: 'service', title: t('case.service'), render: (_, c) => pick({ nameZh: c.serviceNameZh, nameEn: c.serviceNameEn }) },
                { key: 'status', title: t('case.statusLabel'), render: (_, c) => <CaseStatusTag status={c.status} /> },
                { key: 'channel', title: t('case.channel'), render: (_, c) => t(`svc.channel.${c.channel as 'counter'}`) },
                { key: 'branch', title: t('case.branch'), render: (_, c) => unitName(c.unitCode) },
                { key: 'created', title: t('case.createdAt'), render: (_, c) => formatMinute(c.createdAt) },
                { key: 'due', title: t('case.due'), render: (_, c) => formatMinute(c.dueAt) || '—' },
                { key: 'closed', title: t('case.closedAt'), render: (_, c) => formatMinute(c.closedAt) || '—' },
              ]}
            />
          ),
        },
        {
          key: 'inquiries',
          label: <span data-testid="c360-tab-inquiries">{count(t('cust.tab.inquiries'), data.inquiries.length)}</span>,
          children: (
            <Table<InquirySummary>
              rowKey="id" size="small" dataSource={data.inquiries} pagination={{ pageSize: 10, hideOnSinglePage: true }} scroll={{ x: 'max-content' }}
              locale={{ emptyText: t('cust.noInquiries') }}
              data-testid="c360-inquiries"
              expandable={{
                rowExpandable: (i) => inquiryDetails.has(i.id),
                expandedRowRender: (i) => {
                  const d = inquiryDetails.get(i.id);
                  return d ? (
                    <div style={{ maxWidth: 900 }}>
                      <Typography.Paragraph style={{ marginBottom: 4 }}><Typography.Text type="secondary">{t('cust.inquiryQuestion')}</Typography.Text>{' '}{d.question}</Typography.Paragraph>
                      <Typography.Paragraph style={{ marginBottom: 0 }}><Typography.Text type="secondary">{t('cust.inquiryAnswer')}</Typography.Text>{' '}{d.answer}</Typography.Paragraph>
                    </div>
                  ) : null;
                },
              }}
              columns={[
                { key: 'at', title: t('cust.inquiryAt'), render: (_, i) => formatMinute(i.createdAt) },
                { key: 'channel', title: t('case.channel'), render: (_, i) => t(`svc.channel.${i.channel as 'counter'}`) },
                { key: 'topic', title: t('cust.inquiryTopic'), dataIndex: 'topic' },
                { key: 'service', title: t('cust.inquiryService'), render: (_, i) => serviceName(i.serviceCode) },
                {
                  key: 'case',
                  title: t('cust.inquiryCase'),
                  render: (_, i) => (i.caseId ? <Link to={`/cases/${encodeURIComponent(i.caseId)}`}>{t('cust.viewCase')}</Link> : <Typography.Text type="secondary">—</Typography.Text>),
                },
              ]}
            />
          ),
        },
        {
          key: 'appointments',
          label: <span data-testid="c360-tab-appointments">{count(t('cust.tab.appointments'), data.appointments.length)}</span>,
          children: (
            <Table<AppointmentSummary>
              rowKey="code" size="small" dataSource={data.appointments} pagination={{ pageSize: 10, hideOnSinglePage: true }}
              locale={{ emptyText: t('cust.noAppointments') }}
              columns={[
                { key: 'code', title: t('cust.appointmentCode'), render: (_, a) => <span style={{ fontFamily: 'monospace' }}>{a.code}</span> },
                { key: 'at', title: t('cust.appointmentAt'), render: (_, a) => formatMinute(a.startsAt) },
                { key: 'service', title: t('case.service'), render: (_, a) => serviceName(a.serviceCode) },
                { key: 'branch', title: t('case.branch'), render: (_, a) => unitName(a.unitCode) },
                { key: 'status', title: t('case.statusLabel'), render: (_, a) => <Tag color={appointmentColor[a.status]}>{t(`cust.appointment.${a.status}`)}</Tag> },
              ]}
            />
          ),
        },
        {
          key: 'surveys',
          label: <span data-testid="c360-tab-surveys">{count(t('cust.tab.surveys'), data.surveys.length)}</span>,
          children: (
            <Table<SurveyAnswer>
              rowKey={(s) => `${s.caseRef}-${s.answeredAt}`} size="small" dataSource={data.surveys} pagination={{ pageSize: 10, hideOnSinglePage: true }}
              locale={{ emptyText: t('cust.noSurveys') }}
              columns={[
                { key: 'ref', title: t('case.ref'), render: (_, s) => <Link to={`/cases/${encodeURIComponent(s.caseRef)}`} style={{ fontFamily: 'monospace' }}>{s.caseRef}</Link> },
                { key: 'csat', title: t('cust.csat'), render: (_, s) => (s.csat === null ? '—' : <Rate disabled value={s.csat} style={{ fontSize: 14 }} />) },
                {
                  key: 'nps',
                  title: t('cust.nps'),
                  render: (_, s) => (s.nps === null ? '—' : <Tag color={s.nps >= 9 ? 'green' : s.nps <= 6 ? 'red' : 'default'}>{s.nps}</Tag>),
                },
                { key: 'comment', title: t('cust.comment'), render: (_, s) => s.comment || <Typography.Text type="secondary">—</Typography.Text> },
                { key: 'at', title: t('cust.answeredAt'), render: (_, s) => formatMinute(s.answeredAt) },
              ]}
            />
          ),
        },
        ...(riskTab ? [riskTab] : []),
        ...(offersTab ? [offersTab] : []),
        ...(consentTab ? [consentTab] : []),
      ]}
    />
  );
}
