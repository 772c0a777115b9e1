import { ReloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { isApiError } from '../../api/client';
import { useMe } from '../../auth/auth';
import { useT } from '../../i18n/i18n';
import { PageHeader } from '../../shared/PageHeader';
import { useRequest } from '../../shared/use-request';
import { LevelTag } from '../products/product-display';
import { productsApi, type Localized, type Question, type Questionnaire } from '../products/products.api';

/** 风险评估问卷 (`/engagement/risk-questionnaire`, `product.read`; publishing with `product.manage`). */
export function QuestionnairePage() {
  const { t, lang } = useT();
  const me = useMe();
  const current = useRequest((signal) => productsApi.questionnaire(signal), []);
  const [publishing, setPublishing] = useState(false);
  const text = (l: Localized) => (lang === 'zh-CN' ? l.zh : l.en);
  const q = current.data;

  return (
    <>
      <PageHeader
        title={t('nav.riskQuestionnaire')}
        section="nav.engagement"
        extra={
          <Space>
            <Button icon={<ReloadOutlined />} onClick={current.reload}>{t('common.reload')}</Button>
            {me.can('product.manage') && q ? <Button type="primary" icon={<UploadOutlined />} onClick={() => setPublishing(true)} data-testid="questionnaire-publish">{t('sui.q.publish')}</Button> : null}
          </Space>
        }
      />
      <Card loading={current.loading && !q}>
        {q ? (
          <>
            <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>{t('sui.q.intro', { count: q.questions.length })}</Typography.Paragraph>
            <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 16 }} data-testid="questionnaire-summary">
              <Descriptions.Item label={t('sui.risk.questionnaireVersion')}><span data-testid="questionnaire-version">{q.version}</span></Descriptions.Item>
              <Descriptions.Item label={t('sui.q.validMonths', { months: q.validMonths })}>{q.validMonths}</Descriptions.Item>
              <Descriptions.Item label={t('sui.q.thresholds')}>
                <Space wrap size={4}>
                  <LevelTag level="C1" />
                  {(['C2', 'C3', 'C4', 'C5'] as const).map((l) => <Tag key={l}>{t('sui.q.levelFrom', { level: l, score: q.thresholds[l] })}</Tag>)}
                </Space>
              </Descriptions.Item>
            </Descriptions>
            <Table<Question>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={q.questions}
              data-testid="questionnaire-questions"
              columns={[
                { key: 'n', title: '#', width: 40, render: (_, __, i) => i + 1 },
                { key: 'question', title: t('sui.products.name'), render: (_, x) => <Typography.Text strong>{text(x)}</Typography.Text> },
                {
                  key: 'options',
                  title: '',
                  render: (_, x) => (
                    <ul style={{ margin: 0, paddingInlineStart: 16 }}>
                      {x.options.map((o) => (
                        <li key={o.id}>
                          {text(o)} <Typography.Text type="secondary">({t('sui.q.score', { score: o.score })}{o.capLevel ? `; ${t('sui.q.cap', { level: o.capLevel })}` : ''})</Typography.Text>
                        </li>
                      ))}
                    </ul>
                  ),
                },
              ]}
            />
          </>
        ) : null}
      </Card>
      {q ? <PublishModal open={publishing} current={q} onClose={() => setPublishing(false)} onPublished={() => { setPublishing(false); current.reload(); }} /> : null}
    </>
  );
}

/** A new version edited as JSON (questions, thresholds, validMonths); the server checks it and names each fault. */
function PublishModal({ open, current, onClose, onPublished }: { open: boolean; current: Questionnaire; onClose: () => void; onPublished: () => void }) {
  const { t } = useT();
  const { message } = App.useApp();
  const [draft, setDraft] = useState(() => JSON.stringify({ questions: current.questions, thresholds: current.thresholds, validMonths: current.validMonths }, null, 2));
  const [problems, setProblems] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);

  const publish = async () => {
    let body: Omit<Questionnaire, 'version'>;
    try {
      body = JSON.parse(draft) as Omit<Questionnaire, 'version'>;
    } catch (error) {
      setProblems([t('sui.q.publishInvalidJson', { error: String(error instanceof Error ? error.message : error) })]);
      return;
    }
    setSaving(true);
    try {
      const published = await productsApi.publishQuestionnaire(body);
      message.success(t('sui.q.published', { version: published.version }));
      onPublished();
    } catch (error) {
      setProblems(isApiError(error) ? (error.errors.length ? error.errors.map((e) => `${e.field}: ${e.message}`) : [error.detail ?? error.title]) : [String(error)]);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal open={open} title={t('sui.q.publishTitle')} onCancel={onClose} onOk={() => void publish()} confirmLoading={saving} width={760} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('sui.q.publishHelp')}</Typography.Paragraph>
      <Input.TextArea value={draft} onChange={(e) => setDraft(e.target.value)} autoSize={{ minRows: 16, maxRows: 28 }} style={{ fontFamily: 'monospace', fontSize: 12 }} data-testid="questionnaire-draft" />
      {problems.length ? <Alert type="error" showIcon style={{ marginTop: 12 }} title={<ul style={{ margin: 0, paddingInlineStart: 16 }}>{problems.map((p) => <li key={p}>{p}</li>)}</ul>} data-testid="questionnaire-problems" /> : null}
    </Modal>
  );
}
