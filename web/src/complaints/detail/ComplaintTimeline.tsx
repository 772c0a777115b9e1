import { Flex, Segmented, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useT } from '../../i18n/i18n';
import { formatDateTime } from '../../shared/format';
import { useLabel } from '../complaint-display';
import type { TimelineEvent } from '../complaints.api';
import type { SetupView } from '../use-complaint-setup';
import { EventBody } from './EventBody';

/** Red for what went wrong or was refused, orange for warnings, green for decisions and closure, grey for the system. */
const kindColor: Record<string, string> = {
  received: 'blue',
  classified: 'blue',
  assigned: 'blue',
  note: 'gray',
  contact: 'blue',
  evidence: 'blue',
  attachment: 'gray',
  proposed: 'blue',
  approved: 'green',
  returned: 'orange',
  decided: 'green',
  response: 'blue',
  review: 'blue',
  declined: 'gray',
  extension_requested: 'orange',
  extension_approved: 'green',
  extension_refused: 'red',
  at_risk: 'orange',
  breached: 'red',
  root_cause: 'blue',
  action: 'blue',
  action_done: 'green',
  closed: 'green',
};

type Order = 'newest' | 'oldest';

/** 处理轨迹: every event of the complaint, who and when, with what it said. */
export function ComplaintTimeline({ events, setup }: { events: TimelineEvent[]; setup: SetupView }) {
  const { t } = useT();
  const label = useLabel();
  const [order, setOrder] = useState<Order>('newest');
  const sorted = [...events].sort((a, b) => (order === 'newest' ? b.at.localeCompare(a.at) : a.at.localeCompare(b.at)));

  return (
    <Flex vertical gap={12}>
      <Segmented<Order>
        size="small"
        value={order}
        onChange={setOrder}
        options={[{ value: 'newest', label: t('complaint.newestFirst') }, { value: 'oldest', label: t('complaint.oldestFirst') }]}
        style={{ width: 'fit-content' }}
      />
      {sorted.length === 0 ? <Typography.Text type="secondary">{t('complaint.noEvents')}</Typography.Text> : null}
      <div data-testid="complaint-timeline">
        <Timeline
          items={sorted.map((e) => ({
            key: e.id,
            color: kindColor[e.kind] ?? 'gray',
            content: (
              <Flex vertical gap={2} data-testid={`complaint-event-${e.kind}`}>
                <Flex gap={8} wrap align="baseline">
                  <Typography.Text strong>{label('complaint.eventKind', e.kind)}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatDateTime(e.at)} · {e.actor ?? t('complaint.system')}
                  </Typography.Text>
                </Flex>
                <EventBody body={e.body ?? {}} setup={setup} />
              </Flex>
            ),
          }))}
        />
      </div>
    </Flex>
  );
}
