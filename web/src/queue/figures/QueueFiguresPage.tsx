import { Card, Empty, Select, Tabs } from 'antd';
import { useSearchParams } from 'react-router';
import { useT } from '../../i18n/i18n';
import { PageHeader } from '../../shared/PageHeader';
import { useStaffBranch } from '../staff/use-staff-branch';
import { FiguresPanel } from './FiguresPanel';
import { StaffingPanel } from './StaffingPanel';

type Tab = 'figures' | 'staffing';

/**
 * 排队分析与人员配置 (`/queue/figures`, `queue.read`): a branch's queue figures over a period —
 * waits against the target, no-shows, service, tellers, counters, the hours of the week — and
 * the staffing advisor: counters needed per hour of a day, and what a given number would give.
 */
export function QueueFiguresPage() {
  const { t } = useT();
  const [params, setParams] = useSearchParams();
  const { branch, options, setBranch } = useStaffBranch();
  const tab: Tab = params.get('tab') === 'staffing' ? 'staffing' : 'figures';

  const setTab = (next: string) =>
    setParams((prev) => {
      const p = new URLSearchParams(prev);
      if (next === 'staffing') p.set('tab', 'staffing');
      else p.delete('tab');
      return p;
    }, { replace: true });

  return (
    <>
      <PageHeader
        title={t('nav.queueFigures')}
        section="nav.queue"
        extra={<Select value={branch ?? undefined} onChange={setBranch} options={options} style={{ minWidth: 240 }} placeholder={t('queue.branch')} data-testid="figures-branch" />}
      />
      {!branch ? (
        <Card><Empty description={t('queue.noBranch')} /></Card>
      ) : (
        <Tabs
          activeKey={tab}
          onChange={setTab}
          destroyOnHidden
          items={[
            { key: 'figures', label: <span data-testid="figures-tab-figures">{t('queue.fig.tabFigures')}</span>, children: <FiguresPanel branch={branch} /> },
            { key: 'staffing', label: <span data-testid="figures-tab-staffing">{t('queue.fig.tabStaffing')}</span>, children: <StaffingPanel branch={branch} /> },
          ]}
        />
      )}
    </>
  );
}
