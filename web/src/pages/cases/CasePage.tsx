import { ReloadOutlined, StopOutlined } from '@ant-design/icons';
import { Button, Card, Col, Flex, Result, Row, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { casesApi, type Case, type CaseStep } from '../../api/cases.api';
import { workApi, type WorkItem } from '../../api/work.api';
import { useMe } from '../../auth/auth';
import { RelatedComplaintsCard } from '../../complaints/RelatedComplaintsCard';
import { useT } from '../../i18n/i18n';
import { useShowError } from '../../shared/api-errors';
import { formatDateTime } from '../../shared/format';
import { PageHeader } from '../../shared/PageHeader';
import { useRequest } from '../../shared/use-request';
import { timeLimitText } from '../catalog/service-display';
import { StepTags, useQualificationNames, useRoleLabel } from '../work/step-tags';
import { WorkDrawer } from '../work/WorkDrawer';
import { CaseStatusTag, MaterialsChecklist, SlaClock, StepDue } from './case-display';
import { CaseFacts } from './CaseFacts';
import { CaseTimeline } from './CaseTimeline';
import { CloseCaseModal } from './CloseCaseModal';
import { useMaterialCheck } from './use-material-check';

/** A worklist item for a step of this case, so that it opens in the same drawer as on 我的工作. */
async function workItemOf(c: Case, step: CaseStep): Promise<WorkItem> {
  const task = await workApi.task(step.taskId);
  return {
    ...task,
    label: step.name,
    case: { id: c.id, ref: c.ref, serviceNameZh: c.service.nameZh, serviceNameEn: c.service.nameEn, customer: c.customer.name, dueAt: c.dueAt, atRisk: c.sla.state === 'at_risk', breached: c.sla.state === 'breached' },
  };
}

/** One case: its clock, customer, materials, where it stands now, and everything that happened. */
export function CasePage() {
  const { id = '' } = useParams();
  const { t, pick, lang } = useT();
  const me = useMe();
  const showError = useShowError();
  const qualificationName = useQualificationNames();
  const roleLabel = useRoleLabel();
  const detail = useRequest((signal) => casesApi.get(id, signal), [id, lang]);
  const timeline = useRequest((signal) => casesApi.timeline(id, signal), [id, lang]);
  const [override, setOverride] = useState<Case | null>(null);
  const [working, setWorking] = useState<WorkItem | null>(null);
  const [opening, setOpening] = useState<string | null>(null);
  const [closing, setClosing] = useState<Case | null>(null);
  const c = override && override.id === detail.data?.id ? override : detail.data;
  const materials = useMaterialCheck(c?.id, (updated) => {
    setOverride(updated);
    timeline.reload();
  });

  const reload = () => {
    setOverride(null);
    detail.reload();
    timeline.reload();
  };

  if (detail.error && isApiError(detail.error) && detail.error.status === 404) {
    return <Result status="404" title={t('case.notFound', { id })} extra={<Link to="/cases">{t('newCase.backToList')}</Link>} />;
  }

  const canWrite = me.can('case.write');
  const open = c?.status === 'open';
  const isAvailable = (s: CaseStep) => s.assignee === null && s.candidateGroups.some((g) => me.roles.includes(g));
  const isMine = (s: CaseStep) => s.assignee === me.username;

  const openStep = async (step: CaseStep) => {
    if (!c) return;
    setOpening(step.taskId);
    try {
      setWorking(await workItemOf(c, step));
    } catch (err) {
      showError(err);
    } finally {
      setOpening(null);
    }
  };

  return (
    <>
      <PageHeader
        title={c ? t('case.title', { ref: c.ref }) : t('nav.cases')}
        section="nav.work"
        extra={
          <Space>
            <Button icon={<ReloadOutlined />} onClick={reload}>{t('common.reload')}</Button>
            {c && open && canWrite ? (
              <Button icon={<StopOutlined />} onClick={() => setClosing(c)} data-testid="case-close">
                {c.instanceId ? t('case.cancel') : t('case.close')}
              </Button>
            ) : null}
          </Space>
        }
      />
      <Flex vertical gap={16}>
        <Card loading={detail.loading && !c}>
          {c ? (
            <Flex vertical gap={12}>
              <Flex justify="space-between" align="start" wrap gap={16}>
                <Flex vertical gap={4}>
                  <Space size={12} align="center" wrap>
                    <Typography.Title level={4} copyable={{ text: c.ref }} style={{ margin: 0, fontFamily: 'monospace' }} data-testid="case-ref">{c.ref}</Typography.Title>
                    <CaseStatusTag status={c.status} testId="case-status" />
                  </Space>
                  <Typography.Text style={{ fontSize: 16 }}>{pick(c.service)}</Typography.Text>
                  <Typography.Text type="secondary">{t('case.limitLine', { limit: timeLimitText(t, c.service.timeLimit) })}</Typography.Text>
                </Flex>
                <div data-testid="case-sla">
                  {open ? (
                    <SlaClock state={c.sla.state} usedPercent={c.sla.usedPercent} dueAt={c.dueAt} />
                  ) : (
                    <Flex vertical gap={4} align="end">
                      <Typography.Text type="secondary">{t('case.closedOn', { at: formatDateTime(c.closedAt) || '—' })}</Typography.Text>
                      {c.sla.state === 'breached' ? <Tag color="red">{t('case.closedLate')}</Tag> : null}
                    </Flex>
                  )}
                </div>
              </Flex>
              <CaseFacts theCase={c} />
            </Flex>
          ) : null}
        </Card>

        {c ? (
          <Row gutter={16}>
            <Col xs={24} xl={10}>
              <Card title={t('case.materials')} style={{ height: '100%' }}
                extra={open && canWrite ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('case.tickHint')}</Typography.Text> : null}>
                <MaterialsChecklist
                  materials={c.materials}
                  onToggle={open && canWrite ? materials.toggle : undefined}
                  saving={materials.saving}
                  testIdPrefix="case-material"
                />
              </Card>
            </Col>
            <Col xs={24} xl={14}>
              <Card title={t('case.currentSteps')} style={{ height: '100%' }}>
                <Table<CaseStep>
                  rowKey="taskId"
                  size="small"
                  pagination={false}
                  dataSource={c.currentSteps}
                  locale={{ emptyText: open ? (c.instanceId ? t('case.stepsRunning') : t('case.noProcess')) : t('case.noOpenSteps') }}
                  data-testid="case-steps"
                  columns={[
                    {
                      key: 'name',
                      title: t('case.step'),
                      render: (_, s) => (
                        <Space size={4} wrap>
                          <Typography.Text strong>{s.name ?? s.elementId}</Typography.Text>
                          <StepTags pool={s.pool} qualification={null} qualificationName={qualificationName} />
                        </Space>
                      ),
                    },
                    {
                      key: 'assignee',
                      title: t('work.assignee'),
                      render: (_, s) =>
                        s.assignee ?? (
                          <Space size={4} wrap>
                            <Tag color="orange">{t('work.unassigned')}</Tag>
                            {s.candidateGroups.map((g) => <Tag key={g}>{roleLabel(g)}</Tag>)}
                          </Space>
                        ),
                    },
                    { key: 'due', title: t('work.stepDue'), render: (_, s) => <StepDue dueAt={s.dueAt} /> },
                    {
                      key: 'action',
                      title: t('common.actions'),
                      render: (_, s) =>
                        isMine(s) || isAvailable(s) ? (
                          <Button size="small" type={isMine(s) ? 'primary' : 'default'} loading={opening === s.taskId} onClick={() => void openStep(s)} data-testid={`case-step-open-${s.elementId}`}>
                            {isMine(s) ? t('work.handle') : t('work.claimAndHandle')}
                          </Button>
                        ) : null,
                    },
                  ]}
                />
              </Card>
            </Col>
          </Row>
        ) : null}

        {c ? <RelatedComplaintsCard caseRef={c.ref} intakeCustomerId={c.customer.id} /> : null}

        {c ? (
          <Card title={t('case.timeline')}>
            <CaseTimeline timeline={timeline.data} loading={timeline.loading && !timeline.data} />
          </Card>
        ) : null}
      </Flex>
      {working ? (
        <WorkDrawer
          key={working.id}
          item={working}
          onClose={() => setWorking(null)}
          onChanged={(closed) => {
            if (closed) setWorking(null);
            reload();
          }}
        />
      ) : null}
      <CloseCaseModal
        theCase={closing}
        onClose={() => setClosing(null)}
        onClosed={(updated) => {
          setClosing(null);
          setOverride(updated);
          timeline.reload();
        }}
      />
    </>
  );
}
