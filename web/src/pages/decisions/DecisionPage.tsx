import { VersionSelect } from '../../shared/VersionSelect';
import { EditOutlined, ExperimentOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Empty, Input, Space, Spin, Tag, Typography } from 'antd';
import DmnViewer from 'dmn-js/lib/Viewer';
import { lazy, Suspense, useMemo, useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { decisionApi, type EvaluationResult } from '../../api/decision.api';
import { processApi, type DecisionDefinition } from '../../api/process.api';
import { useMe } from '../../auth/auth';
import { useDmn } from '../../dmn/use-dmn';
import { useT } from '../../i18n/i18n';
import { useShowError } from '../../shared/api-errors';
import { formatDateTime } from '../../shared/format';
import { PageHeader } from '../../shared/PageHeader';
import { useRequest } from '../../shared/use-request';

// The modeler is far larger than the viewer; it loads only when someone edits.
const DecisionEditorDrawer = lazy(() => import('./DecisionEditorDrawer').then((m) => ({ default: m.DecisionEditorDrawer })));

const createViewer = (container: HTMLElement) => new DmnViewer({ container });

function DmnCanvas({ xml, decisionKey, highlight }: { xml: string | undefined; decisionKey: string; highlight: readonly string[] }) {
  const { t } = useT();
  const [container, setContainer] = useState<HTMLDivElement | null>(null);
  const dmn = useDmn(createViewer, container, xml, decisionKey);
  // Matched rules of the last evaluation, marked in the table by their rule ids.
  const css = highlight.length
    ? `${highlight.map((id) => `.bl-dmn-view [data-row-id="${CSS.escape(id)}"]`).join(',')}{background:#e6f4ff !important;}`
    : '';
  return (
    <>
      {dmn.error ? <Alert type="error" showIcon title={t('decision.loadFailed', { detail: dmn.error })} style={{ marginBottom: 12 }} /> : null}
      {css ? <style>{css}</style> : null}
      <Spin spinning={xml === undefined || (!dmn.ready && !dmn.error)}>
        <div ref={setContainer} className="bl-dmn-view"
          style={{ minHeight: 240, border: '1px solid #f0f0f0', borderRadius: 8, overflow: 'auto' }}
          data-testid="dmn-canvas" data-ready={dmn.ready ? 'true' : 'false'} />
      </Spin>
    </>
  );
}

function formatValue(value: unknown): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}

function EvaluatePanel({ decisionKey, onResult }: { decisionKey: string; onResult: (result: EvaluationResult | null) => void }) {
  const { t } = useT();
  const showError = useShowError();
  const [text, setText] = useState('{\n  \n}');
  const [invalid, setInvalid] = useState(false);
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<EvaluationResult | null>(null);

  const evaluate = async () => {
    let variables: unknown;
    try {
      variables = text.trim() === '' ? {} : JSON.parse(text);
    } catch {
      variables = null;
    }
    if (!variables || typeof variables !== 'object' || Array.isArray(variables)) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    setRunning(true);
    try {
      const evaluated = await decisionApi.evaluate(decisionKey, variables as Record<string, unknown>);
      setResult(evaluated);
      onResult(evaluated);
    } catch (err) {
      setResult(null);
      onResult(null);
      showError(err);
    } finally {
      setRunning(false);
    }
  };

  const ruleList = (rules: readonly { index: number }[]) =>
    rules.length === 0
      ? <Typography.Text type="secondary">{t('decision.noRule')}</Typography.Text>
      : <Space size={4} wrap>{rules.map((r) => <Tag key={r.index} color="blue">{t('decision.ruleN', { n: r.index + 1 })}</Tag>)}</Space>;

  return (
    <Card title={t('decision.tryTitle')} style={{ marginTop: 16 }} data-testid="decision-try">
      <Typography.Paragraph type="secondary">{t('decision.tryHint')}</Typography.Paragraph>
      <Input.TextArea
        value={text}
        onChange={(e) => setText(e.target.value)}
        autoSize={{ minRows: 4, maxRows: 14 }}
        status={invalid ? 'error' : undefined}
        style={{ fontFamily: 'monospace' }}
        aria-label={t('decision.variables')}
        data-testid="decision-variables"
      />
      {invalid ? <Typography.Text type="danger">{t('decision.variablesInvalid', { example: '{"amount": 50000}' })}</Typography.Text> : null}
      <div style={{ marginTop: 12 }}>
        <Button type="primary" icon={<ExperimentOutlined />} loading={running} onClick={() => void evaluate()} data-testid="decision-evaluate">
          {t('decision.evaluate')}
        </Button>
      </div>
      {result ? (
        <div data-testid="decision-result" style={{ marginTop: 16 }}>
          <Typography.Text strong>{t('decision.result')}</Typography.Text>
          <pre style={{ background: '#fafafa', border: '1px solid #f0f0f0', borderRadius: 6, padding: 8, margin: '8px 0 12px' }}
            data-testid="decision-result-value">
            {result.value === null || result.value === undefined ? t('decision.noResult') : formatValue(result.value)}
          </pre>
          {result.trace.map((step, i) => (
            <Descriptions key={`${step.decisionId}-${i}`} size="small" bordered column={1} style={{ marginBottom: 12 }}
              title={step.decisionName ? `${step.decisionName}（${step.decisionId}）` : step.decisionId}
              data-testid={`decision-trace-${step.decisionId}`}>
              <Descriptions.Item label={t('decision.hitPolicy')}>{step.hitPolicy ?? ''}</Descriptions.Item>
              <Descriptions.Item label={t('decision.matchedRules')}>
                <span data-testid={`decision-matched-${step.decisionId}`}>{ruleList(step.matchedRules)}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('decision.selectedRules')}>{ruleList(step.selectedRules)}</Descriptions.Item>
              <Descriptions.Item label={t('decision.output')}>
                <Typography.Text code style={{ whiteSpace: 'pre-wrap' }}>{formatValue(step.value) || 'null'}</Typography.Text>
              </Descriptions.Item>
            </Descriptions>
          ))}
        </div>
      ) : null}
    </Card>
  );
}

/** One decision: its versions, the decision table, edit / deploy, and 试算. */
export function DecisionPage() {
  const { key = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const { t } = useT();
  const { can } = useMe();
  const [editing, setEditing] = useState<{ definition: DecisionDefinition; xml: string } | null>(null);
  const [evaluation, setEvaluation] = useState<EvaluationResult | null>(null);

  const versions = useRequest((signal) => processApi.decisions(signal), []);
  const sorted = useMemo(
    () => [...(versions.data?.items ?? [])].filter((d) => d.key === key).sort((a, b) => b.version - a.version),
    [versions.data, key],
  );
  const latest = sorted[0];
  const wanted = Number(params.get('version'));
  const selected = sorted.find((d) => d.version === wanted) ?? latest;

  const xml = useRequest((signal) => decisionApi.xml(selected?.id ?? '', signal), [selected?.id], { enabled: selected !== undefined });

  const selectVersion = (version: number | 'latest') =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      if (version === 'latest' || version === latest?.version) next.delete('version');
      else next.set('version', String(version));
      return next;
    });

  // The evaluation runs the latest version; its rules are marked only when that version is shown.
  const highlight = useMemo(() => {
    if (!evaluation || !selected || selected.id !== latest?.id) return [];
    return evaluation.trace
      .flatMap((step) => step.matchedRules.map((r) => r.id))
      .filter((id): id is string => typeof id === 'string' && id !== '');
  }, [evaluation, selected, latest]);

  if (!versions.loading && versions.data && !latest) {
    return (
      <>
        <PageHeader title={key} section="nav.process" />
        <Alert type="warning" showIcon title={t('decision.notFound', { key })} />
      </>
    );
  }

  return (
    <>
      <PageHeader
        title={selected ? `${selected.name ?? selected.key}` : key}
        section="nav.process"
        extra={
          can('process.deploy') ? (
            <Button icon={<EditOutlined />} disabled={!xml.data || !selected}
              onClick={() => selected && xml.data && setEditing({ definition: selected, xml: xml.data })} data-testid="decision-edit">
              {t('decision.edit')}
            </Button>
          ) : null
        }
      />
      <Card loading={versions.loading && !selected}>
        {selected ? (
          <Descriptions size="small" column={{ xs: 1, md: 2, xl: 4 }} style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('process.decisionKey')}><Typography.Text code>{selected.key}</Typography.Text></Descriptions.Item>
            <Descriptions.Item label={t('process.version')}>
              <VersionSelect versions={sorted.map((d) => d.version)} value={selected.version} latest={latest?.version} onChange={selectVersion} testId="decision-version" />
            </Descriptions.Item>
            <Descriptions.Item label={t('process.deployedAt')}>{formatDateTime(selected.deployedAt)}</Descriptions.Item>
            <Descriptions.Item label={t('process.decisionName')}>{selected.name ?? ''}</Descriptions.Item>
          </Descriptions>
        ) : null}
        {xml.error && !xml.loading ? <Empty description={t('decision.xmlUnavailable')} /> : (
          <DmnCanvas xml={xml.data} decisionKey={key} highlight={highlight} />
        )}
      </Card>
      {can('decision.evaluate') ? <EvaluatePanel decisionKey={key} onResult={setEvaluation} /> : null}
      {editing ? (
        <Suspense fallback={null}>
          <DecisionEditorDrawer
            definition={editing.definition}
            xml={editing.xml}
            onClose={() => setEditing(null)}
            onDeployed={() => {
              versions.reload();
              selectVersion('latest'); // the new version, once reloaded
            }}
          />
        </Suspense>
      ) : null}
    </>
  );
}
