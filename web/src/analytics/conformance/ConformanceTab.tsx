import { Empty, Flex, Typography } from 'antd';
import { useT } from '../../i18n/i18n';
import { useRequest } from '../../shared/use-request';
import { isOwnLog } from '../analytics.api';
import type { LogTabProps } from '../log/log-tab';
import { useNumberParam, useSetParams, useTextParam } from '../log/use-log-filters';
import { ProcessPicker, useDeployed } from '../shared/ProcessPicker';
import { RequestView } from '../shared/RequestView';
import { conformanceApi } from './conformance.api';
import { ConformanceView } from './ConformanceView';

/**
 * 符合性检查: does each case of the log play out on a deployed model, and where does it leave the
 * model's paths? The model is chosen here (`?model=&modelVersion=`); for Banklane's own logs it
 * defaults to the filter's service (and version). The check reads the whole log — of that
 * process, for own logs — so the case filter does not narrow it; the tab says so.
 */
export function ConformanceTab({ logId, log, filter }: LogTabProps) {
  const { t } = useT();
  const own = isOwnLog(logId, log);
  const deployed = useDeployed();
  const [model] = useTextParam('model');
  const [modelVersion] = useNumberParam('modelVersion', 1, 1_000_000);
  const setParams = useSetParams();
  const processKey = model ?? (own ? filter.service : undefined);
  const version = model ? modelVersion : own ? filter.version : undefined;
  const result = useRequest((signal) => conformanceApi.check(logId, { processKey: processKey!, version }, signal), [logId, processKey, version], { enabled: processKey !== undefined, silent: true });

  return (
    <Flex vertical gap={12}>
      <Flex gap={12} wrap align="center">
        <Typography.Text>{t('analytics.model.against')}</Typography.Text>
        <ProcessPicker deployed={deployed} processKey={processKey} version={version} onChange={(key, v) => setParams({ model: key, modelVersion: v })} testId="conformance-model" />
        <Typography.Text type="secondary" style={{ fontSize: 12, flex: '1 1 360px' }}>
          {own ? t('analytics.conformance.explainOwn') : t('analytics.conformance.explain')}
        </Typography.Text>
      </Flex>
      {processKey === undefined ? (
        <Empty style={{ margin: '48px 0' }} description={t('analytics.conformance.chooseModel')} data-testid="conformance-choose" />
      ) : (
        <RequestView state={result} filtered={false}>
          {(data) => <ConformanceView data={data} own={own} />}
        </RequestView>
      )}
    </Flex>
  );
}
