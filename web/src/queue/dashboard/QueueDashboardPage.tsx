import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Select, Spin, Tabs } from 'antd';
import { useSearchParams } from 'react-router';
import { useMe } from '../../auth/auth';
import { useT } from '../../i18n/i18n';
import { PageHeader } from '../../shared/PageHeader';
import { useBranchLive } from '../staff/use-branch-live';
import { useStaffBranch } from '../staff/use-staff-branch';
import { SetupPanel } from './SetupPanel';
import { TicketsTable } from './TicketsTable';
import { TodayOverview } from './TodayOverview';

type Tab = 'today' | 'setup';

/**
 * 网点排队: the branch's queue today (figures, waiting per category, counters and who staffs
 * them, every ticket) and its set-up, which `queue.manage` may change.
 */
export function QueueDashboardPage() {
  const { t } = useT();
  const { can } = useMe();
  const [params, setParams] = useSearchParams();
  const { branch, options, setBranch } = useStaffBranch();
  const live = useBranchLive(branch, null);
  const tab: Tab = params.get('tab') === 'setup' ? 'setup' : 'today';
  const setup = live.setup?.branch.code === branch ? live.setup : undefined;

  const setTab = (next: string) =>
    setParams((prev) => {
      const p = new URLSearchParams(prev);
      if (next === 'setup') p.set('tab', 'setup');
      else p.delete('tab');
      return p;
    }, { replace: true });

  return (
    <>
      <PageHeader
        title={t('nav.queueDashboard')}
        section="nav.queue"
        extra={
          <>
            <Select value={branch ?? undefined} onChange={setBranch} options={options} style={{ minWidth: 240 }} placeholder={t('queue.branch')} data-testid="dashboard-branch" />
            <Button icon={<ReloadOutlined />} onClick={live.reload}>{t('common.reload')}</Button>
          </>
        }
      />
      {live.stream === 'offline' ? <Alert type="warning" showIcon title={t('queue.live.offline')} style={{ marginBottom: 16 }} /> : null}
      {!branch ? (
        <Card><Empty description={t('queue.noBranch')} /></Card>
      ) : !setup ? (
        <Spin style={{ display: 'block', margin: '80px auto' }} />
      ) : (
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            {
              key: 'today',
              label: <span data-testid="dashboard-tab-today">{t('queue.dash.tabToday')}</span>,
              children: (
                <>
                  <TodayOverview setup={setup} tickets={live.tickets} />
                  <TicketsTable setup={setup} tickets={live.tickets} loading={live.loading} />
                </>
              ),
            },
            {
              key: 'setup',
              label: <span data-testid="dashboard-tab-setup">{t('queue.dash.tabSetup')}</span>,
              children: <SetupPanel setup={setup} editable={can('queue.manage')} onSaved={live.reload} />,
            },
          ]}
        />
      )}
    </>
  );
}
