import { Card, Table, Tabs, Tag, Typography, type TableProps } from 'antd';
import type { HTMLAttributes } from 'react';
import { Link, useNavigate } from 'react-router';
import { processApi, type DecisionDefinition, type ProcessDefinition } from '../../api/process.api';
import { useT } from '../../i18n/i18n';
import { formatDateTime } from '../../shared/format';
import { PageHeader } from '../../shared/PageHeader';
import { useRequest } from '../../shared/use-request';

function byKey<T extends { key: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => a.key.localeCompare(b.key));
}

/** The server lists every version; the library shows the latest of each decision. */
function latestPerKey(items: readonly DecisionDefinition[]): DecisionDefinition[] {
  const latest = new Map<string, DecisionDefinition>();
  for (const d of items) {
    const seen = latest.get(d.key);
    if (!seen || d.version > seen.version) latest.set(d.key, d);
  }
  return byKey([...latest.values()]);
}

function DecisionTable() {
  const { t } = useT();
  const navigate = useNavigate();
  const decisions = useRequest((signal) => processApi.decisions(signal), []);
  const columns: TableProps<DecisionDefinition>['columns'] = [
    { key: 'key', title: t('process.decisionKey'), render: (_, d) => <Typography.Text code>{d.key}</Typography.Text> },
    { key: 'name', title: t('process.decisionName'), render: (_, d) => d.name ?? '' },
    { key: 'version', title: t('process.version'), render: (_, d) => <Tag>{t('process.versionN', { version: d.version })}</Tag> },
    { key: 'deployedAt', title: t('process.deployedAt'), render: (_, d) => formatDateTime(d.deployedAt) },
  ];
  return (
    <Table<DecisionDefinition>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={latestPerKey(decisions.data?.items ?? [])}
      loading={decisions.loading}
      locale={{ emptyText: t('process.emptyDecisions') }}
      pagination={false}
      onRow={(d) => ({
        onClick: () => navigate(`/decisions/${encodeURIComponent(d.key)}`),
        style: { cursor: 'pointer' },
        'data-testid': `decision-row-${d.key}`,
      }) as HTMLAttributes<HTMLTableRowElement>}
      data-testid="decisions-table"
    />
  );
}

/** 流程库: the latest version of every deployed process, and the decision tables. */
export function ProcessLibraryPage() {
  const { t } = useT();
  const navigate = useNavigate();
  const processes = useRequest((signal) => processApi.definitions({ latest: true }, signal), []);

  const columns: TableProps<ProcessDefinition>['columns'] = [
    {
      key: 'key',
      title: t('process.key'),
      render: (_, p) => (
        <Link to={`/processes/${encodeURIComponent(p.key)}`} onClick={(e) => e.stopPropagation()}>
          <Typography.Text code>{p.key}</Typography.Text>
        </Link>
      ),
    },
    {
      key: 'name',
      title: t('process.name'),
      render: (_, p) => (
        <>
          {p.name ?? ''}
          {p.executable ? null : <Tag color="warning" style={{ marginLeft: 8 }}>{t('process.notExecutable')}</Tag>}
        </>
      ),
    },
    { key: 'version', title: t('process.version'), render: (_, p) => <Tag color="blue">{t('process.versionN', { version: p.version })}</Tag> },
    {
      key: 'instances',
      title: t('process.instanceCounts'),
      render: (_, p) => (
        <span data-testid={`process-instances-${p.key}`}>
          {t('process.instanceCountsValue', { active: p.instances.active, total: p.instances.total })}
        </span>
      ),
    },
    { key: 'deployedAt', title: t('process.deployedAt'), render: (_, p) => formatDateTime(p.deployedAt) },
  ];

  return (
    <>
      <PageHeader title={t('nav.processes')} section="nav.process" />
      <Card>
        <Tabs
          items={[
            {
              key: 'processes',
              label: t('process.tabProcesses'),
              children: (
                <Table<ProcessDefinition>
                  rowKey="id"
                  size="small"
                  columns={columns}
                  dataSource={byKey(processes.data?.items ?? [])}
                  loading={processes.loading}
                  locale={{ emptyText: t('process.empty') }}
                  pagination={false}
                  onRow={(p) => ({
                    onClick: () => navigate(`/processes/${encodeURIComponent(p.key)}`),
                    style: { cursor: 'pointer' },
                    'data-testid': `process-row-${p.key}`,
                  } as HTMLAttributes<HTMLElement>)}
                  data-testid="processes-table"
                />
              ),
            },
            { key: 'decisions', label: t('process.tabDecisions'), children: <DecisionTable /> },
          ]}
        />
      </Card>
    </>
  );
}
