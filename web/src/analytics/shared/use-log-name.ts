import { useT } from '../../i18n/i18n';
import { ENGINE_LOG, JOURNEY_LOG, MERCHANT_LOG, type EventLog } from '../analytics.api';

/** A log's name as shown: Banklane's own logs by what they are, in the UI language; an imported one by its name. */
export function useLogName(): (log: Pick<EventLog, 'id' | 'name'>) => string {
  const { t } = useT();
  return (log) =>
    log.id === ENGINE_LOG ? t('analytics.logs.engineName') : log.id === JOURNEY_LOG ? t('analytics.logs.journeysName') : log.id === MERCHANT_LOG ? t('analytics.logs.merchantsName') : log.name;
}
