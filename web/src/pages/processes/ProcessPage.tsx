import { VersionSelect } from '../../shared/VersionSelect';
import { EditOutlined, PlayCircleOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Space, Spin, Tag, Typography } from 'antd';
import { lazy, Suspense, useMemo, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { processApi, type ProcessDefinition } from '../../api/process.api';
import { useMe } from '../../auth/auth';
import { BpmnDiagram } from '../../bpmn/BpmnDiagram';
import { useT } from '../../i18n/i18n';
import { formatDateTime } from '../../shared/format';
import { PageHeader } from '../../shared/PageHeader';
import { useRequest } from '../../shared/use-request';
import { useElementCounts } from './element-counts';
import { StartProcessModal } from './StartProcessModal';

// The modeler is far larger than the viewer; it loads only when someone edits.
const ProcessEditorDrawer = lazy(() => import('./ProcessEditorDrawer').then((m) => ({ default: m.ProcessEditorDrawer })));

/** One process: its versions, the diagram with live counts, and edit / deploy / start. */
export function ProcessPage() {
  const { key = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const { t } = useT();
  const { can } = useMe();
  const navigate = useNavigate();
  // A snapshot, so that reloading the versions after a deployment leaves the editor open.
  const [editing, setEditing] = useState<{ definition: ProcessDefinition; xml: string } | null>(null);
  const [starting, setStarting] = useState(false);

  const versions = useRequest((signal) => processApi.definitions({ key }, signal), [key]);
  const sorted = useMemo(
    () => [...(versions.data?.items ?? [])].filter((d) => d.key === key).sort((a, b) => b.version - a.version),
    [versions.data, key],
  );
  const latest = sorted[0];
  const wanted = Number(params.get('version'));
  const selected = sorted.find((d) => d.version === wanted) ?? latest;

  const xml = useRequest((signal) => processApi.xml(selected?.id ?? '', signal), [selected?.id], { enabled: selected !== undefined });
  const stats = useElementCounts(selected?.id);

  const selectVersion = (version: number | 'latest') =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      if (version === 'latest' || version === latest?.version) next.delete('version');
      else next.set('version', String(version));
      return next;
    });

  if (!versions.loading && versions.data && !latest) {
    return (
      <>
        <PageHeader title={key} section="nav.process" />
        <Alert type="warning" showIcon title={t('process.notFound', { key })} />
      </>
    );
  }

  return (
    <>
      <PageHeader
        title={selected ? `${selected.name ?? selected.key}` : key}
        section="nav.process"
        extra={
          <>
            <Button icon={<UnorderedListOutlined />} onClick={() => navigate(`/instances?processKey=${encodeURIComponent(key)}`)}>
              {t('process.viewInstances')}
            </Button>
            {can('process.deploy') ? (
              <Button icon={<EditOutlined />} disabled={!xml.data || !selected}
                onClick={() => selected && xml.data && setEditing({ definition: selected, xml: xml.data })} data-testid="process-edit">
                {t('process.edit')}
              </Button>
            ) : null}
            {can('process.start') && latest?.executable ? (
              <Button type="primary" icon={<PlayCircleOutlined />} onClick={() => setStarting(true)} data-testid="process-start">
                {t('process.start')}
              </Button>
            ) : null}
          </>
        }
      />
      <Card loading={versions.loading && !selected}>
        {selected ? (
          <Descriptions size="small" column={{ xs: 1, md: 2, xl: 4 }} style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('process.key')}><Typography.Text code>{selected.key}</Typography.Text></Descriptions.Item>
            <Descriptions.Item label={t('process.version')}>
              <VersionSelect versions={sorted.map((d) => d.version)} value={selected.version} latest={latest?.version} onChange={selectVersion} testId="process-version" />
            </Descriptions.Item>
            <Descriptions.Item label={t('process.deployedAt')}>{formatDateTime(selected.deployedAt)}</Descriptions.Item>
            <Descriptions.Item label={t('process.name')}>
              <Space size={4}>
                {selected.name ?? ''}
                {selected.executable ? null : <Tag color="warning">{t('process.notExecutable')}</Tag>}
              </Space>
            </Descriptions.Item>
          </Descriptions>
        ) : null}
        <Spin spinning={xml.loading}>
          <BpmnDiagram xml={xml.data} counts={stats.data?.counts} height={520} />
        </Spin>
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }} data-testid="process-stats-note">
          {stats.loading
            ? t('process.statsLoading')
            : stats.data
              ? t('process.statsNote', { count: stats.data.counted })
              : null}
        </Typography.Paragraph>
      </Card>
      {editing ? (
        <Suspense fallback={null}>
          <ProcessEditorDrawer
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
      {latest ? <StartProcessModal definition={latest} open={starting} onClose={() => setStarting(false)} /> : null}
    </>
  );
}
