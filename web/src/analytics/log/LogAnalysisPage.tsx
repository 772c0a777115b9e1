import { ArrowLeftOutlined, DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Result, Spin, Tabs } from 'antd';
import { Suspense } from 'react';
import { Link, useParams } from 'react-router';
import { useT } from '../../i18n/i18n';
import { PageHeader } from '../../shared/PageHeader';
import { useRequest } from '../../shared/use-request';
import { analyticsApi, ENGINE_LOG, isOwnLog } from '../analytics.api';
import { LoadError } from '../shared/RequestView';
import { useLogName } from '../shared/use-log-name';
import { LOG_TABS } from './log-tabs';
import { LogFilterBar } from './LogFilterBar';
import { SummaryFigures } from './SummaryFigures';
import { isFiltered, useLogFilters, useViewParam } from './use-log-filters';

const TAB_KEYS = LOG_TABS.map((tab) => tab.key);

/**
 * 日志分析 (`/analytics/logs/:id`, `analytics.read`): one log's cases, filtered by the bar at the
 * top (kept in the address), in figures, and in tabs — process map, variants, bottlenecks,
 * rework. Test ids: `log-filters`, `log-summary`, `log-tab-<key>`.
 */
export function LogAnalysisPage() {
  const { id = ENGINE_LOG } = useParams();
  const { t } = useT();
  const logName = useLogName();
  const { filter, filterKey, update, clear } = useLogFilters();
  const [tab, setTab] = useViewParam<string>('tab', TAB_KEYS);
  const logs = useRequest((signal) => analyticsApi.logs(signal), [], { silent: true });
  const log = logs.data?.find((l) => l.id === id);
  const summary = useRequest((signal) => analyticsApi.summary(id, filter, signal), [id, filterKey], { silent: true });

  if (logs.data && !log) {
    return <Result status="404" title={t('analytics.log.notFound')} extra={<Link to="/analytics/logs">{t('analytics.log.back')}</Link>} data-testid="log-not-found" />;
  }
  const engine = isOwnLog(id, log);
  const props = { logId: id, log, filter, filtered: isFiltered(filter), filterKey, updateFilter: update, summary: summary.data };

  return (
    <>
      <PageHeader
        title={log ? logName(log) : t('analytics.log.title')}
        section="nav.process"
        extra={
          <>
            <Link to="/analytics/logs">
              <Button icon={<ArrowLeftOutlined />}>{t('analytics.log.back')}</Button>
            </Link>
            <Button icon={<DownloadOutlined />} href={analyticsApi.exportUrl(id)} data-testid="log-export">
              {t('analytics.logs.export')}
            </Button>
          </>
        }
      />
      <Flex vertical gap={12}>
        <Card size="small">
          <LogFilterBar logId={id} engine={engine} filter={filter} update={update} clear={clear} />
        </Card>
        {summary.error && !summary.loading ? <LoadError error={summary.error} onRetry={summary.reload} testId="summary-error" /> : <SummaryFigures summary={summary.data} log={log} filtered={isFiltered(filter)} />}
        <Card size="small" styles={{ body: { paddingTop: 0 } }}>
          <Tabs
            activeKey={tab}
            onChange={setTab}
            destroyOnHidden
            items={LOG_TABS.map(({ key, label, Component }) => ({
              key,
              label: <span data-testid={`log-tab-${key}`}>{t(label)}</span>,
              children: (
                <Suspense fallback={<Spin style={{ display: 'block', margin: '64px auto' }} />}>
                  <Component {...props} />
                </Suspense>
              ),
            }))}
          />
        </Card>
      </Flex>
    </>
  );
}
