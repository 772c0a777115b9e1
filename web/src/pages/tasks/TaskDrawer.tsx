import { CheckOutlined, RollbackOutlined, UserAddOutlined } from '@ant-design/icons';
import { Alert, App, Button, Descriptions, Divider, Drawer, Form, Space, Tag } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { isApiError } from '../../api/client';
import { processApi } from '../../api/process.api';
import { makerCheckerType, tasksApi, type Task } from '../../api/tasks.api';
import { useMe } from '../../auth/auth';
import { useT } from '../../i18n/i18n';
import { useShowError } from '../../shared/api-errors';
import { formatDateTime } from '../../shared/format';
import { useRequest } from '../../shared/use-request';
import { FormJsForm, type FormJsHandle } from './FormJsForm';
import { TaskDue } from './task-due';
import { formJsSchemaOf, parseValue } from './task-form';
import { VariablesEditor, type VariableRow } from './VariablesEditor';

type Props = {
  task: Task;
  onClose: () => void;
  /** The task changed on the server (claimed, returned, completed, or taken by someone else). */
  onChanged: (closed: boolean) => void;
};

/** 办理: details of one task, 签收 / 退回, and the form that completes it. */
export function TaskDrawer({ task, onClose, onChanged }: Props) {
  const { t } = useT();
  const me = useMe();
  const { message } = App.useApp();
  const showError = useShowError();
  const [busy, setBusy] = useState<'claim' | 'unclaim' | 'complete' | null>(null);
  const [kvForm] = Form.useForm<{ variables: VariableRow[] }>();
  const formJs = useRef<FormJsHandle>(null);
  const schema = useMemo(() => formJsSchemaOf(task.formSchema), [task.formSchema]);

  // Prefills the form with the case so far; a worker without `process.read` starts empty.
  const instance = useRequest((signal) => processApi.instance(task.instanceId, signal), [task.instanceId], {
    enabled: schema !== null && me.can('process.read'),
    silent: true,
  });
  const formData = useMemo(() => instance.data?.variables ?? {}, [instance.data]);
  const formReady = schema !== null && (!me.can('process.read') || !instance.loading);

  const claimed = task.assignee !== null;
  const mine = task.assignee === me.id || task.assignee === me.username;

  const run = async (action: 'claim' | 'unclaim' | 'complete', call: () => Promise<void>, done: string) => {
    setBusy(action);
    try {
      await call();
      void message.success(done);
      onChanged(action === 'complete');
    } catch (err) {
      if (isApiError(err) && err.status === 409) {
        void message.warning(err.detail || t('task.conflict'));
        onChanged(true);
      } else if (isApiError(err) && err.status === 403 && err.type.endsWith(makerCheckerType)) {
        void message.error(err.detail || t('error.forbidden'));
      } else {
        showError(err);
      }
    } finally {
      setBusy(null);
    }
  };

  const complete = async () => {
    let variables: Record<string, unknown>;
    if (schema) {
      const data = formJs.current?.submit();
      if (!data) {
        void message.error(t('error.checkFields'));
        return;
      }
      variables = data;
    } else {
      let rows: VariableRow[];
      try {
        rows = (await kvForm.validateFields()).variables ?? [];
      } catch {
        return; // the fields show what is missing
      }
      variables = Object.fromEntries(rows.map((r) => [(r.name ?? '').trim(), parseValue(r.value ?? '')]));
    }
    await run('complete', () => tasksApi.complete(task.id, variables), t('task.completed'));
  };

  return (
    <Drawer
      open
      size={720}
      title={t('task.title', { name: task.name ?? task.elementId })}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Space>
          {!claimed ? (
            <Button icon={<UserAddOutlined />} loading={busy === 'claim'} disabled={busy !== null}
              onClick={() => void run('claim', () => tasksApi.claim(task.id), t('task.claimed'))} data-testid="task-claim">
              {t('task.claim')}
            </Button>
          ) : null}
          {mine ? (
            <Button icon={<RollbackOutlined />} loading={busy === 'unclaim'} disabled={busy !== null}
              onClick={() => void run('unclaim', () => tasksApi.unclaim(task.id), t('task.unclaimedDone'))} data-testid="task-unclaim">
              {t('task.unclaim')}
            </Button>
          ) : null}
          <Button type="primary" icon={<CheckOutlined />} loading={busy === 'complete'} disabled={!claimed || busy !== null}
            onClick={() => void complete()} data-testid="task-complete">
            {t('task.complete')}
          </Button>
        </Space>
      }
    >
      <Descriptions size="small" column={2} title={t('task.details')}>
        <Descriptions.Item label={t('task.process')}>{task.processKey}</Descriptions.Item>
        <Descriptions.Item label={t('task.businessKey')}>{task.businessKey ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('task.assignee')}>
          {task.assignee ?? <Tag color="orange">{t('task.unassigned')}</Tag>}
        </Descriptions.Item>
        <Descriptions.Item label={t('task.priority')}>{task.priority ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('task.dueAt')}><TaskDue dueAt={task.dueAt} /></Descriptions.Item>
        <Descriptions.Item label={t('task.followUpAt')}>{formatDateTime(task.followUpAt) || '—'}</Descriptions.Item>
        <Descriptions.Item label={t('task.createdAt')}>{formatDateTime(task.createdAt)}</Descriptions.Item>
        <Descriptions.Item label={t('task.candidates')}>
          {[...task.candidateUsers, ...task.candidateGroups].map((c) => <Tag key={c}>{c}</Tag>)}
        </Descriptions.Item>
        {me.can('process.read') ? (
          <Descriptions.Item label={t('task.instance')} span={2}>
            <Link to={`/instances/${encodeURIComponent(task.instanceId)}`}>{task.instanceId}</Link>
          </Descriptions.Item>
        ) : null}
      </Descriptions>
      {task.processKey === 'surveyFollowUp' && me.can('complaint.intake') && formData.surveyId ? (
        <Alert
          type="info"
          showIcon
          style={{ marginTop: 12 }}
          title={t('task.surveyToComplaint')}
          action={<Link to={`/complaints/new?${surveyComplaintQuery(formData)}`} data-testid="task-survey-to-complaint">{t('task.registerComplaint')}</Link>}
        />
      ) : null}
      <Divider titlePlacement="start">{schema ? t('task.form') : t('task.variables')}</Divider>
      {!claimed ? <Alert type="info" showIcon title={t('task.claimFirst')} style={{ marginBottom: 16 }} /> : null}
      {schema ? (
        formReady ? <FormJsForm ref={formJs} schema={schema} data={formData} /> : null
      ) : (
        <Form form={kvForm} layout="vertical" initialValues={{ variables: [] }} data-testid="task-form">
          <VariablesEditor />
        </Form>
      )}
    </Drawer>
  );
}

/** The intake form's link for a dissatisfied survey: the answer, its case and customer. */
function surveyComplaintQuery(v: Record<string, unknown>): string {
  const query = new URLSearchParams({ survey: String(v.surveyId) });
  if (v.caseRef) query.set('caseRef', String(v.caseRef));
  if (v.customerId) query.set('customerId', String(v.customerId));
  return query.toString();
}
