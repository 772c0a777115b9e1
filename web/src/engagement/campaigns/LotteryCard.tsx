import { Alert, App, Button, Card, Descriptions, Flex, Table, Typography } from 'antd';
import { useState } from 'react';
import { useMe } from '../../auth/auth';
import { useT } from '../../i18n/i18n';
import { useShowError } from '../../shared/api-errors';
import { useRequest } from '../../shared/use-request';
import { campaignsApi, type Campaign, type Draw, type Verification } from './campaigns.api';
import { when } from './campaign-words';

/** The lottery's draw: the seed commitment published at launch, the draw (once), the seed and winners after it, verification. */
export function LotteryCard({ campaign, onDrawn }: { campaign: Campaign; onDrawn: () => void }) {
  const { t, pick } = useT();
  const me = useMe();
  const { message } = App.useApp();
  const showError = useShowError();
  const [busy, setBusy] = useState(false);
  const [verification, setVerification] = useState<Verification | null>(null);
  const { data: draw, reload } = useRequest((signal) => campaignsApi.draw(campaign.id, signal), [campaign.id, campaign.version, campaign.drawnAt]);
  const started = campaign.status === 'running' || campaign.status === 'finished';

  const makeDraw = async () => {
    setBusy(true);
    try {
      await campaignsApi.makeDraw(campaign.id);
      void message.success(t('campaign.lottery.drawn'));
      reload();
      onDrawn();
    } catch (error) {
      showError(error);
    } finally {
      setBusy(false);
    }
  };
  const verify = async () => {
    try {
      setVerification(await campaignsApi.verify(campaign.id));
    } catch (error) {
      showError(error);
    }
  };

  return (
    <Card title={t('campaign.lottery.title')} style={{ marginBottom: 16 }} data-testid="lottery-card"
      extra={<Flex gap={8}>
        {me.can('campaign.manage') && started && draw && !draw.drawn && <Button type="primary" loading={busy} onClick={makeDraw} data-testid="lottery-draw">{t('campaign.lottery.draw')}</Button>}
        {draw?.drawn && <Button onClick={verify} data-testid="lottery-verify">{t('campaign.lottery.verify')}</Button>}
      </Flex>}>
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('campaign.lottery.commitment')}><Typography.Text code copyable data-testid="lottery-commitment">{draw?.seedCommitment ?? campaign.seedCommitment ?? '—'}</Typography.Text></Descriptions.Item>
        <Descriptions.Item label={t('campaign.lottery.seed')}>{draw?.seed ? <Typography.Text code copyable data-testid="lottery-seed">{draw.seed}</Typography.Text> : t('campaign.lottery.notYet')}</Descriptions.Item>
        {draw?.drawn && <Descriptions.Item label={t('campaign.lottery.drawn')}>{when(draw.drawnAt!)} · {draw.drawnBy}</Descriptions.Item>}
        {draw?.drawn && <Descriptions.Item label={t('campaign.lottery.entrants')}>{draw.entrants.length} · SHA-256 <Typography.Text code>{draw.entrantsSha256}</Typography.Text></Descriptions.Item>}
      </Descriptions>
      {verification && <Alert style={{ margin: '12px 0' }} type={verification.valid ? 'success' : 'error'} title={verification.valid ? t('campaign.lottery.valid') : t('campaign.lottery.invalid')} description={verification.method} data-testid="lottery-verification" />}
      {draw?.drawn && (
        <Table<Draw['winners'][number]> size="small" rowKey="customerId" pagination={false} dataSource={draw.winners} data-testid="lottery-winners" title={() => t('campaign.lottery.winners')}
          columns={[
            { title: t('campaign.builder.prizes'), render: (_, w) => pick({ nameZh: w.prizeZh, nameEn: w.prizeEn }) },
            { title: t('campaign.col.customer'), dataIndex: 'name' },
            { title: 'ID', dataIndex: 'customerId' },
          ]} />
      )}
    </Card>
  );
}
