import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Select, Spin, Tabs, Tag, Tooltip } from 'antd';
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useMe } from '../../auth/auth';
import { useT } from '../../i18n/i18n';
import { PageHeader } from '../../shared/PageHeader';
import { useRequest } from '../../shared/use-request';
import { chinaToday } from '../figures/figures-format';
import { queueStaffApi, type BranchQueue } from '../queue.api';
import { useBranchLive } from '../staff/use-branch-live';
import { useStaffBranch } from '../staff/use-staff-branch';
import { useBoard } from '../use-board';
import { useDebounced } from '../use-branch-events';
import { SetupPanel } from './SetupPanel';
import { TicketsTable } from './TicketsTable';
import { viewFromBoard, viewFromTickets } from './today-view';
import { TodayOverview } from './TodayOverview';

type Tab = 'today' | 'setup';

/**
 * 网点排队: the branch's queue today (figures, waiting per category, counters and who staffs
 * them, every ticket) and its set-up, which `queue.manage` may change. Those who serve at the
 * branch see each ticket; those who only set queues up (operations managers) see the board's
 * counts and the day's figures instead.
 */
export function QueueDashboardPage() {
  const { t } = useT();
  const { can } = useMe();
  const serves = can('queue.serve');
  const [params, setParams] = useSearchParams();
  const { branch, options, setBranch } = useStaffBranch();
  const live = useBranchLive(branch, serves ? 'all' : 'none');
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
            {setup?.arrivalCode ? (
              <Tooltip title={t('queue.dash.arrivalCodeHint')}>
                <Tag color="blue" style={{ alignSelf: 'center', fontSize: 14, padding: '4px 10px', margin: 0 }} data-testid="dashboard-arrival-code">
                  {t('queue.dash.arrivalCode', { code: setup.arrivalCode })}
                </Tag>
              </Tooltip>
            ) : null}
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
              children: serves ? (
                <>
                  <TodayOverview setup={setup} view={viewFromTickets(setup, live.tickets)} />
                  <TicketsTable setup={setup} tickets={live.tickets} loading={live.loading} />
                </>
              ) : (
                <WatchedToday setup={setup} canReadFigures={can('queue.read')} />
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

/** Today for those who set the queue up without serving there: the board's counts and, with `queue.read`, the day's figures. */
function WatchedToday({ setup, canReadFigures }: { setup: BranchQueue; canReadFigures: boolean }) {
  const { t } = useT();
  const branch = setup.branch.code;
  const day = chinaToday();
  const kpis = useRequest((signal) => queueStaffApi.kpis(branch, day, day, signal), [branch, day], { enabled: canReadFigures, silent: true });
  const reloadFigures = useDebounced(kpis.reload, 2000);
  const board = useBoard(branch, canReadFigures ? reloadFigures : undefined);
  const view = useMemo(() => (board.data ? viewFromBoard(setup, board.data, kpis.data) : null), [setup, board.data, kpis.data]);
  if (!view) return <Spin style={{ display: 'block', margin: '80px auto' }} />;
  return (
    <>
      <TodayOverview setup={setup} view={view} />
      <Alert type="info" showIcon title={t('queue.dash.ticketsForServers')}
        action={canReadFigures ? <Link to={`/queue/figures?branch=${encodeURIComponent(branch)}`}>{t('nav.queueFigures')}</Link> : null} />
    </>
  );
}
