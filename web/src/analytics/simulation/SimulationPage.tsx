import { PlayCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Dropdown, Empty, Flex, Form, InputNumber, Select, Spin, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { isAbort, isApiError } from '../../api/client';
import { useT } from '../../i18n/i18n';
import { PageHeader } from '../../shared/PageHeader';
import { useRequest } from '../../shared/use-request';
import { formatCount } from '../analytics-format';
import { analyticsApi, ENGINE_LOG, isOwnLog } from '../analytics.api';
import { useNumberParam, useSetParams, useTextParam } from '../log/use-log-filters';
import { ProcessPicker, useDeployed } from '../shared/ProcessPicker';
import { LoadError, useErrorText } from '../shared/RequestView';
import { useLogName } from '../shared/use-log-name';
import { ParameterGrid } from './ParameterGrid';
import { MAX_SCENARIOS, overridesOf, problemsByPlace, scenarioOf, withPoolSize, withRemoved, type Scenario } from './scenarios';
import { simulationApi, type ParameterSet, type SimulationRequest, type SimulationResult } from './simulation.api';
import { SimulationResults } from './SimulationResults';
import { usePoolName } from './use-pool-name';

/** `?log=none`: simulate with the defaults, learning from no log. */
const NO_LOG = 'none';

type Run = { request: string; result?: SimulationResult; error?: unknown; running: boolean };

/**
 * 流程仿真 (`/analytics/simulation`, `analytics.read`): a deployed process (`?process=&version=`)
 * with its parameters learned from a log (`?log=`, the engine's by default, `none` for the
 * defaults), a baseline and the scenarios the user makes from it, simulated side by side.
 * Test ids: `sim-process-process`, `sim-log`, `sim-add`, `sim-run`, `sim-cases`, and those of
 * `ParameterGrid` and `SimulationResults`.
 */
export function SimulationPage() {
  const { t, lang } = useT();
  const deployed = useDeployed();
  const logName = useLogName();
  const errorText = useErrorText();
  const poolName = usePoolName();
  const [processKey] = useTextParam('process');
  const [version] = useNumberParam('version', 1, 1_000_000);
  const [logParam] = useTextParam('log');
  const setParams = useSetParams();
  const logId = logParam === NO_LOG ? undefined : logParam ?? ENGINE_LOG;
  const definition = deployed.find(processKey, version);
  const logs = useRequest((signal) => analyticsApi.logs(signal), [], { silent: true });
  const params = useRequest((signal) => simulationApi.parameters(definition!.id, logId, signal), [definition?.id, logId], { enabled: definition !== undefined, silent: true });
  const [scenarios, setScenarios] = useState<Scenario[]>([]);
  const [cases, setCases] = useState(1000);
  const [run, setRun] = useState<Run | null>(null);

  // a new parameter set (another process or log) starts over from its baseline
  useEffect(() => {
    setScenarios(params.data ? [scenarioOf(t('analytics.sim.baselineName'), params.data.parameters)] : []);
    setRun(null);
  }, [params.data]);

  const base = params.data;
  const request = useMemo<SimulationRequest | null>(
    () => (base && definition ? { definitionId: definition.id, ...(logId && { logId }), scenarios: scenarios.map((s) => ({ name: s.name.trim(), parameters: overridesOf(base, s.parameters), cases, seed: 1 })) } : null),
    [base, definition, logId, scenarios, cases],
  );
  const requestKey = JSON.stringify(request);
  const problems = useMemo(() => problemsByPlace(isApiError(run?.error) ? run.error.errors : []), [run?.error]);
  // the number of cases is one for all scenarios: a problem with any is shown once, at the field
  const casesProblem = [...new Set([...problems].filter(([k]) => k.endsWith('|cases')).flatMap(([, m]) => m))].join(' ') || undefined;
  const otherProblem = run?.error && (!isApiError(run.error) || run.error.errors.length === 0 || [...problems.keys()].some((k) => k.startsWith('-|'))) ? errorText(run.error) : null;

  const simulate = async () => {
    if (!request) return;
    setRun({ request: requestKey, running: true });
    try {
      setRun({ request: requestKey, running: false, result: await simulationApi.run(request) });
    } catch (error) {
      if (!isAbort(error)) setRun({ request: requestKey, running: false, error });
    }
  };
  const update = (i: number, next: Scenario | null) => setScenarios((all) => (next ? all.map((s, j) => (j === i ? next : s)) : all.filter((_, j) => j !== i)));
  const add = (from: Scenario, change: (s: Scenario) => Scenario = (s) => s, name?: string) =>
    setScenarios((all) => (all.length >= MAX_SCENARIOS ? all : [...all, change(scenarioOf(name ?? t('analytics.sim.scenarioN', { n: all.length + 1 }), from.parameters))]));

  const baseline = scenarios[0];
  const addItems = base && baseline ? [
    { key: 'copy', label: <span data-testid="sim-add-copy">{t('analytics.sim.add.copy')}</span> },
    ...base.model.pools.map((pool) => ({ key: `more:${pool}`, label: <span data-testid={`sim-add-more-${pool}`}>{t('analytics.sim.add.onePersonMore', { pool: poolName(pool) })}</span> })),
    ...base.model.activities.filter((a) => a.timed).map((a) => ({ key: `remove:${a.id}`, label: t('analytics.sim.add.without', { step: a.name }) })),
  ] : [];
  const onAdd = ({ key }: { key: string }) => {
    if (!base || !baseline) return;
    const [action, arg = ''] = key.split(/:(.*)/s);
    if (action === 'more') add(baseline, (s) => ({ ...s, parameters: withPoolSize(s.parameters, arg, 1) }), t('analytics.sim.add.onePersonMoreName', { pool: poolName(arg) }));
    else if (action === 'remove') add(baseline, (s) => ({ ...s, parameters: withRemoved(s.parameters, arg, true) }), t('analytics.sim.add.withoutName', { step: base.model.activities.find((a) => a.id === arg)?.name ?? arg }));
    else add(baseline);
  };
  const logError = params.error && isApiError(params.error) && params.error.errors.some((e) => e.field.endsWith('/logId')) ? errorText(params.error) : null;
  const logOptions = [
    ...(logs.data ?? []).map((l) => ({ value: l.id, label: isOwnLog(l.id, l) ? logName(l) : `${logName(l)} · ${formatCount(l.cases, lang)} ${t('analytics.logs.cases')}` })),
    { value: NO_LOG, label: t('analytics.sim.noLog') },
  ];

  return (
    <>
      <PageHeader title={t('nav.simulation')} section="nav.process" />
      <Flex vertical gap={12}>
        <Card size="small">
          <Form layout="inline" colon={false} style={{ rowGap: 8 }}>
            <Form.Item label={t('analytics.model.process')}>
              <ProcessPicker deployed={deployed} processKey={processKey} version={version} onChange={(key, v) => setParams({ process: key, version: v })} testId="sim-process" />
            </Form.Item>
            <Form.Item label={t('analytics.sim.learnFrom')} validateStatus={logError ? 'error' : undefined} help={logError ?? undefined} style={{ maxWidth: 520 }}>
              <Select value={logId ?? NO_LOG} options={logOptions} loading={logs.loading} onChange={(v: string) => setParams({ log: v === ENGINE_LOG ? undefined : v })} style={{ width: 260 }} popupMatchSelectWidth={360} data-testid="sim-log" />
            </Form.Item>
          </Form>
          {logError ? (
            <Button type="link" style={{ paddingInline: 0 }} onClick={() => setParams({ log: NO_LOG })} data-testid="sim-use-defaults">{t('analytics.sim.useDefaults')}</Button>
          ) : base ? <LearnedNote base={base} logName={logs.data?.find((l) => l.id === base.log?.id)} /> : null}
        </Card>
        {!processKey ? (
          <Card size="small"><Empty style={{ margin: '40px 0' }} description={t('analytics.sim.choose')} data-testid="sim-choose" /></Card>
        ) : !definition && !deployed.loading ? (
          <Card size="small"><Empty style={{ margin: '40px 0' }} description={t('analytics.sim.notDeployed', { process: processKey })} data-testid="sim-not-deployed" /></Card>
        ) : params.error && !logError && !params.loading ? (
          <LoadError error={params.error} onRetry={params.reload} />
        ) : !base || !baseline ? (
          <Card size="small"><Spin style={{ display: 'block', margin: '48px auto' }} spinning={params.loading || deployed.loading} /></Card>
        ) : (
          <Card
            size="small"
            title={t('analytics.sim.scenarios')}
            extra={
              <Form layout="inline" colon={false} style={{ rowGap: 8, flexWrap: 'nowrap' }}>
                <Form.Item label={t('analytics.sim.cases')} tooltip={t('analytics.sim.casesHint')} validateStatus={casesProblem ? 'error' : undefined} help={casesProblem}>
                  <InputNumber min={100} max={100_000} step={1000} value={cases} onChange={(v) => typeof v === 'number' && setCases(v)} style={{ width: 110 }} data-testid="sim-cases" />
                </Form.Item>
                <Form.Item>
                  <Dropdown menu={{ items: addItems, onClick: onAdd }} trigger={['click']} disabled={scenarios.length >= MAX_SCENARIOS}>
                    <Button icon={<PlusOutlined />} data-testid="sim-add">{t('analytics.sim.add')}</Button>
                  </Dropdown>
                </Form.Item>
                <Form.Item style={{ marginInlineEnd: 0 }}>
                  <Button type="primary" icon={<PlayCircleOutlined />} loading={run?.running} disabled={!request || scenarios.some((s) => !s.name.trim())} onClick={() => void simulate()} data-testid="sim-run">
                    {t('analytics.sim.run', { n: scenarios.length })}
                  </Button>
                </Form.Item>
              </Form>
            }
          >
            <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('analytics.sim.gridHint')}</Typography.Paragraph>
            <ParameterGrid base={base} scenarios={scenarios} onChange={update} onCopy={(i) => add(scenarios[i]!, (s) => s, t('analytics.sim.copyOf', { name: scenarios[i]!.name }))} problems={problems} />
          </Card>
        )}
        {otherProblem ? <Alert type="error" showIcon title={t('analytics.sim.failed')} description={otherProblem} data-testid="sim-error" /> : null}
        {run?.result ? <SimulationResults result={run.result} stale={run.request !== requestKey} /> : null}
      </Flex>
    </>
  );
}

/** What the parameters were learned from: how many cases of which log, and its activities the process does not have. */
function LearnedNote({ base, logName }: { base: ParameterSet; logName: { id: string; name: string } | undefined }) {
  const { t, lang } = useT();
  const name = useLogName();
  if (!base.log) return <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }} data-testid="sim-learned">{t('analytics.sim.learnedNone')}</Typography.Text>;
  // the engine logs the process itself (its start and end) under its name: no missing activity
  const unmatched = base.log.unmatchedActivities.filter((a) => a !== base.definition.name && a !== base.definition.key);
  return (
    <Flex vertical gap={2} style={{ marginTop: 8 }} data-testid="sim-learned">
      <Typography.Text type="secondary">
        {t('analytics.sim.learned', { cases: formatCount(base.log.cases, lang), log: logName ? name(logName) : base.log.id, version: base.definition.version })}
        {unmatched.length ? ` ${t('analytics.sim.unmatched', { list: unmatched.slice(0, 8).join(lang === 'zh-CN' ? '、' : ', ') })}` : ''}
      </Typography.Text>
      {isOwnLog(base.log.id) ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('analytics.sim.ownLogCaveat')}</Typography.Text> : null}
    </Flex>
  );
}
