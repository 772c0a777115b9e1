import { CheckCircleFilled, ExclamationCircleFilled } from '@ant-design/icons';
import { Checkbox, Flex, Progress, Space, Tag, Tooltip, Typography } from 'antd';
import type { CaseMaterial, CaseStatus, SlaState } from '../../api/cases.api';
import type { WorkCase } from '../../api/work.api';
import { useT } from '../../i18n/i18n';
import dayjs from 'dayjs';
import { formatDateTime } from '../../shared/format';
import { formatMinute } from '../catalog/service-display';

const statusColor: Record<CaseStatus, string> = { open: 'processing', completed: 'success', rejected: 'error', cancelled: 'default' };
export const slaColor: Record<SlaState, string> = { on_track: 'green', at_risk: 'orange', breached: 'red', none: 'default' };
const slaStroke: Record<SlaState, string> = { on_track: '#52c41a', at_risk: '#fa8c16', breached: '#f5222d', none: '#bfbfbf' };

export function CaseStatusTag({ status, testId }: { status: CaseStatus; testId?: string }) {
  const { t } = useT();
  return <Tag color={statusColor[status]} data-testid={testId}>{t(`case.status.${status}`)}</Tag>;
}

export function SlaTag({ state }: { state: SlaState }) {
  const { t } = useT();
  return <Tag color={slaColor[state]} style={{ marginInlineEnd: 0 }}>{t(`case.sla.${state}`)}</Tag>;
}

/** A step's due time to the minute, in red with a tag once it has passed. */
export function StepDue({ dueAt }: { dueAt: string | null }) {
  const { t } = useT();
  if (!dueAt) return <Typography.Text type="secondary">—</Typography.Text>;
  const overdue = dayjs(dueAt).isBefore(dayjs());
  return (
    <Space size={4} style={{ whiteSpace: 'nowrap' }}>
      <Typography.Text type={overdue ? 'danger' : undefined}>{formatMinute(dueAt)}</Typography.Text>
      {overdue ? <Tag color="error" style={{ marginInlineEnd: 0 }}>{t('case.stepOverdue')}</Tag> : null}
    </Space>
  );
}

/** The SLA state of a worklist item's case, from the flags the worklist carries. */
export function workCaseSla(c: WorkCase | null): SlaState {
  if (!c || !c.dueAt) return 'none';
  if (c.breached) return 'breached';
  return c.atRisk ? 'at_risk' : 'on_track';
}

/** State tag and the share of the time limit used, for tables; a closed case says only whether it was late. */
export function SlaCell({ state, usedPercent, open = true }: { state: SlaState; usedPercent: number | null; open?: boolean }) {
  const { t } = useT();
  if (!open) {
    return state === 'breached' ? <Tag color="red">{t('case.closedLate')}</Tag> : <Typography.Text type="secondary">—</Typography.Text>;
  }
  return (
    <Flex align="center" gap={8} style={{ whiteSpace: 'nowrap' }}>
      <SlaTag state={state} />
      {usedPercent !== null ? (
        <>
          <Progress percent={Math.min(usedPercent, 100)} size={[64, 6]} strokeColor={slaStroke[state]} showInfo={false} style={{ margin: 0, width: 64 }} />
          <Typography.Text type="secondary" style={{ fontSize: 12, minWidth: 32 }}>{usedPercent}%</Typography.Text>
        </>
      ) : null}
    </Flex>
  );
}

/** A wider SLA clock for a case header: used share as a bar, and the due time. */
export function SlaClock({ state, usedPercent, dueAt }: { state: SlaState; usedPercent: number | null; dueAt: string | null }) {
  const { t } = useT();
  return (
    <Flex vertical gap={4} style={{ minWidth: 260 }}>
      <Flex align="center" gap={8}>
        <SlaTag state={state} />
        <Typography.Text type={state === 'breached' ? 'danger' : undefined}>
          {dueAt ? t('case.dueAtValue', { at: formatDateTime(dueAt) }) : t('case.noDue')}
        </Typography.Text>
      </Flex>
      {usedPercent !== null ? (
        <Tooltip title={t('case.usedPercent', { percent: usedPercent })}>
          <Progress percent={Math.min(usedPercent, 100)} strokeColor={slaStroke[state]} status={state === 'breached' ? 'exception' : 'normal'} format={() => `${usedPercent}%`} size="small" />
        </Tooltip>
      ) : null}
    </Flex>
  );
}

type ChecklistProps = {
  materials: readonly CaseMaterial[];
  /** Ticking calls `onToggle`; without it the list is read-only. */
  onToggle?: (material: CaseMaterial, received: boolean) => void;
  /** Positions being saved. */
  saving?: ReadonlySet<number>;
  /** Positions the server named as missing (e.g. a refused completion). */
  flagged?: ReadonlySet<number>;
  testIdPrefix: string;
};

/** The materials checklist: mandatory items not yet received stand out in red. */
export function MaterialsChecklist({ materials, onToggle, saving, flagged, testIdPrefix }: ChecklistProps) {
  const { t, pick } = useT();
  if (materials.length === 0) return <Typography.Text type="secondary">{t('case.noMaterials')}</Typography.Text>;
  return (
    <Flex vertical gap={6}>
      {materials.map((m) => {
        const missing = m.required && !m.received;
        const highlight = missing || flagged?.has(m.position);
        return (
          <Flex key={m.position} vertical gap={2}
            style={{ padding: '6px 10px', borderRadius: 4, background: highlight ? '#fff1f0' : '#fafafa', border: `1px solid ${highlight ? '#ffccc7' : '#f0f0f0'}` }}>
            <Flex align="center" justify="space-between" gap={8}>
              {onToggle ? (
                <Checkbox checked={m.received} disabled={saving?.has(m.position)} onChange={(e) => onToggle(m, e.target.checked)} data-testid={`${testIdPrefix}-${m.position}`}>
                  <Typography.Text type={highlight ? 'danger' : undefined}>{pick(m)}</Typography.Text>
                </Checkbox>
              ) : (
                <Space size={6} data-testid={`${testIdPrefix}-${m.position}`}>
                  {m.received ? <CheckCircleFilled style={{ color: '#52c41a' }} /> : <ExclamationCircleFilled style={{ color: highlight ? '#f5222d' : '#bfbfbf' }} />}
                  <Typography.Text type={highlight ? 'danger' : undefined}>{pick(m)}</Typography.Text>
                </Space>
              )}
              {m.required ? <Tag color={missing ? 'red' : 'blue'} style={{ marginInlineEnd: 0 }}>{t('svc.required')}</Tag> : <Tag style={{ marginInlineEnd: 0 }}>{t('svc.optional')}</Tag>}
            </Flex>
            <Typography.Text type="secondary" style={{ fontSize: 12, paddingInlineStart: onToggle ? 24 : 20 }}>
              {m.checkedAt ? t(m.received ? 'case.receivedBy' : 'case.uncheckedBy', { who: m.checkedBy ?? '—', at: formatDateTime(m.checkedAt) }) : t('case.notChecked')}
            </Typography.Text>
          </Flex>
        );
      })}
    </Flex>
  );
}
