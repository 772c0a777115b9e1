import { Flex, Table, Tag, Typography, type TableProps } from 'antd';
import type { CaseTimeline as Timeline, TimelineStep } from '../../api/cases.api';
import { useT } from '../../i18n/i18n';
import { formatDateTime } from '../../shared/format';
import { durationText } from '../catalog/service-display';

const typeColor: Record<string, string> = { userTask: 'blue', serviceTask: 'default', startEvent: 'green', endEvent: 'purple' };

/** 办理轨迹: every step — who did it, when, how long it waited and took — and the materials checks. */
export function CaseTimeline({ timeline, loading }: { timeline: Timeline | undefined; loading: boolean }) {
  const { t, has } = useT();
  const typeLabel = (type: string) => {
    const key = `case.stepType.${type}`;
    return has(key) ? t(key) : type;
  };
  // The process as a whole is not a step of its own.
  const steps = (timeline?.steps ?? []).filter((s) => s.type !== 'process');

  const columns: TableProps<TimelineStep>['columns'] = [
    {
      key: 'step',
      title: t('case.step'),
      render: (_, s) => (
        <Flex gap={6} align="center">
          <Tag color={typeColor[s.type] ?? 'default'} style={{ marginInlineEnd: 0 }}>{typeLabel(s.type)}</Tag>
          <Typography.Text strong={s.type === 'userTask'}>{s.name ?? s.elementId}</Typography.Text>
        </Flex>
      ),
    },
    {
      key: 'by',
      title: t('case.by'),
      render: (_, s) => s.by ?? (s.type === 'userTask' ? '—' : <Typography.Text type="secondary">{t('case.system')}</Typography.Text>),
    },
    { key: 'started', title: t('case.startedAt'), render: (_, s) => formatDateTime(s.startedAt) },
    { key: 'ended', title: t('case.endedAt'), render: (_, s) => (s.endedAt ? formatDateTime(s.endedAt) : '—') },
    { key: 'waited', title: t('case.waited'), render: (_, s) => (s.waitedSeconds > 0 ? durationText(t, s.waitedSeconds) : '—') },
    {
      key: 'took',
      title: t('case.took'),
      render: (_, s) => (s.tookSeconds === null ? <Tag color="processing">{t('case.inProgress')}</Tag> : durationText(t, s.tookSeconds)),
    },
  ];

  return (
    <Flex vertical gap={16} data-testid="case-timeline">
      {timeline && steps.length === 0 ? (
        <Typography.Text type="secondary">{t('case.noTimeline')}</Typography.Text>
      ) : (
        <Table<TimelineStep>
          rowKey={(s) => `${s.elementId}-${s.startedAt}`}
          size="small"
          pagination={false}
          loading={loading}
          dataSource={steps}
          scroll={{ x: 'max-content' }}
          columns={columns}
        />
      )}
      {timeline && timeline.returns.length > 0 ? (
        <div data-testid="case-returns">
          <Typography.Text strong>{t('case.returns')}</Typography.Text>
          <Flex vertical gap={2} style={{ marginTop: 6 }}>
            {timeline.returns.map((r, i) => (
              <Typography.Text key={i} style={{ fontSize: 13 }}>
                {formatDateTime(r.at)} · {r.by ?? '—'} · {t('case.returnLine', { reason: r.reason ?? '—' })}
              </Typography.Text>
            ))}
          </Flex>
        </div>
      ) : null}
      {timeline && timeline.materialChecks.length > 0 ? (
        <div>
          <Typography.Text strong>{t('case.materialChecks')}</Typography.Text>
          <Flex vertical gap={2} style={{ marginTop: 6 }}>
            {timeline.materialChecks.map((c, i) => (
              <Typography.Text key={i} type="secondary" style={{ fontSize: 13 }}>
                {formatDateTime(c.at)} · {c.by ?? '—'} · {t(c.received ? 'case.checkReceived' : 'case.checkUnreceived', { name: c.name })}
              </Typography.Text>
            ))}
          </Flex>
        </div>
      ) : null}
    </Flex>
  );
}
