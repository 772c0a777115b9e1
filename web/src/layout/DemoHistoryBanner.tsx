import { Alert, Progress, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../api/client';
import { useT } from '../i18n/i18n';

type HistoryStatus = { state: 'off' | 'generating' | 'stopped' | 'done' | 'failed'; days: number; daysDone: number; through: string | null };

const POLL_MS = 4000;

/**
 * While the demo bank's past is generated (first start in demo mode), says so above every page
 * and how far it is; disappears when it is done. Asks the server every few seconds meanwhile.
 */
export function DemoHistoryBanner() {
  const { t } = useT();
  const [status, setStatus] = useState<HistoryStatus | null>(null);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const controller = new AbortController();
    const poll = async () => {
      try {
        const next = await api.get<HistoryStatus>('/demo/history', { signal: controller.signal });
        if (stopped) return;
        setStatus(next);
        if (next.state !== 'generating') return;
      } catch {
        // a failed look is not worth a message: the next one may answer
        if (stopped) return;
      }
      timer = setTimeout(() => void poll(), POLL_MS);
    };
    void poll();
    return () => {
      stopped = true;
      controller.abort();
      if (timer) clearTimeout(timer);
    };
  }, []);

  if (status?.state !== 'generating') return null;
  const percent = status.days === 0 ? 0 : Math.round((status.daysDone / status.days) * 100);
  return (
    <Alert
      type="info"
      showIcon
      banner
      data-testid="demo-history-banner"
      title={
        <Space size={16} wrap>
          <Typography.Text>{t('demoHistory.generating', { done: status.daysDone, days: status.days })}</Typography.Text>
          <Progress percent={percent} size="small" style={{ width: 160, margin: 0 }} />
          <Typography.Text type="secondary">{t('demoHistory.hint')}</Typography.Text>
        </Space>
      }
    />
  );
}
