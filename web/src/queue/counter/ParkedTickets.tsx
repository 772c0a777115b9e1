import { PlayCircleOutlined } from '@ant-design/icons';
import { Button, Card, List, Space, Tooltip, Typography } from 'antd';
import { useT } from '../../i18n/i18n';
import { minutesBetween } from '../queue-display';
import { queueStaffApi, type LiveTicket, type QueueCounter } from '../queue.api';
import type { Run } from './CurrentTicket';

/** 暂挂: customers filling in a form; resumed at this counter once the current customer is done or parked. */
export function ParkedTickets({ tickets, counter, canResume, busy, run }: { tickets: LiveTicket[]; counter: QueueCounter; canResume: boolean; busy: string | null; run: Run }) {
  const { t } = useT();
  return (
    <Card size="small" title={t('queue.counter.parked', { n: tickets.length })} data-testid="counter-parked">
      <List
        dataSource={tickets}
        renderItem={(ticket) => (
          <List.Item
            actions={[
              <Tooltip key="resume" title={canResume ? undefined : t('queue.counter.resumeHint')}>
                <Button icon={<PlayCircleOutlined />} disabled={!canResume} loading={busy === `resume-${ticket.id}`} onClick={() => void run(`resume-${ticket.id}`, () => queueStaffApi.act(counter.id, ticket.id, 'resume'))} data-testid={`counter-resume-${ticket.number}`}>
                  {t('queue.counter.resumeTicket')}
                </Button>
              </Tooltip>,
            ]}
          >
            <Space size={12}>
              <Typography.Text strong style={{ fontSize: 18 }}>{ticket.number}</Typography.Text>
              <Typography.Text type="secondary">{ticket.customer?.name ?? t('queue.counter.anonymous')}</Typography.Text>
              {ticket.serveStartedAt ? <Typography.Text type="secondary">{t('queue.counter.servingSince', { n: minutesBetween(ticket.serveStartedAt) })}</Typography.Text> : null}
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
