import { Alert, Card, Space, Tag, Typography } from 'antd';
import type { ComponentType } from 'react';
import { useMe } from '../../auth/auth';
import { useT } from '../../i18n/i18n';
import { StepDue } from '../../pages/cases/case-display';
import { useStepLabel } from '../complaint-display';
import { AcceptStep } from './steps/AcceptStep';
import { ApprovalStep } from './steps/ApprovalStep';
import { AssignStep } from './steps/AssignStep';
import { InvestigateStep } from './steps/InvestigateStep';
import { ResponseStep } from './steps/ResponseStep';
import { ReviewStep } from './steps/ReviewStep';
import { RootCauseStep } from './steps/RootCauseStep';
import type { StepProps } from './steps/step-props';

/** The panel of each user task of the handling process (`complaint-handling.bpmn`). */
const PANELS: Record<string, ComponentType<StepProps>> = {
  accept: AcceptStep,
  assign: AssignStep,
  investigate: InvestigateStep,
  approveDecision: ApprovalStep,
  recordResponse: ResponseStep,
  review: ReviewStep,
  rootCause: RootCauseStep,
};

/**
 * 当前步骤: the form of the step the complaint is at (`complaintStep.elementId`), for those who may do it;
 * others see who it waits for. The server has the last word (permission, 回避, who holds the task).
 */
export function StepPanel(props: StepProps) {
  const { complaint: c } = props;
  const { t } = useT();
  const me = useMe();
  const stepLabel = useStepLabel();
  if (!c.step) return null;
  const task = c.tasks.find((x) => x.elementId === c.step?.elementId);
  const permission = c.step.elementId === 'approveDecision' ? 'complaint.approve' : 'complaint.handle';
  const recused = c.recused.includes(me.username) || (task?.excludedUsers ?? []).includes(me.username);
  const heldByOther = task?.assignee && task.assignee !== me.username;
  const Panel = PANELS[c.step.elementId];

  let body;
  if (!me.can(permission)) body = <Alert type="info" showIcon title={t('complaintStep.waitingFor', { who: task?.assignee ?? t(`complaintStep.waitingRole.${permission === 'complaint.approve' ? 'approver' : 'handler'}`) })} />;
  else if (recused) body = <Alert type="warning" showIcon title={t('complaintStep.youRecused')} data-testid="complaint-step-recused" />;
  else if (heldByOther) body = <Alert type="info" showIcon title={t('complaintStep.heldBy', { who: task?.assignee ?? '' })} />;
  else if (!Panel) body = <Typography.Text type="secondary">{t('complaintStep.noPanel')}</Typography.Text>;
  else body = <Panel {...props} />;

  return (
    <Card
      size="small"
      title={<Space size={8}><span>{t('complaintStep.current')}</span><Typography.Text strong>{stepLabel(c.step)}</Typography.Text></Space>}
      extra={task ? (
        <Space size={8} wrap>
          {task.assignee ? <Tag style={{ marginInlineEnd: 0 }}>{task.assignee}</Tag> : <Tag color="orange" style={{ marginInlineEnd: 0 }}>{t('work.unassigned')}</Tag>}
          {task.dueAt ? <StepDue dueAt={task.dueAt} /> : null}
        </Space>
      ) : null}
      data-testid={`complaint-step-panel-${c.step.elementId}`}
    >
      {body}
    </Card>
  );
}
