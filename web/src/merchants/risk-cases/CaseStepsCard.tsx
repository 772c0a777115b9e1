import { LoadingOutlined } from '@ant-design/icons';
import { Button, Card, ConfigProvider, Flex, Space, Tag, Timeline, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import type { WorkItem } from '../../api/work.api';
import { useMe } from '../../auth/auth';
import { useT } from '../../i18n/i18n';
import { StepDue } from '../../pages/cases/case-display';
import { localLabel } from '../../pages/catalog/service-display';
import { useRoleLabel } from '../../pages/work/step-tags';
import { WorkDrawer } from '../../pages/work/WorkDrawer';
import { useShowError } from '../../shared/api-errors';
import { formatDateTime } from '../../shared/format';
import { merchantsApi } from '../merchants.api';
import '../task-form.css';
import type { RiskCaseDetail } from './risk-case.api';

/** How long to wait before looking again while the process runs a system step (recording, applying the actions). */
const POLL_MS = 1500;

type Props = { riskCase: RiskCaseDetail; onChanged: () => void };

/**
 * Where a case's process stands: the open step (who it waits for, until when), handled in the
 * work drawer with the step's own form, and the steps done. While a system step runs (recording
 * the proposal, applying the actions) it looks again every 1.5 s.
 */
export function CaseStepsCard({ riskCase: c, onChanged }: Props) {
  const { t, lang } = useT();
  const me = useMe();
  const showError = useShowError();
  const roleLabel = useRoleLabel();
  const [drawer, setDrawer] = useState<WorkItem | null>(null);
  const [opening, setOpening] = useState(false);
  const step = c.openStep;
  const systemStep = c.status !== 'closed' && !step;

  useEffect(() => {
    if (!systemStep) return;
    const timer = setTimeout(onChanged, POLL_MS);
    return () => clearTimeout(timer);
  }, [systemStep, c, onChanged]);

  /** Four eyes: whoever investigated or proposed does not approve (the server refuses it too). */
  const excluded = step !== null && step.excludedUsers.includes(me.username);
  const mayTake = step !== null && !excluded && (step.assignee === me.username || (!step.assignee && step.candidateGroups.some((g) => me.roles.includes(g))));
  const handle = async () => {
    if (!step || !c.instanceId) return;
    setOpening(true);
    try {
      const task = (await merchantsApi.openTasks(c.instanceId)).find((x) => x.id === step.taskId);
      if (!task) {
        onChanged();
        return;
      }
      setDrawer({ ...task, label: localLabel(task.name, lang) || task.elementId, pool: null, qualification: null, case: null });
    } catch (error) {
      showError(error);
    } finally {
      setOpening(false);
    }
  };

  return (
    <Card
      size="small"
      title={t('mch.case.process')}
      extra={c.instanceId ? <Link to={`/instances/${encodeURIComponent(c.instanceId)}`}>{t('mch.onb.instance')}</Link> : null}
      data-testid="risk-case-process"
    >
      <Flex vertical gap={12}>
        {step ? (
          <Flex align="center" justify="space-between" gap={12} wrap style={{ padding: 12, background: 'rgba(22,119,255,0.06)', borderRadius: 8 }}>
            <Flex vertical gap={4}>
              <Typography.Text strong style={{ fontSize: 15 }} data-testid={`risk-case-step-${step.elementId}`}>{localLabel(step.name, lang) || step.elementId}</Typography.Text>
              <Space size={4} wrap>
                {step.assignee ? <Tag color="blue">{step.assignee}</Tag> : step.candidateGroups.map((g) => <Tag key={g}>{roleLabel(g)}</Tag>)}
                <StepDue dueAt={step.dueAt} />
              </Space>
            </Flex>
            {mayTake ? (
              <Button type="primary" loading={opening} onClick={() => void handle()} data-testid={`risk-case-handle-${step.elementId}`}>{t('mch.onb.handle')}</Button>
            ) : (
              <Typography.Text type="secondary" data-testid="risk-case-not-yours">{excluded ? t('mch.case.fourEyes') : t('mch.onb.notYours')}</Typography.Text>
            )}
          </Flex>
        ) : systemStep ? (
          <Space data-testid="risk-case-system"><LoadingOutlined /><Typography.Text type="secondary">{t('mch.case.systemStep')}</Typography.Text></Space>
        ) : null}
        <Timeline
          items={[
            { color: 'gray', content: <StepLine name={t('mch.case.openedBy', { who: c.createdBy })} at={c.createdAt} /> },
            ...c.steps.map((s, i) => ({ key: i, color: 'green', content: <StepLine name={localLabel(s.name, lang) || s.elementId} who={s.completedBy} at={s.completedAt} /> })),
            ...(c.closedAt ? [{ color: 'gray', content: <StepLine name={t('mch.case.closedStep')} at={c.closedAt} /> }] : []),
          ]}
          data-testid="risk-case-steps"
        />
      </Flex>
      {drawer ? (
        <ConfigProvider drawer={{ classNames: { body: 'mch-task-body' } }}>
          <WorkDrawer
            item={drawer}
            onClose={() => setDrawer(null)}
            onChanged={(closed) => {
              if (closed) setDrawer(null);
              onChanged();
            }}
          />
        </ConfigProvider>
      ) : null}
    </Card>
  );
}

function StepLine({ name, who, at }: { name: string; who?: string | null; at: string | null }) {
  return (
    <Flex vertical>
      <Typography.Text>{name}</Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{[who, at ? formatDateTime(at).slice(0, 16) : null].filter(Boolean).join(' · ')}</Typography.Text>
    </Flex>
  );
}
