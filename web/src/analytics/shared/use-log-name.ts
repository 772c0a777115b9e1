import { useT } from '../../i18n/i18n';
import { ENGINE_LOG, type EventLog } from '../analytics.api';

/** A log's name as shown: the engine's own log by what it is, in the UI language; an imported one by its name. */
export function useLogName(): (log: Pick<EventLog, 'id' | 'name'>) => string {
  const { t } = useT();
  return (log) => (log.id === ENGINE_LOG ? t('analytics.logs.engineName') : log.name);
}
