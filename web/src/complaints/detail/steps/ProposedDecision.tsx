import { Descriptions, Typography } from 'antd';
import { useT } from '../../../i18n/i18n';
import { formatMoney } from '../../../pages/catalog/service-display';
import { formatDateTime } from '../../../shared/format';
import { useLabel } from '../../complaint-display';
import type { Complaint, Decision } from '../../complaints.api';

/** The decision last proposed (from the timeline: the decision itself is set only once approved), or the decision in force. */
export function latestProposal(c: Complaint): { decision: Decision; by: string | null; at: string } | null {
  const event = [...c.timeline].reverse().find((e) => e.kind === 'proposed' || (e.kind === 'review' && e.body.decision));
  if (!event) return c.decision ? { decision: c.decision, by: null, at: c.decidedAt ?? '' } : null;
  const body = (typeof event.body.decision === 'object' && event.body.decision ? event.body.decision : event.body) as Partial<Decision>;
  if (!body.outcome) return c.decision ? { decision: c.decision, by: null, at: c.decidedAt ?? '' } : null;
  return { decision: { outcome: body.outcome, text: body.text ?? '', compensation: body.compensation ?? '0' }, by: event.actor, at: event.at };
}

/** A decision to be approved or reviewed, as the complainant would read it. */
export function ProposedDecision({ complaint }: { complaint: Complaint }) {
  const { t } = useT();
  const label = useLabel();
  const proposal = latestProposal(complaint);
  if (!proposal) return <Typography.Text type="secondary">{t('complaintStep.noProposal')}</Typography.Text>;
  const { decision: d } = proposal;
  return (
    <Descriptions size="small" column={1} bordered data-testid="complaint-proposal-view" styles={{ label: { width: 120 } }}>
      <Descriptions.Item label={t('complaint.outcomeLabel')}>{label('complaint.outcome', d.outcome)}</Descriptions.Item>
      <Descriptions.Item label={t('complaint.compensation')}>{formatMoney(d.compensation)}</Descriptions.Item>
      <Descriptions.Item label={t('complaintStep.decisionTextShort')}><Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{d.text}</Typography.Paragraph></Descriptions.Item>
      {proposal.by ? <Descriptions.Item label={t('complaintStep.proposedBy')}>{proposal.by} · {formatDateTime(proposal.at)}</Descriptions.Item> : null}
    </Descriptions>
  );
}
