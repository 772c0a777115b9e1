import { DeleteOutlined, DownloadOutlined, ImportOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Popconfirm, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useMe } from '../../auth/auth';
import { useT } from '../../i18n/i18n';
import { useShowError } from '../../shared/api-errors';
import { PageHeader } from '../../shared/PageHeader';
import { useRequest } from '../../shared/use-request';
import { formatCount, formatInstant } from '../analytics-format';
import { analyticsApi, ENGINE_LOG, isOwnLog, JOURNEY_LOG, type EventLog } from '../analytics.api';
import { LoadError } from '../shared/RequestView';
import { useLogName } from '../shared/use-log-name';
import { ImportLogDialog } from './ImportLogDialog';

const FORMAT_COLORS = { engine: 'blue', xes: 'purple', csv: 'cyan' } as const;

/**
 * 流程分析 — 事件日志 (`/analytics/logs`, `analytics.read`): Banklane's own logs first (the
 * engine's, the customer journeys), then the imported ones, newest first; import (`analytics.import`), export as XES, delete an import.
 * Test ids: `logs-table`, `log-open-<id>`, `logs-import`, `log-delete-<id>`.
 */
export function EventLogsPage() {
  const { t, lang } = useT();
  const { can } = useMe();
  const { message } = App.useApp();
  const showError = useShowError();
  const logName = useLogName();
  const [importing, setImporting] = useState(false);
  const [fresh, setFresh] = useState<string | null>(null);
  const logs = useRequest((signal) => analyticsApi.logs(signal), [], { silent: true });
  const mayImport = can('analytics.import');
  // Banklane's own logs first (the engine's, then the journeys), then the imports, newest first
  const rank = (l: EventLog) => (l.id === ENGINE_LOG ? 0 : l.id === JOURNEY_LOG ? 1 : 2);
  const rows = [...(logs.data ?? [])].sort((a, b) => rank(a) - rank(b) || (b.createdAt ?? '').localeCompare(a.createdAt ?? ''));

  const remove = async (log: EventLog) => {
    try {
      await analyticsApi.deleteLog(log.id);
      void message.success(t('analytics.logs.deleted', { name: log.name }));
      logs.reload();
    } catch (error) {
      showError(error);
    }
  };

  return (
    <>
      <PageHeader
        title={t('nav.analytics')}
        section="nav.process"
        extra={
          <>
            <Button icon={<ReloadOutlined />} onClick={logs.reload}>{t('common.reload')}</Button>
            {mayImport ? (
              <Button type="primary" icon={<ImportOutlined />} onClick={() => setImporting(true)} data-testid="logs-import">
                {t('analytics.logs.import')}
              </Button>
            ) : null}
          </>
        }
      />
      <Card size="small">
        <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>{t('analytics.logs.intro')}</Typography.Paragraph>
        {logs.error && !logs.loading ? (
          <LoadError error={logs.error} onRetry={logs.reload} />
        ) : (
          <Table<EventLog>
            rowKey="id"
            size="middle"
            loading={logs.loading}
            dataSource={rows}
            pagination={rows.length > 20 ? { pageSize: 20 } : false}
            rowClassName={(l) => (l.id === fresh ? 'ant-table-row-selected' : '')}
            data-testid="logs-table"
            columns={[
              {
                key: 'name',
                title: t('analytics.logs.name'),
                render: (_, l) => (
                  <Space orientation="vertical" size={0}>
                    <Link to={`/analytics/logs/${encodeURIComponent(l.id)}`} data-testid={`log-open-${l.id}`}>{logName(l)}</Link>
                    {l.fileName ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{l.fileName}</Typography.Text> : null}
                    {l.id === ENGINE_LOG ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('analytics.logs.engineNote')}</Typography.Text> : null}
                    {l.id === JOURNEY_LOG ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('analytics.logs.journeysNote')}</Typography.Text> : null}
                  </Space>
                ),
              },
              { key: 'format', title: t('analytics.logs.format'), dataIndex: 'format', width: 110, render: (f: EventLog['format']) => <Tag color={FORMAT_COLORS[f]}>{t(`analytics.format.${f}`)}</Tag> },
              { key: 'cases', title: t('analytics.logs.cases'), dataIndex: 'cases', width: 110, align: 'right', render: (n: number) => formatCount(n, lang) },
              { key: 'events', title: t('analytics.logs.events'), dataIndex: 'events', width: 120, align: 'right', render: (n: number) => formatCount(n, lang) },
              { key: 'by', title: t('analytics.logs.importedBy'), dataIndex: 'createdBy', width: 120, render: (u: string | null) => u ?? <Typography.Text type="secondary">{t('analytics.logs.system')}</Typography.Text> },
              { key: 'at', title: t('analytics.logs.importedAt'), dataIndex: 'createdAt', width: 160, render: (at: string | null) => (at ? formatInstant(at) : <Typography.Text type="secondary">{t('analytics.logs.live')}</Typography.Text>) },
              {
                key: 'actions',
                title: t('common.actions'),
                width: 200,
                render: (_, l) => (
                  <Space size={4}>
                    <Link to={`/analytics/logs/${encodeURIComponent(l.id)}`}>{t('analytics.logs.analyse')}</Link>
                    <Tooltip title={t('analytics.logs.exportHint')}>
                      <Button type="link" size="small" icon={<DownloadOutlined />} href={analyticsApi.exportUrl(l.id)} data-testid={`log-export-${l.id}`}>
                        XES
                      </Button>
                    </Tooltip>
                    {mayImport && !isOwnLog(l.id, l) ? (
                      <Popconfirm
                        title={t('analytics.logs.deleteTitle')}
                        description={t('analytics.logs.deleteConfirm', { name: l.name, events: formatCount(l.events, lang) })}
                        okText={t('common.delete')}
                        okButtonProps={{ danger: true }}
                        onConfirm={() => remove(l)}
                      >
                        <Button type="link" size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} data-testid={`log-delete-${l.id}`} />
                      </Popconfirm>
                    ) : null}
                  </Space>
                ),
              },
            ]}
          />
        )}
      </Card>
      <ImportLogDialog
        open={importing}
        onClose={() => setImporting(false)}
        onImported={(result, name) => {
          setImporting(false);
          setFresh(result.id);
          void message.success(t('analytics.import.done', { name, cases: formatCount(result.cases, lang), events: formatCount(result.events, lang) }));
          logs.reload();
        }}
      />
    </>
  );
}
