import { Descriptions } from 'antd';
import { useT } from '../i18n/i18n';
import { PriorityTag } from './complaint-display';
import type { Suggestion } from './complaints.api';
import type { SetupView } from './use-complaint-setup';

/** The decision tables' suggestion: category, cause, priority, handling level. */
export function SuggestionView({ suggestion, setup, testId }: { suggestion: Suggestion; setup: SetupView; testId?: string }) {
  const { t } = useT();
  return (
    <Descriptions size="small" column={1} data-testid={testId} styles={{ label: { whiteSpace: 'nowrap' } }}>
      <Descriptions.Item label={t('complaint.category')}>{suggestion.category ? setup.categoryName(suggestion.category) : t('complaint.noSuggestion')}</Descriptions.Item>
      <Descriptions.Item label={t('complaint.cause')}>{suggestion.cause ? setup.categoryName(suggestion.cause) : t('complaint.noSuggestion')}</Descriptions.Item>
      <Descriptions.Item label={t('complaint.priorityLabel')}><PriorityTag priority={suggestion.priority} /></Descriptions.Item>
      <Descriptions.Item label={t('complaint.handlingLevel')}>{t(`complaint.level.${suggestion.handlingLevel}`)}</Descriptions.Item>
    </Descriptions>
  );
}
