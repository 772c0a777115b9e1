import { LoadingOutlined, MobileOutlined, RocketOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, ConfigProvider, Empty, Flex, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { processApi } from '../../api/process.api';
import type { Task } from '../../api/tasks.api';
import type { WorkItem } from '../../api/work.api';
import { useMe } from '../../auth/auth';
import { useT } from '../../i18n/i18n';
import { StepDue } from '../../pages/cases/case-display';
import { localLabel } from '../../pages/catalog/service-display';
import { useRoleLabel } from '../../pages/work/step-tags';
import { WorkDrawer } from '../../pages/work/WorkDrawer';
import { useShowError } from '../../shared/api-errors';
import { formatDateTime } from '../../shared/format';
import { useRequest } from '../../shared/use-request';
import { merchantsApi, type Merchant } from '../merchants.api';
import '../task-form.css';

/** How long to wait before looking again while the process runs a system step (risk-list check, rating). */
const POLL_MS = 1500;

type Props = {
  merchant: Merchant;
  onChanged: () => void;
  /** On a phone (the field page): the steps as a list with a full-width button, no link to the field page. */
  compact?: boolean;
};

/**
 * 入网 (onboarding): starts the process for an applying merchant, then shows where it stands — the
 * open step, who it waits for, its due date — and opens the step in the work drawer, as My work does.
 */
export function OnboardingCard({ merchant, onChanged, compact = false }: Props) {
  const { t, lang } = useT();
  const me = useMe();
  const { can } = me;
  const { message } = App.useApp();
  const showError = useShowError();
  const roleLabel = useRoleLabel();
  const [starting, setStarting] = useState(false);
  const [open, setOpen] = useState<WorkItem | null>(null);
  const canSee = can('process.read');
  const canWork = can('task.work');
  const instances = useRequest((signal) => merchantsApi.onboardings(merchant.code, signal), [merchant.code], { enabled: canSee, silent: true });
  const current = instances.data?.find((i) => i.status === 'active') ?? instances.data?.[0];
  const active = current?.status === 'active';
  const tasks = useRequest((signal) => merchantsApi.openTasks(current?.id ?? '', signal), [current?.id, current?.status], { enabled: active && canWork, silent: true });
  const detail = useRequest((signal) => processApi.instance(current?.id ?? '', signal), [current?.id, current?.status], { enabled: active, silent: true });
  // the process is at a system step (a job: the risk-list check, the rating, a stage) until a person's step opens
  const tokens = detail.data?.tokens ?? [];
  const waiting = active && (detail.data?.incidents.length ?? 0) === 0 && (detail.loading || tokens.every((token) => token.waitingFor !== 'userTask'));
  const { reload: reloadInstances } = instances;
  const { reload: reloadTasks } = tasks;
  const { reload: reloadDetail } = detail;

  // System steps run in the background: look again until a person's step opens or the process ends.
  useEffect(() => {
    if (!waiting) return;
    const timer = setTimeout(() => {
      reloadInstances();
      reloadTasks();
      reloadDetail();
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [waiting, detail.data, reloadInstances, reloadTasks, reloadDetail]);

  // When the process ends while the page is open, the merchant's record has changed (rated, active or refused).
  const wasActive = useRef(false);
  useEffect(() => {
    if (wasActive.current && !active) onChanged();
    wasActive.current = active;
  }, [active, onChanged]);

  const start = async () => {
    setStarting(true);
    try {
      await merchantsApi.startOnboarding(merchant.id);
      void message.success(t('mch.onb.started', { code: merchant.code }));
      reloadInstances();
      onChanged();
    } catch (error) {
      showError(error);
    } finally {
      setStarting(false);
    }
  };

  const stepName = (task: Task) => localLabel(task.name, lang) || task.elementId;
  const openStep = (task: Task) => setOpen({ ...task, label: stepName(task), pool: null, qualification: null, case: null });
  /** Whether the step is offered to me (the server decides in the end: maker-checker, branch reach). */
  const mayTake = (task: Task) => task.assignee === me.username || task.candidateUsers.includes(me.username) || task.candidateGroups.some((g) => me.roles.includes(g));
  const who = (task: Task) => (task.assignee ? <Tag color="blue">{task.assignee}</Tag> : task.candidateGroups.map((g) => <Tag key={g}>{roleLabel(g)}</Tag>));
  const startButton = merchant.status === 'applying' && !active && can('merchant.write') ? (
    <Button type="primary" icon={<RocketOutlined />} loading={starting} onClick={() => void start()} data-testid="merchant-onboarding-start">{t('mch.onb.start')}</Button>
  ) : null;

  if (!canSee) return startButton ? <Card size="small" title={t('mch.onb.title')}>{startButton}</Card> : null;
  if (!current && merchant.status !== 'applying') return null;

  return (
    <Card size="small" title={t('mch.onb.title')} extra={current && !compact ? (
      <Space size={12}>
        {active ? <Link to={`/merchants/${encodeURIComponent(merchant.code)}/field`} data-testid="merchant-onboarding-field"><MobileOutlined /> {t('mch.onb.field')}</Link> : null}
        <Link to={`/instances/${encodeURIComponent(current.id)}`}>{t('mch.onb.instance')}</Link>
      </Space>
    ) : null} data-testid="merchant-onboarding">
      {!current ? (
        <Flex align="center" justify="space-between" gap={12} wrap>
          <Typography.Text type="secondary">{t('mch.onb.notStarted')}</Typography.Text>
          {startButton}
        </Flex>
      ) : active ? (
        <Flex vertical gap={8}>
          {(detail.data?.incidents ?? []).map((incident) => (
            <Alert key={incident.id} type="error" showIcon title={t('mch.onb.incident', { step: incident.elementId })} description={incident.message} />
          ))}
          {!canWork ? (
            <Flex gap={4} wrap data-testid="merchant-onboarding-tokens">
              {(detail.data?.tokens ?? []).map((token) => <Tag key={token.activityInstanceId}>{token.elementId}</Tag>)}
            </Flex>
          ) : waiting ? (
            <Space data-testid="merchant-onboarding-system"><LoadingOutlined /><Typography.Text type="secondary">{t('mch.onb.systemStep')}</Typography.Text></Space>
          ) : compact ? (
            <Flex vertical gap={12}>
              {(tasks.data ?? []).length === 0 && !tasks.loading ? <Typography.Text type="secondary">{t('mch.onb.noTaskVisible')}</Typography.Text> : null}
              {(tasks.data ?? []).map((task) => (
                <Flex key={task.id} vertical gap={6}>
                  <Typography.Text strong style={{ fontSize: 16 }} data-testid={`merchant-onboarding-step-${task.elementId}`}>{stepName(task)}</Typography.Text>
                  <Flex gap={4} wrap align="center">{who(task)}<StepDue dueAt={task.dueAt} /></Flex>
                  {mayTake(task) ? <Button type="primary" size="large" block onClick={() => openStep(task)} data-testid={`merchant-onboarding-handle-${task.elementId}`}>{t('mch.onb.handle')}</Button> : null}
                </Flex>
              ))}
            </Flex>
          ) : (
            <Table<Task>
              rowKey="id"
              size="small"
              scroll={{ x: 'max-content' }}
              pagination={false}
              dataSource={tasks.data ?? []}
              loading={tasks.loading && !tasks.data}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('mch.onb.noTaskVisible')} /> }}
              columns={[
                { key: 'step', title: t('mch.onb.step'), render: (_, task) => <Typography.Text strong data-testid={`merchant-onboarding-step-${task.elementId}`}>{stepName(task)}</Typography.Text> },
                { key: 'who', title: t('mch.onb.who'), render: (_, task) => who(task) },
                { key: 'due', title: t('mch.onb.due'), render: (_, task) => <StepDue dueAt={task.dueAt} /> },
                {
                  key: 'actions',
                  title: t('common.actions'),
                  render: (_, task) =>
                    mayTake(task) ? (
                      <Button type="link" size="small" onClick={() => openStep(task)} data-testid={`merchant-onboarding-handle-${task.elementId}`}>
                        {t('mch.onb.handle')}
                      </Button>
                    ) : (
                      <Typography.Text type="secondary">{t('mch.onb.notYours')}</Typography.Text>
                    ),
                },
              ]}
            />
          )}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('mch.onb.startedAt', { at: formatDateTime(current.startedAt) })}{compact ? null : <> · <Link to="/work">{t('mch.onb.myWork')}</Link></>}
          </Typography.Text>
        </Flex>
      ) : (
        <Flex align="center" justify="space-between" gap={12} wrap>
          <Typography.Text data-testid="merchant-onboarding-ended">
            {t('mch.onb.ended', { at: formatDateTime(current.endedAt) })}
          </Typography.Text>
          {startButton}
        </Flex>
      )}
      {open ? (
        <ConfigProvider drawer={{ classNames: { body: 'mch-task-body' } }}>
          <WorkDrawer
            item={open}
            onClose={() => setOpen(null)}
            onChanged={(closed) => {
              if (closed) setOpen(null);
              reloadTasks();
              reloadDetail();
              reloadInstances();
              onChanged();
            }}
          />
        </ConfigProvider>
      ) : null}
    </Card>
  );
}
