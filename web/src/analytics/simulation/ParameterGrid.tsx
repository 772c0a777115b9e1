import { Flex, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ReactNode } from 'react';
import { useT } from '../../i18n/i18n';
import { DistributionCell } from './DistributionCell';
import { ProvenanceTag } from './ProvenanceTag';
import { ScenarioHeader } from './ScenarioHeader';
import { usePoolName } from './use-pool-name';
import { withBranch, withDuration, withPoolSize, withRemoved, type Scenario } from './scenarios';
import type { ModelActivity, ModelSplit, ParameterSet, PoolCalendar, SimulationParameters } from './simulation.api';

type Row =
  | { kind: 'section'; key: string; title: string }
  | { kind: 'arrivals'; key: 'arrivalsPerHour' }
  | { kind: 'duration'; key: string; activity: ModelActivity }
  | { kind: 'branch'; key: string; split: ModelSplit; flow: ModelSplit['flows'][number] }
  | { kind: 'pool'; key: string; pool: string };

const CHANGED = { background: '#fff7e6', boxShadow: 'inset 3px 0 0 #fa8c16' };
const WRONG = { background: '#fff1f0', boxShadow: 'inset 3px 0 0 #ff4d4f' };

type Props = {
  base: ParameterSet;
  scenarios: Scenario[];
  onChange: (index: number, next: Scenario | null) => void;
  onCopy: (index: number) => void;
  /** The server's problems by `<scenario>|<cell>`. */
  problems: ReadonlyMap<string, string[]>;
};

/**
 * The parameters of the process (rows: arrivals, each step's duration, each branch's share, each
 * pool's people and hours) for every scenario side by side (columns), each editable; a value
 * different from the baseline's is marked, and the server's refusal of a value is written in its cell.
 */
export function ParameterGrid({ base, scenarios, onChange, onCopy, problems }: Props) {
  const { t } = useT();
  const poolName = usePoolName();
  const { activities, splits, pools } = base.model;
  // people's steps first (where what-ifs are made), each group in model order
  const timed = [...activities.filter((a) => a.timed && a.pool), ...activities.filter((a) => a.timed && !a.pool)];
  const rows: Row[] = [
    { kind: 'section', key: '#arrivals', title: t('analytics.sim.section.arrivals') },
    { kind: 'arrivals', key: 'arrivalsPerHour' },
    ...(timed.length ? [{ kind: 'section' as const, key: '#durations', title: t('analytics.sim.section.durations') }] : []),
    ...timed.map((activity) => ({ kind: 'duration' as const, key: `durations/${activity.id}`, activity })),
    ...(splits.length ? [{ kind: 'section' as const, key: '#branches', title: t('analytics.sim.section.branches') }] : []),
    ...splits.flatMap((split) => split.flows.map((flow) => ({ kind: 'branch' as const, key: `branchProbabilities/${flow.id}`, split, flow }))),
    ...(pools.length ? [{ kind: 'section' as const, key: '#pools', title: t('analytics.sim.section.pools') }] : []),
    ...pools.map((pool) => ({ kind: 'pool' as const, key: `pools/${pool}`, pool })),
  ];
  const prov = base.provenance;
  const span = 2 + scenarios.length;

  const label = (r: Row): ReactNode => {
    switch (r.kind) {
      case 'section':
        return <Typography.Text strong>{r.title}</Typography.Text>;
      case 'arrivals':
        return t('analytics.sim.arrivals');
      case 'duration':
        return (
          <Flex vertical>
            <span>{r.activity.name}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.activity.pool ? t('analytics.sim.humanIn', { pool: poolName(r.activity.pool) }) : t('analytics.sim.automatic')}</Typography.Text>
          </Flex>
        );
      case 'branch':
        return (
          <Flex vertical>
            <span>→ {r.flow.targetName}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t(`analytics.sim.split.${r.split.kind}`, { name: r.split.name })}</Typography.Text>
          </Flex>
        );
      case 'pool':
        return poolName(r.pool) === r.pool ? r.pool : (
          <Flex vertical>
            <span>{poolName(r.pool)}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.pool}</Typography.Text>
          </Flex>
        );
    }
  };

  const source = (r: Row): ReactNode => {
    if (r.kind === 'arrivals') return <ProvenanceTag origin={prov.arrivalsPerHour} kind="arrivals" />;
    if (r.kind === 'duration') return <ProvenanceTag origin={prov.durations[r.activity.id]} kind="duration" automatic={r.activity.pool === null} />;
    if (r.kind === 'branch') return <ProvenanceTag origin={prov.branchProbabilities[r.flow.id]} kind="branch" exclusive={r.split.kind === 'exclusive'} />;
    if (r.kind === 'pool') return <ProvenanceTag origin={prov.pools[r.pool]} kind="pool" />;
    return null;
  };

  const changed = (r: Row, p: SimulationParameters, ref: SimulationParameters): boolean => {
    if (r.kind === 'arrivals') return p.arrivalsPerHour !== ref.arrivalsPerHour;
    if (r.kind === 'duration') return JSON.stringify(p.durations[r.activity.id]) !== JSON.stringify(ref.durations[r.activity.id]) || p.removedActivities.includes(r.activity.id) !== ref.removedActivities.includes(r.activity.id);
    if (r.kind === 'branch') return p.branchProbabilities[r.flow.id] !== ref.branchProbabilities[r.flow.id];
    if (r.kind === 'pool') return JSON.stringify(p.pools[r.pool]) !== JSON.stringify(ref.pools[r.pool]);
    return false;
  };

  const editor = (r: Row, s: Scenario, i: number): ReactNode => {
    const p = s.parameters;
    const set = (next: SimulationParameters) => onChange(i, { ...s, parameters: next });
    const id = `sim-${i}`;
    switch (r.kind) {
      case 'section':
        return null;
      case 'arrivals':
        return (
          <InputNumber size="small" min={0} max={100_000} step={1} precision={Number.isInteger(p.arrivalsPerHour) ? 0 : 2} value={p.arrivalsPerHour} suffix={t('analytics.sim.perHour')}
            onChange={(v) => typeof v === 'number' && set({ ...p, arrivalsPerHour: v })} style={{ width: 150 }} data-testid={`${id}-arrivals`} />
        );
      case 'duration': {
        const d = p.durations[r.activity.id];
        if (p.removedActivities.includes(r.activity.id)) {
          return (
            <Flex gap={6} align="center">
              <Tag color="default" style={{ marginInlineEnd: 0 }}>{t('analytics.sim.removed')}</Tag>
              <Typography.Link onClick={() => set(withRemoved(p, r.activity.id, false))} data-testid={`${id}-restore-${r.activity.id}`}>{t('analytics.sim.restore')}</Typography.Link>
            </Flex>
          );
        }
        return d ? <DistributionCell value={d} onChange={(next) => set(withDuration(p, r.activity.id, next))} testId={`${id}-duration-${r.activity.id}`} /> : '—';
      }
      case 'branch':
        return (
          <InputNumber size="small" min={0} max={100} step={5} precision={1} value={Math.round((p.branchProbabilities[r.flow.id] ?? 0) * 1000) / 10} suffix="%"
            onChange={(v) => typeof v === 'number' && set(withBranch(p, r.split, r.flow.id, Math.round(v * 10) / 1000))} style={{ width: 110 }} data-testid={`${id}-branch-${r.flow.id}`} />
        );
      case 'pool': {
        const pool = p.pools[r.pool];
        if (!pool) return '—';
        return (
          <Space.Compact size="small">
            <InputNumber size="small" min={1} max={10_000} precision={0} value={pool.size} suffix={t('analytics.sim.people')}
              onChange={(v) => typeof v === 'number' && set(withPoolSize(p, r.pool, v - pool.size))} style={{ width: 100 }} data-testid={`${id}-pool-${r.pool}`} />
            <Select<PoolCalendar> size="small" value={pool.calendar} onChange={(calendar) => set({ ...p, pools: { ...p.pools, [r.pool]: { ...pool, calendar } } })} style={{ width: 104 }}
              popupMatchSelectWidth={false} options={(['24x7', 'working'] as const).map((c) => ({ value: c, label: t(`analytics.sim.calendar.${c}`) }))} data-testid={`${id}-calendar-${r.pool}`} />
          </Space.Compact>
        );
      }
    }
  };

  // a problem of the scenario as a whole (its name, removed steps) is written under its header
  const cellProblem = (r: Row, i: number) => (r.kind === 'section' ? undefined : problems.get(`${i}|${r.key}`));

  const columns: ColumnsType<Row> = [
    { key: 'param', title: t('analytics.sim.parameter'), width: 230, fixed: 'left', onCell: (r) => (r.kind === 'section' ? { colSpan: span, style: { background: '#fafafa' } } : {}), render: (_, r) => label(r) },
    { key: 'source', title: t('analytics.sim.source'), width: 76, onCell: (r) => (r.kind === 'section' ? { colSpan: 0 } : {}), render: (_, r) => source(r) },
    ...scenarios.map((s, i) => ({
      key: s.key,
      title: <ScenarioHeader scenario={s} index={i} base={base} onChange={(next) => onChange(i, next)} onCopy={() => onCopy(i)} problems={problems} />,
      width: 230,
      onCell: (r: Row) => {
        if (r.kind === 'section') return { colSpan: 0 };
        const wrong = cellProblem(r, i);
        return { style: wrong ? WRONG : changed(r, s.parameters, i === 0 ? base.parameters : scenarios[0]!.parameters) ? CHANGED : undefined };
      },
      render: (_: unknown, r: Row) => {
        const wrong = cellProblem(r, i);
        return (
          <Flex vertical gap={2}>
            {editor(r, s, i)}
            {wrong ? <Typography.Text type="danger" style={{ fontSize: 12 }} data-testid="sim-field-error">{wrong.join(' ')}</Typography.Text> : null}
          </Flex>
        );
      },
    })),
  ];

  return (
    <Table<Row>
      rowKey="key"
      size="small"
      bordered
      pagination={false}
      dataSource={rows}
      columns={columns}
      scroll={{ x: 306 + scenarios.length * 230 }}
      data-testid="sim-parameters"
    />
  );
}
