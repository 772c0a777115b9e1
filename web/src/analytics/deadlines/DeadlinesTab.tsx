import { Empty, Flex, Typography } from 'antd';
import { useT } from '../../i18n/i18n';
import { useRequest } from '../../shared/use-request';
import { isOwnLog } from '../analytics.api';
import type { LogTabProps } from '../log/log-tab';
import { useNumberParam } from '../log/use-log-filters';
import { RequestView } from '../shared/RequestView';
import { deadlinesApi } from './deadlines.api';
import { DeadlinesView } from './DeadlinesView';
import { TargetInput } from './TargetInput';

/**
 * 时限分析 (SLA): the cases that missed their deadline — in Banklane's own logs each case's own
 * (a service case's time limit, a complaint's regulatory limit), or a target duration given here
 * (`?target=` seconds; the only deadline an imported log can have) — by service and branch, and
 * the steps that consumed the time.
 */
export function DeadlinesTab({ logId, log, filter, filtered, filterKey }: LogTabProps) {
  const { t } = useT();
  const own = isOwnLog(logId, log);
  const [target, setTarget] = useNumberParam('target', 1, 100 * 365 * 86_400);
  const ready = own || target !== undefined;
  const result = useRequest((signal) => deadlinesApi.deadlines(logId, filter, target, signal), [logId, filterKey, target], { enabled: ready, silent: true });
  return (
    <Flex vertical gap={12}>
      <Flex gap={12} wrap align="center">
        <Typography.Text>{t('analytics.deadlines.target')}</Typography.Text>
        <TargetInput seconds={target} onChange={setTarget} clearable={own} />
        <Typography.Text type="secondary" style={{ fontSize: 12, flex: '1 1 360px' }}>
          {own ? (target === undefined ? t('analytics.deadlines.explainOwn') : t('analytics.deadlines.explainTargetOwn')) : t('analytics.deadlines.explainImported')}
        </Typography.Text>
      </Flex>
      {!ready ? (
        <Empty style={{ margin: '48px 0' }} description={t('analytics.deadlines.needTarget')} data-testid="deadline-need-target" />
      ) : (
        <RequestView state={result} filtered={filtered} isEmpty={(d) => d.cases === 0}>
          {(data) => <DeadlinesView data={data} own={own} />}
        </RequestView>
      )}
    </Flex>
  );
}
