import { BulbOutlined } from '@ant-design/icons';
import { Card, Spin, Typography } from 'antd';
import { useT } from '../../i18n/i18n';
import type { ComplaintChannel, SubjectType } from '../complaints.api';
import { SuggestionView } from '../SuggestionView';
import type { SetupView } from '../use-complaint-setup';
import { useSuggestion } from './use-suggestion';

type Props = { channel: ComplaintChannel; subjectType: SubjectType; description: string; request: string; setup: SetupView };

/** 智能建议: the classification the decision tables suggest while the complaint is typed; the handler confirms or corrects it on acceptance. */
export function SuggestionCard({ channel, subjectType, description, request, setup }: Props) {
  const { t } = useT();
  const { suggestion, loading, enough } = useSuggestion({ channel, subjectType, description, request });
  return (
    <Card
      size="small"
      title={<span><BulbOutlined style={{ color: '#d48806', marginInlineEnd: 6 }} />{t('complaintIntake.suggestion')}</span>}
      extra={loading ? <Spin size="small" /> : null}
      data-testid="complaint-suggestion"
    >
      {!enough ? (
        <Typography.Text type="secondary">{t('complaintIntake.suggestionWait')}</Typography.Text>
      ) : suggestion ? (
        <>
          <SuggestionView suggestion={suggestion} setup={setup} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('complaintIntake.suggestionNote')}</Typography.Text>
        </>
      ) : (
        <Typography.Text type="secondary">{loading ? t('common.loading') : t('complaintIntake.suggestionNone')}</Typography.Text>
      )}
    </Card>
  );
}
