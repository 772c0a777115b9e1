import { Alert, App, Button, Card, Modal, Space, Table, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { isApiError } from '../../api/client';
import { useMe } from '../../auth/auth';
import { useT } from '../../i18n/i18n';
import { useShowError } from '../../shared/api-errors';
import { useRequest } from '../../shared/use-request';
import { formatMinute } from '../../pages/catalog/service-display';
import { ChannelText, LevelTag } from '../products/product-display';
import { productsApi, type Assessment, type Questionnaire } from '../products/products.api';
import { answerErrors, QuestionnaireForm, unanswered } from './QuestionnaireForm';

/**
 * The customer 360's "风险评估 / Risk profile" tab for holders of `product.read`: the assessment in
 * force and the history; with `product.sell`, the questionnaire filled in with the customer at the
 * counter. Null for those who may not see it.
 */
export function useRiskProfileTab(customerId: string, kind: string): { key: string; label: ReactNode; children: ReactNode } | null {
  const { t } = useT();
  const me = useMe();
  if (!me.can('product.read')) return null;
  return { key: 'risk', label: <span data-testid="c360-tab-risk">{t('sui.risk.tab')}</span>, children: <RiskProfile customerId={customerId} individual={kind === 'individual'} /> };
}

function RiskProfile({ customerId, individual }: { customerId: string; individual: boolean }) {
  const { t } = useT();
  const me = useMe();
  const history = useRequest((signal) => productsApi.assessments(customerId, signal), [customerId]);
  const [assessing, setAssessing] = useState(false);
  const current = history.data?.current ?? null;
  const latest = history.data?.items[0];

  if (!individual) return <Typography.Text type="secondary">{t('sui.risk.corporate')}</Typography.Text>;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={12}>
      <Card size="small" title={t('sui.risk.current')} extra={me.can('product.sell') ? <Button type="primary" onClick={() => setAssessing(true)} data-testid="risk-assess-open">{t('sui.risk.assess')}</Button> : null}>
        {current ? (
          <Space data-testid="risk-current">
            <LevelTag level={current.level} name={current.levelName} />
            <span>{t('sui.risk.validUntil', { date: current.validUntil })}</span>
          </Space>
        ) : (
          <Typography.Text type="secondary" data-testid="risk-current-none">
            {t('sui.risk.none')}
            {latest ? ` (${latest.level}, ${t('sui.risk.expired')} ${latest.validUntil})` : ''}
          </Typography.Text>
        )}
      </Card>
      <Table<Assessment>
        rowKey="id"
        size="small"
        loading={history.loading}
        dataSource={history.data?.items ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        title={() => t('sui.risk.history')}
        data-testid="risk-history"
        columns={[
          { key: 'at', title: t('sui.risk.at'), render: (_, a) => formatMinute(a.assessedAt) },
          { key: 'level', title: t('sui.risk.level'), render: (_, a) => <LevelTag level={a.level} name={a.levelName} /> },
          { key: 'score', title: t('sui.risk.score'), align: 'right', render: (_, a) => a.score },
          { key: 'valid', title: t('sui.risk.validUntil', { date: '' }).trim(), render: (_, a) => <span>{a.validUntil} {a.valid ? '' : <Typography.Text type="secondary">({t('sui.risk.expired')})</Typography.Text>}</span> },
          { key: 'channel', title: t('sui.risk.channel'), render: (_, a) => <ChannelText channel={a.channel} /> },
          { key: 'by', title: t('sui.risk.by'), render: (_, a) => (a.assessedBy === 'customer' ? t('sui.risk.byCustomer') : a.assessedBy) },
          { key: 'version', title: t('sui.risk.questionnaireVersion'), align: 'right', render: (_, a) => a.questionnaireVersion },
        ]}
      />
      {assessing ? <CounterQuestionnaire customerId={customerId} onClose={() => setAssessing(false)} onRecorded={() => { setAssessing(false); history.reload(); }} /> : null}
    </Space>
  );
}

/** The questionnaire at the counter: the teller reads, the customer chooses; recorded in channel counter. */
function CounterQuestionnaire({ customerId, onClose, onRecorded }: { customerId: string; onClose: () => void; onRecorded: () => void }) {
  const { t } = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const questionnaire = useRequest<Questionnaire>((signal) => productsApi.questionnaire(signal), []);
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const q = questionnaire.data;
  const missing = q ? unanswered(q, answers) : [];

  const submit = async () => {
    if (!q) return;
    setSaving(true);
    try {
      const a = await productsApi.assess(customerId, { questionnaireVersion: q.version, answers, channel: 'counter' });
      message.success(t('sui.risk.recorded', { level: `${a.level}` }));
      onRecorded();
    } catch (error) {
      if (isApiError(error) && error.errors.some((e) => e.field.startsWith('/answers/'))) setErrors(answerErrors(error.errors));
      else showError(error);
      if (isApiError(error) && error.errors.some((e) => e.field === '/questionnaireVersion')) questionnaire.reload();
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal open title={t('sui.risk.assessTitle')} onCancel={onClose} width={720} destroyOnHidden
      footer={[
        <Typography.Text key="left" type="secondary" style={{ marginInlineEnd: 12 }}>{missing.length ? t('sui.risk.unanswered', { count: missing.length }) : ''}</Typography.Text>,
        <Button key="cancel" onClick={onClose}>{t('common.cancel')}</Button>,
        <Button key="ok" type="primary" loading={saving} disabled={!q || missing.length > 0} onClick={() => void submit()} data-testid="risk-assess-submit">{t('sui.risk.submit')}</Button>,
      ]}
    >
      <Alert type="info" showIcon title={t('sui.risk.assessHelp')} style={{ marginBottom: 16 }} />
      {q ? <QuestionnaireForm questionnaire={q} answers={answers} onChange={(a) => { setAnswers(a); setErrors({}); }} errors={errors} testId="risk-assess" disabled={saving} /> : null}
    </Modal>
  );
}
