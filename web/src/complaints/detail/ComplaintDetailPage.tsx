/*
 * Test ids of the complaint detail page (`/complaints/:id`) and its panels:
 *
 * header      complaint-ref, complaint-status, complaint-step, complaint-handler, complaint-repeat-flag,
 *             complaint-clock (days left in its text), complaint-days-left
 * facts       complaint-facts, complaint-representatives, complaint-subject-case (link to /cases/:id),
 *             complaint-classification, complaint-corrected, complaint-suggestion-facts, complaint-recused, complaint-decision
 * timeline    complaint-timeline, complaint-event-<kind> (one per event)
 * step panel  complaint-step-panel-<elementId>, complaint-step-error (the server's refusal), complaint-step-recused
 *   accept        complaint-accept-mode-accept | complaint-accept-mode-decline,
 *                 complaint-accept-category, complaint-accept-cause, complaint-accept-priority(-normal|-high|-urgent), complaint-accept-submit,
 *                 complaint-decline-reason, complaint-decline-note, complaint-decline-submit
 *   assign        complaint-assign-handler, complaint-assign-submit, complaint-assign-me
 *   investigate   complaint-event-kind-note|contact|evidence, complaint-event-method, complaint-event-text, complaint-event-submit,
 *                 complaint-returned-note, complaint-proposal-outcome(-upheld|-partly_upheld|-not_upheld),
 *                 complaint-proposal-text, complaint-proposal-compensation, complaint-proposal-submit
 *   approve       complaint-proposal-view, complaint-approval-comment, complaint-approve, complaint-return
 *   response      complaint-response-note, complaint-response-accepted, complaint-response-disputed
 *   review        complaint-review-mode-confirm|revise, complaint-review-note, complaint-review-decision-outcome(-…),
 *                 complaint-review-decision-text, complaint-review-decision-compensation, complaint-review-confirm, complaint-review-revise
 *   root cause    complaint-rootcause-cause, complaint-rootcause-process, complaint-rootcause-step, complaint-rootcause-staff,
 *                 complaint-rootcause-finding, complaint-rootcause-submit
 *   actions       complaint-actions, complaint-action-text, complaint-action-owner, complaint-action-due, complaint-action-add,
 *                 complaint-action-done-<row>, complaint-action-done-note, complaint-action-done-submit
 *   close         complaint-close, then complaint-close-confirm
 * extensions  complaint-extensions, complaint-extension-request, complaint-extension-reason, complaint-extension-submit,
 *             complaint-extension-<step>, complaint-extension-approve | complaint-extension-refuse,
 *             complaint-extension-note, complaint-extension-decision-submit
 * attachments complaint-attachments, complaint-attachment-upload, complaint-attachment-<id>, complaint-attachment-limits
 * remediation complaint-remediation, complaint-rootcause-view
 */
import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Flex, Result, Row } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { useT } from '../../i18n/i18n';
import { PageHeader } from '../../shared/PageHeader';
import { useRequest } from '../../shared/use-request';
import { complaintsApi, type Complaint } from '../complaints.api';
import { useComplaintSetup } from '../use-complaint-setup';
import { AttachmentsCard } from './AttachmentsCard';
import { ComplaintFacts } from './ComplaintFacts';
import { ComplaintHeader } from './ComplaintHeader';
import { ComplaintTimeline } from './ComplaintTimeline';
import { ExtensionsCard } from './ExtensionsCard';
import { RemediationCard } from './remediation/RemediationCard';
import { StepPanel } from './StepPanel';

/** 投诉详情 (`/complaints/:id`, `complaint.read`): the clock, the facts, the step at hand, and everything that happened. */
export function ComplaintDetailPage() {
  const { id = '' } = useParams();
  const { t, lang } = useT();
  const setup = useComplaintSetup();
  const detail = useRequest((signal) => complaintsApi.get(id, signal), [id, lang]);
  const [override, setOverride] = useState<Complaint | null>(null);
  const c = override && override.id === detail.data?.id ? override : detail.data;

  const reload = () => {
    setOverride(null);
    detail.reload();
  };

  if (detail.error && isApiError(detail.error) && detail.error.status === 404) {
    return <Result status="404" title={t('complaint.notFound', { id })} extra={<Link to="/complaints">{t('complaint.backToBoard')}</Link>} />;
  }

  const inRemediation = c?.step?.elementId === 'rootCause';
  return (
    <>
      <PageHeader
        title={c ? t('complaint.title', { ref: c.ref }) : t('nav.complaintsBoard')}
        section="nav.complaints"
        extra={<Button icon={<ReloadOutlined />} onClick={reload}>{t('common.reload')}</Button>}
      />
      <Flex vertical gap={16}>
        <Card loading={detail.loading && !c}>{c ? <ComplaintHeader complaint={c} /> : null}</Card>
        {c ? (
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={14}>
              <Flex vertical gap={16}>
                {c.step ? (
                  <StepPanel key={c.tasks.find((task) => task.elementId === c.step?.elementId)?.id ?? c.step.elementId} complaint={c} setup={setup} onChanged={setOverride} />
                ) : (
                  <Alert type={c.status === 'declined' ? 'warning' : c.status === 'closed' ? 'success' : 'info'} showIcon title={t(c.status === 'declined' ? 'complaint.endedDeclined' : c.status === 'closed' ? 'complaint.endedClosed' : 'complaint.noOpenStepLong')} />
                )}
                <Card size="small" title={t('complaint.factsTitle')}>
                  <ComplaintFacts complaint={c} setup={setup} />
                </Card>
                {!inRemediation ? <RemediationCard complaint={c} setup={setup} onChanged={setOverride} /> : null}
              </Flex>
            </Col>
            <Col xs={24} xl={10}>
              <Flex vertical gap={16}>
                <ExtensionsCard complaint={c} onChanged={setOverride} />
                <AttachmentsCard complaint={c} maxBytes={setup.setup?.rules.attachmentMaxBytes} onUploaded={reload} />
                <Card size="small" title={t('complaint.timelineTitle')}>
                  <ComplaintTimeline events={c.timeline} setup={setup} />
                </Card>
              </Flex>
            </Col>
          </Row>
        ) : null}
      </Flex>
    </>
  );
}
