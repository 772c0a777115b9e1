import { StopOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Descriptions, Empty, Flex, Row, Table, Tag, Timeline, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { processApi, type HistoryEntry, type Incident } from '../../api/process.api';
import { useMe } from '../../auth/auth';
import { BpmnDiagram, type ElementMarker } from '../../bpmn/BpmnDiagram';
import { useT } from '../../i18n/i18n';
import { useShowError } from '../../shared/api-errors';
import { formatDateTime } from '../../shared/format';
import { PageHeader } from '../../shared/PageHeader';
import { useRequest } from '../../shared/use-request';
import { CancelInstanceModal } from './CancelInstanceModal';
import { InstanceStatusTag } from './instance-status';

const lifecycleColor: Record<HistoryEntry['lifecycle'], string> = { start: 'blue', complete: 'green', cancel: 'gray' };

function showValue(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** One process instance: where it waits, its variables, what happened and by whom. */
export function InstancePage() {
  const { id = '' } = useParams();
  const { t } = useT();
  const { can } = useMe();
  const { message } = App.useApp();
  const showError = useShowError();
  const [cancelling, setCancelling] = useState(false);
  const [retrying, setRetrying] = useState<string | null>(null);

  const detail = useRequest((signal) => processApi.instance(id, signal), [id]);
  const history = useRequest((signal) => processApi.history(id, signal), [id]);
  const instance = detail.data;
  const xml = useRequest((signal) => processApi.xml(instance?.definitionId ?? '', signal), [instance?.definitionId], {
    enabled: instance !== undefined,
  });

  const entries = useMemo(
    () => [...(history.data?.items ?? [])].sort((a, b) => a.at.localeCompare(b.at)),
    [history.data],
  );
  const markers = useMemo(() => {
    const map = new Map<string, ElementMarker>();
    for (const e of entries) if (e.lifecycle === 'complete') map.set(e.elementId, 'done');
    for (const token of instance?.tokens ?? []) map.set(token.elementId, 'waiting');
    for (const incident of instance?.incidents ?? []) map.set(incident.elementId, 'incident');
    return map;
  }, [entries, instance]);
  const nameOf = useMemo(() => new Map(entries.map((e) => [e.elementId, e.name ?? e.elementId])), [entries]);

  const reload = () => {
    detail.reload();
    history.reload();
  };

  const retry = async (incident: Incident) => {
    setRetrying(incident.id);
    try {
      await processApi.retryIncident(incident.id);
      void message.success(t('instance.retried'));
      reload();
    } catch (err) {
      showError(err);
    } finally {
      setRetrying(null);
    }
  };

  const canManage = can('process.manage');
  const variables = Object.entries(instance?.variables ?? {}).sort(([a], [b]) => a.localeCompare(b));

  return (
    <>
      <PageHeader
        title={t('instance.title', { id: instance?.businessKey ?? id.slice(0, 8) })}
        section="nav.process"
        extra={
          canManage && instance?.status === 'active' ? (
            <Button danger icon={<StopOutlined />} onClick={() => setCancelling(true)} data-testid="instance-cancel">
              {t('instance.cancel')}
            </Button>
          ) : null
        }
      />
      <Flex vertical gap={16}>
        <Card title={t('instance.summary')} loading={detail.loading && !instance}>
          {instance ? (
            <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }}>
              <Descriptions.Item label={t('instance.process')}>
                <Link to={`/processes/${encodeURIComponent(instance.processKey)}`}>{instance.processKey}</Link>
              </Descriptions.Item>
              <Descriptions.Item label={t('instance.businessKey')}>{instance.businessKey ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('instance.status')}><InstanceStatusTag status={instance.status} /></Descriptions.Item>
              <Descriptions.Item label={t('instance.startedAt')}>{formatDateTime(instance.startedAt)}</Descriptions.Item>
              <Descriptions.Item label={t('instance.endedAt')}>{formatDateTime(instance.endedAt) || '—'}</Descriptions.Item>
              <Descriptions.Item label={t('instance.id')}><Typography.Text copyable>{instance.id}</Typography.Text></Descriptions.Item>
              {instance.tokens.length > 0 ? (
                <Descriptions.Item label={t('instance.waitingAt')}>
                  {instance.tokens.map((tok) => <Tag key={tok.activityInstanceId} color="blue">{nameOf.get(tok.elementId) ?? tok.elementId}</Tag>)}
                </Descriptions.Item>
              ) : null}
              {instance.endReason ? <Descriptions.Item label={t('instance.endReason')}>{instance.endReason}</Descriptions.Item> : null}
            </Descriptions>
          ) : null}
        </Card>

        {instance && instance.incidents.length > 0 ? (
          <Card title={<Typography.Text type="danger">{t('instance.incidents')}</Typography.Text>}>
            <Table<Incident>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={instance.incidents}
              columns={[
                { key: 'element', title: t('instance.element'), render: (_, i) => nameOf.get(i.elementId) ?? i.elementId },
                { key: 'kind', title: t('instance.incidentKind'), render: (_, i) => <Tag color="error">{i.kind}</Tag> },
                { key: 'message', title: t('instance.incidentMessage'), dataIndex: 'message' },
                { key: 'at', title: t('instance.occurredAt'), render: (_, i) => formatDateTime(i.createdAt) },
                ...(canManage
                  ? [{
                      key: 'actions',
                      title: t('common.actions'),
                      render: (_: unknown, i: Incident) => (
                        <Button size="small" loading={retrying === i.id} onClick={() => void retry(i)} data-testid={`incident-retry-${i.elementId}`}>
                          {t('instance.retry')}
                        </Button>
                      ),
                    }]
                  : []),
              ]}
            />
          </Card>
        ) : null}

        <Card title={t('instance.diagram')}>
          <BpmnDiagram xml={xml.data} markers={markers} height={440} />
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>{t('instance.legend')}</Typography.Paragraph>
        </Card>

        <Row gutter={16}>
          <Col xs={24} lg={12}>
            <Card title={t('instance.variables')} style={{ height: '100%' }}>
              <Table
                rowKey={([name]) => name}
                size="small"
                pagination={false}
                dataSource={variables}
                columns={[
                  { key: 'name', title: t('instance.varName'), render: (_, [name]) => <Typography.Text code>{name}</Typography.Text> },
                  {
                    key: 'value',
                    title: t('instance.varValue'),
                    render: (_, [, value]) => <Typography.Text style={{ wordBreak: 'break-all' }}>{showValue(value)}</Typography.Text>,
                  },
                ]}
                data-testid="instance-variables"
              />
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card title={t('instance.history')} loading={history.loading && !history.data} style={{ height: '100%' }}>
              {entries.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('instance.noHistory')} />
              ) : (
                <Timeline
                  data-testid="instance-history"
                  items={entries.map((e) => ({
                    key: `${e.activityInstanceId}-${e.lifecycle}`,
                    color: lifecycleColor[e.lifecycle],
                    content: (
                      <>
                        <Typography.Text strong>{e.name ?? e.elementId}</Typography.Text>{' '}
                        <Typography.Text type="secondary">{t(`instance.lifecycle.${e.lifecycle}`)}</Typography.Text>
                        <div>
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {formatDateTime(e.at)}
                            {e.resource ? ` · ${t('instance.by', { who: e.resource })}` : ''}
                          </Typography.Text>
                        </div>
                      </>
                    ),
                  }))}
                />
              )}
            </Card>
          </Col>
        </Row>
      </Flex>
      <CancelInstanceModal
        instanceId={id}
        open={cancelling}
        onClose={() => setCancelling(false)}
        onCancelled={() => {
          setCancelling(false);
          reload();
        }}
      />
    </>
  );
}
