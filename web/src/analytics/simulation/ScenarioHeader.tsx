import { CopyOutlined, DeleteOutlined, DownOutlined, MinusOutlined, PlusOutlined, ScissorOutlined, UndoOutlined } from '@ant-design/icons';
import { Button, Dropdown, Flex, Input, Tag, Typography } from 'antd';
import type { MenuProps } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../../i18n/i18n';
import { withPoolSize, withRemoved, type Scenario } from './scenarios';
import { usePoolName } from './use-pool-name';
import type { ParameterSet } from './simulation.api';

type Props = {
  scenario: Scenario;
  index: number;
  base: ParameterSet;
  /** null deletes the scenario. */
  onChange: (next: Scenario | null) => void;
  onCopy: () => void;
  problems: ReadonlyMap<string, string[]>;
};

/**
 * A scenario's column head: its name (editable), the baseline marked, and its quick changes —
 * one more or one fewer person in a pool, a step removed — besides copying, resetting, deleting.
 * Test ids: `sim-name-<i>`, `sim-actions-<i>`, menu items `sim-action-<key>`.
 */
export function ScenarioHeader({ scenario, index, base, onChange, onCopy, problems }: Props) {
  const { t } = useT();
  const poolName = usePoolName();
  const p = scenario.parameters;
  const steps = base.model.activities.filter((a) => a.timed && !p.removedActivities.includes(a.id));
  const item = (key: string, label: string, icon?: ReactNode) => ({ key, icon, label: <span data-testid={`sim-action-${key}`}>{label}</span> });
  const items: MenuProps['items'] = [
    ...(base.model.pools.length
      ? [{ type: 'group' as const, key: 'g-more', label: t('analytics.sim.action.staffing'), children: base.model.pools.flatMap((pool) => [
          item(`more:${pool}`, t('analytics.sim.action.onePersonMore', { pool: poolName(pool), n: (p.pools[pool]?.size ?? 1) + 1 }), <PlusOutlined />),
          ...((p.pools[pool]?.size ?? 1) > 1 ? [item(`less:${pool}`, t('analytics.sim.action.onePersonLess', { pool: poolName(pool), n: (p.pools[pool]?.size ?? 2) - 1 }), <MinusOutlined />)] : []),
        ]) }]
      : []),
    ...(steps.length ? [{ type: 'group' as const, key: 'g-remove', label: t('analytics.sim.action.removeStep'), children: steps.map((a) => item(`remove:${a.id}`, a.name, <ScissorOutlined />)) }] : []),
    { type: 'divider' as const },
    item('copy', t('analytics.sim.action.copy'), <CopyOutlined />),
    item('reset', t('analytics.sim.action.reset'), <UndoOutlined />),
    ...(index > 0 ? [{ ...item('delete', t('analytics.sim.action.delete'), <DeleteOutlined />), danger: true }] : []),
  ];
  const onClick: MenuProps['onClick'] = ({ key }) => {
    const [action, arg = ''] = key.split(/:(.*)/s);
    if (action === 'more' || action === 'less') onChange({ ...scenario, parameters: withPoolSize(p, arg, action === 'more' ? 1 : -1) });
    else if (action === 'remove') onChange({ ...scenario, parameters: withRemoved(p, arg, true) });
    else if (action === 'copy') onCopy();
    else if (action === 'reset') onChange({ ...scenario, parameters: structuredClone(base.parameters) });
    else if (action === 'delete') onChange(null);
  };
  const own = [...(problems.get(`${index}|name`) ?? []), ...(problems.get(`${index}|removedActivities`) ?? []), ...(problems.get(`${index}|`) ?? [])];

  return (
    <Flex vertical gap={4}>
      <Flex gap={4} align="center">
        <Input size="small" value={scenario.name} maxLength={100} onChange={(e) => onChange({ ...scenario, name: e.target.value })} status={own.length || !scenario.name.trim() ? 'error' : undefined}
          aria-label={t('analytics.sim.scenarioName')} data-testid={`sim-name-${index}`} />
        <Dropdown menu={{ items, onClick }} trigger={['click']}>
          <Button size="small" data-testid={`sim-actions-${index}`}>
            {t('analytics.sim.action.menu')} <DownOutlined />
          </Button>
        </Dropdown>
      </Flex>
      {index === 0 ? <Tag color="blue" style={{ width: 'fit-content', fontWeight: 'normal' }}>{t('analytics.sim.baseline')}</Tag> : <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>{t('analytics.sim.vsBaseline')}</Typography.Text>}
      {own.length ? <Typography.Text type="danger" style={{ fontSize: 12, fontWeight: 'normal' }}>{own.join(' ')}</Typography.Text> : null}
    </Flex>
  );
}
