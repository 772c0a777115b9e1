import { UndoOutlined } from '@ant-design/icons';
import { Alert, App, Button, Collapse, Descriptions, Divider, Drawer, Flex, Form, Input, Skeleton, Space, Tag, Typography } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { casesApi, type Case } from '../../api/cases.api';
import { processApi } from '../../api/process.api';
import type { WorkItem } from '../../api/work.api';
import { useMe } from '../../auth/auth';
import { useT } from '../../i18n/i18n';
import { formatDateTime } from '../../shared/format';
import { useRequest } from '../../shared/use-request';
import { MaterialsChecklist, StepDue } from '../cases/case-display';
import { CaseFacts } from '../cases/CaseFacts';
import { useMaterialCheck } from '../cases/use-material-check';
import { FormJsForm, type FormJsHandle } from '../tasks/FormJsForm';
import { formJsSchemaOf, parseValue } from '../tasks/task-form';
import { VariablesEditor, type VariableRow } from '../tasks/VariablesEditor';
import { ReasonModal } from './ReasonModal';
import { stepKindOf } from './step-kind';
import { PriorityTag, StepTags, useQualificationNames, useRoleLabel } from './step-tags';
import { StepActions } from './StepActions';
import { useStepWork } from './use-step-work';

type Props = {
  item: WorkItem;
  onClose: () => void;
  /** The step changed on the server; `closed` when it left my hands (done, returned, taken). */
  onChanged: (closed: boolean) => void;
};

/** 办理: one step of a case — the case at a glance, its materials, the form, and the outcome. */
export function WorkDrawer({ item: initial, onClose, onChanged }: Props) {
  const { t, lang, pick } = useT();
  const me = useMe();
  const { message } = App.useApp();
  const qualificationName = useQualificationNames();
  const roleLabel = useRoleLabel();
  const [item, setItem] = useState(initial);
  const [comment, setComment] = useState('');
  const [asking, setAsking] = useState<'return' | 'reject' | null>(null);
  const [kvForm] = Form.useForm<{ variables: VariableRow[] }>();
  const formJs = useRef<FormJsHandle>(null);
  const schema = useMemo(() => formJsSchemaOf(item.formSchema), [item.formSchema]);
  const kind = stepKindOf(item.elementId);

  const caseId = item.case?.id;
  const caseReq = useRequest((signal) => casesApi.get(caseId ?? '', signal), [caseId, lang], { enabled: caseId !== undefined });
  const [caseOverride, setCaseOverride] = useState<Case | null>(null);
  const theCase = caseOverride ?? caseReq.data;
  const materials = useMaterialCheck(caseId, setCaseOverride);

  // The case so far fills the form and says why work came back; without `process.read` neither shows.
  const instance = useRequest((signal) => processApi.instance(item.instanceId, signal), [item.instanceId], {
    enabled: me.can('process.read'),
    silent: true,
  });
  const formData = useMemo(() => instance.data?.variables ?? {}, [instance.data]);
  const returnedWith = kind.type === 'plain' && formData.decision === 'return' && typeof formData.comment === 'string' ? formData.comment : null;
  const formReady = schema !== null && (!me.can('process.read') || !instance.loading);

  const claimed = item.assignee !== null;
  const mine = item.assignee === me.username || item.assignee === me.id;

  const work = useStepWork(item.id, {
    onChanged,
    onClaimed: (fresh) => setItem((prev) => ({ ...prev, ...fresh })),
    onMaterialsRefused: () => {
      setCaseOverride(null);
      caseReq.reload();
    },
  });
  const { busy, refusal } = work;

  /** The form's data (form-js or the extra variables); null when a field needs fixing. */
  const collect = async (): Promise<Record<string, unknown> | null> => {
    if (schema) {
      const data = formJs.current?.submit() ?? null;
      if (!data) void message.error(t('error.checkFields'));
      return data;
    }
    if (kind.type !== 'plain') return {};
    try {
      const rows = (await kvForm.validateFields()).variables ?? [];
      return Object.fromEntries(rows.map((r) => [(r.name ?? '').trim(), parseValue(r.value ?? '')]));
    } catch {
      return null; // the fields show what is missing
    }
  };

  const finish = async (action: 'approve' | 'reject' | 'complete', outcome: Record<string, unknown>, done: string) => {
    const data = await collect();
    if (data) await work.complete(action, { ...data, ...outcome }, done);
  };

  const withComment = () => (comment.trim() ? { comment: comment.trim() } : {});
  const vote = kind.type === 'vote';
  const actions = (
    <StepActions
      kind={kind}
      claimed={claimed}
      mine={mine}
      busy={busy}
      onClaim={() => void work.claim()}
      onComplete={() => void finish('complete', {}, t('work.completed'))}
      onApprove={() => void finish('approve', vote ? { vote: 'approve' } : { decision: 'approve', ...withComment() }, vote ? t('work.voted') : t('work.approved'))}
      onReject={() => (vote ? void finish('reject', { vote: 'reject' }, t('work.voted')) : setAsking('reject'))}
      onReturn={() => setAsking('return')}
    />
  );

  const missingNames = refusal?.type === 'materials'
    ? refusal.missing.map((position) => theCase?.materials.find((m) => m.position === position)).filter((m) => m !== undefined).map((m) => pick(m))
    : [];

  return (
    <Drawer
      open
      size={760}
      onClose={onClose}
      destroyOnHidden
      title={
        <Space size={8} wrap>
          <span>{t('work.drawerTitle', { name: item.label ?? item.name ?? item.elementId })}</span>
          {item.case ? <Typography.Text type="secondary" style={{ fontWeight: 400 }}>{item.case.ref}</Typography.Text> : null}
        </Space>
      }
      footer={
        <Flex justify="space-between" align="center" gap={8}>
          <span>
            {mine ? (
              <Button icon={<UndoOutlined />} loading={busy === 'unclaim'} disabled={busy !== null} onClick={() => void work.unclaim()} data-testid="task-unclaim">
                {t('work.unclaim')}
              </Button>
            ) : null}
          </span>
          {actions}
        </Flex>
      }
      data-testid="task-drawer"
    >
      {refusal && refusal.type !== 'conflict' ? (
        <Alert
          type="error"
          showIcon
          closable={{ onClose: work.clearRefusal }}
          style={{ marginBottom: 16 }}
          title={t(`work.refusal.${refusal.type}`)}
          description={
            refusal.type === 'materials' && missingNames.length > 0 ? (
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>{missingNames.map((n) => <li key={n}>{n}</li>)}</ul>
            ) : refusal.type === 'notQualified' && item.qualification ? (
              t('work.requiredQualification', { name: qualificationName(item.qualification) })
            ) : refusal.type === 'makerChecker' ? undefined : (
              refusal.detail
            )
          }
          data-testid="task-refusal"
        />
      ) : null}
      {returnedWith ? (
        <Alert type="warning" showIcon title={t('work.returnedBecause')} description={returnedWith} style={{ marginBottom: 16 }} data-testid="task-returned-reason" />
      ) : null}
      {!claimed ? <Alert type="info" showIcon title={t('work.claimFirst')} style={{ marginBottom: 16 }} /> : null}
      {claimed && !mine ? <Alert type="warning" showIcon title={t('work.someoneElse', { who: item.assignee ?? '' })} style={{ marginBottom: 16 }} /> : null}

      <Descriptions size="small" column={2}>
        <Descriptions.Item label={t('work.step')}>
          <Space size={4} wrap>
            <Typography.Text strong>{item.label ?? item.name ?? item.elementId}</Typography.Text>
            <StepTags pool={item.pool} qualification={item.qualification} qualificationName={qualificationName} />
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('work.stepDue')}><StepDue dueAt={item.dueAt} /></Descriptions.Item>
        <Descriptions.Item label={t('work.priority')}><PriorityTag priority={item.priority} /></Descriptions.Item>
        <Descriptions.Item label={t('work.candidates')}>
          {item.candidateGroups.length > 0 ? item.candidateGroups.map((g) => <Tag key={g}>{roleLabel(g)}</Tag>) : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('work.assignee')}>{item.assignee ?? <Tag color="orange">{t('work.unassigned')}</Tag>}</Descriptions.Item>
        <Descriptions.Item label={t('work.arrived')}>{formatDateTime(item.createdAt)}</Descriptions.Item>
      </Descriptions>

      {item.case ? (
        <>
          <Divider titlePlacement="start" style={{ marginTop: 8 }}>{t('work.caseSection')}</Divider>
          {theCase ? (
            <CaseFacts theCase={theCase} compact />
          ) : caseReq.loading ? <Skeleton active paragraph={{ rows: 3 }} /> : (
            <Typography.Text type="secondary">
              <Link to={`/cases/${encodeURIComponent(item.case.id)}`}>{item.case.ref}</Link>
            </Typography.Text>
          )}
          {theCase ? (
            <>
              <Divider titlePlacement="start">{t('case.materials')}</Divider>
              <MaterialsChecklist
                materials={theCase.materials}
                onToggle={theCase.status === 'open' && me.can('case.write') ? materials.toggle : undefined}
                saving={materials.saving}
                flagged={new Set(refusal?.type === 'materials' ? refusal.missing : [])}
                testIdPrefix="task-material"
              />
            </>
          ) : null}
        </>
      ) : null}

      {schema ? (
        <>
          <Divider titlePlacement="start">{t('work.form')}</Divider>
          {formReady ? <FormJsForm ref={formJs} schema={schema} data={formData} /> : <Skeleton active />}
        </>
      ) : null}

      {kind.type === 'approval' && mine ? (
        <>
          <Divider titlePlacement="start">{t('work.opinion')}</Divider>
          <Input.TextArea value={comment} onChange={(e) => setComment(e.target.value)} rows={3} maxLength={500} showCount
            placeholder={t('work.opinionPlaceholder')} data-testid="task-comment" />
        </>
      ) : null}

      {!schema && kind.type === 'plain' && mine ? (
        <Collapse
          ghost
          size="small"
          style={{ marginTop: 16 }}
          items={[{
            key: 'vars',
            label: <Typography.Text type="secondary">{t('work.moreVariables')}</Typography.Text>,
            children: (
              <Form form={kvForm} layout="vertical" initialValues={{ variables: [] }}>
                <VariablesEditor />
              </Form>
            ),
          }]}
        />
      ) : null}

      <ReasonModal
        open={asking === 'return'}
        title={t('work.returnTitle')}
        label={t('work.returnReason')}
        okText={t('work.return')}
        initial={comment}
        loading={busy === 'return'}
        testId="task-return-reason"
        onOk={(reason) => {
          setAsking(null);
          void work.returnForCorrection(reason);
        }}
        onCancel={() => setAsking(null)}
      />
      <ReasonModal
        open={asking === 'reject'}
        title={t('work.rejectTitle')}
        label={t('work.rejectReason')}
        okText={t('work.reject')}
        danger
        initial={comment}
        loading={busy === 'reject'}
        testId="task-reject-reason"
        onOk={(reason) => {
          setAsking(null);
          void finish('reject', { decision: 'reject', comment: reason }, t('work.rejected'));
        }}
        onCancel={() => setAsking(null)}
      />
    </Drawer>
  );
}
