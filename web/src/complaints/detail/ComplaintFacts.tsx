import { Descriptions, Flex, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useMe } from '../../auth/auth';
import { useT } from '../../i18n/i18n';
import { formatMoney } from '../../pages/catalog/service-display';
import { PriorityTag, useLabel } from '../complaint-display';
import type { Complaint } from '../complaints.api';
import type { SetupView } from '../use-complaint-setup';

const pre = { whiteSpace: 'pre-wrap' as const, margin: 0 };

function Subject({ c }: { c: Complaint }) {
  const { t, pick } = useT();
  const d = c.subjectDetail;
  const type = t(`complaint.subjectType.${c.subject.type}`);
  if (c.subject.type === 'none') return <span>{type}</span>;
  let what = <span style={{ fontFamily: 'monospace' }}>{c.subject.ref ?? '—'}</span>;
  if (c.subject.type === 'case' && d.caseId) {
    what = (
      <Space size={6} wrap>
        <Link to={`/cases/${encodeURIComponent(d.caseId)}`} style={{ fontFamily: 'monospace' }} data-testid="complaint-subject-case">{d.caseRef ?? c.subject.ref}</Link>
        {d.serviceNameZh || d.serviceNameEn ? <span>{pick({ nameZh: d.serviceNameZh ?? '', nameEn: d.serviceNameEn ?? '' })}</span> : null}
      </Space>
    );
  } else if (c.subject.type === 'staff') {
    what = <span>{d.staffName ? `${d.staffName} (${c.subject.ref})` : c.subject.ref}</span>;
  } else if (c.subject.type === 'product' && (d.serviceNameZh || d.serviceNameEn)) {
    what = <span>{pick({ nameZh: d.serviceNameZh ?? '', nameEn: d.serviceNameEn ?? '' })}</span>;
  } else if (c.subject.type === 'ticket' && d.ticketNumber) {
    what = <span style={{ fontFamily: 'monospace' }}>{d.ticketNumber}{d.unitCode ? ` · ${d.unitCode}` : ''}</span>;
  }
  return <Space size={6} wrap><Tag style={{ marginInlineEnd: 0 }}>{type}</Tag>{what}</Space>;
}

/** The facts of a complaint: who, about what, what happened and what they ask; the classification against the suggestion; who must stand aside. */
export function ComplaintFacts({ complaint: c, setup }: { complaint: Complaint; setup: SetupView }) {
  const { t } = useT();
  const { can } = useMe();
  const label = useLabel();
  const s = c.suggestion;
  return (
    <Descriptions size="small" column={{ xs: 1, lg: 2 }} data-testid="complaint-facts" styles={{ label: { whiteSpace: 'nowrap' } }}>
      <Descriptions.Item label={t('complaint.complainant')}>
        <Space size={6} wrap>
          {c.customerId && can('customer.read') ? <Link to={`/customers/${encodeURIComponent(c.customerId)}`}>{c.complainant.name}</Link> : <Typography.Text strong>{c.complainant.name}</Typography.Text>}
          {c.customerId ? null : <Tag style={{ marginInlineEnd: 0 }}>{t('complaint.notCustomer')}</Tag>}
        </Space>
      </Descriptions.Item>
      <Descriptions.Item label={t('complaint.contact')}>
        <span style={{ fontFamily: 'monospace' }}>{[c.complainant.phoneMasked, c.complainant.emailMasked].filter(Boolean).join(' · ') || '—'}</span>
      </Descriptions.Item>
      {c.representatives.length ? (
        <Descriptions.Item label={t('complaint.representatives')} span={2}>
          <Flex gap={6} wrap data-testid="complaint-representatives">
            {c.representatives.map((r, i) => <Tag key={i} style={{ marginInlineEnd: 0 }}>{r.name}{r.phoneMasked ? ` · ${r.phoneMasked}` : ''}</Tag>)}
          </Flex>
        </Descriptions.Item>
      ) : null}
      <Descriptions.Item label={t('complaint.subject')} span={2}><Subject c={c} /></Descriptions.Item>
      <Descriptions.Item label={t('complaint.description')} span={2}><Typography.Paragraph style={pre}>{c.description}</Typography.Paragraph></Descriptions.Item>
      <Descriptions.Item label={t('complaint.request')} span={2}><Typography.Paragraph style={pre}>{c.request}</Typography.Paragraph></Descriptions.Item>
      <Descriptions.Item label={t('complaint.classification')} span={2}>
        <Space size={6} wrap data-testid="complaint-classification">
          {c.categoryCode ? <span>{setup.categoryName(c.categoryCode)} / {setup.categoryName(c.causeCode)}</span> : <Typography.Text type="secondary">{t('complaint.unclassified')}</Typography.Text>}
          {c.classificationCorrected === true ? <Tag color="orange" style={{ marginInlineEnd: 0 }} data-testid="complaint-corrected">{t('complaint.corrected')}</Tag> : null}
          {c.classificationCorrected === false ? <Tag color="green" style={{ marginInlineEnd: 0 }}>{t('complaint.asSuggested')}</Tag> : null}
        </Space>
      </Descriptions.Item>
      <Descriptions.Item label={t('complaint.suggested')} span={2}>
        {s ? (
          <Space size={6} wrap data-testid="complaint-suggestion-facts">
            <span>{s.category ? setup.categoryName(s.category) : t('complaint.noSuggestion')} / {s.cause ? setup.categoryName(s.cause) : t('complaint.noSuggestion')}</span>
            <PriorityTag priority={s.priority} />
            <Tag style={{ marginInlineEnd: 0 }}>{t(`complaint.level.${s.handlingLevel}`)}</Tag>
          </Space>
        ) : '—'}
      </Descriptions.Item>
      <Descriptions.Item label={t('complaint.recused')} span={2}>
        {c.recused.length ? (
          <Flex gap={4} wrap data-testid="complaint-recused">{c.recused.map((u) => <Tag key={u} color="red" style={{ marginInlineEnd: 0 }}>{u}</Tag>)}</Flex>
        ) : <Typography.Text type="secondary">{t('complaint.noneRecused')}</Typography.Text>}
      </Descriptions.Item>
      {c.declineReason ? <Descriptions.Item label={t('complaint.declineReason')} span={2}>{label('complaint.decline', c.declineReason)}</Descriptions.Item> : null}
      {c.decision ? (
        <Descriptions.Item label={t(c.decidedAt ? 'complaint.decision' : 'complaint.proposedDecision')} span={2}>
          <Flex vertical gap={4} data-testid="complaint-decision">
            <Space size={8} wrap>
              <Tag color={c.decision.outcome === 'not_upheld' ? 'default' : 'blue'} style={{ marginInlineEnd: 0 }}>{t(`complaint.outcome.${c.decision.outcome}`)}</Tag>
              <span>{t('complaint.compensation')}: {formatMoney(c.decision.compensation)}</span>
              {c.response ? <Tag color={c.response === 'accepted' ? 'green' : 'volcano'} style={{ marginInlineEnd: 0 }}>{t(`complaint.response.${c.response}`)}</Tag> : null}
            </Space>
            <Typography.Paragraph style={pre}>{c.decision.text}</Typography.Paragraph>
          </Flex>
        </Descriptions.Item>
      ) : null}
    </Descriptions>
  );
}
