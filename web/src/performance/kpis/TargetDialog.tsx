import { App, Button, Flex, InputNumber, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useT } from '../../i18n/i18n';
import { useShowError } from '../../shared/api-errors';
import { better, performanceApi, type Level, type Metric } from '../performance.api';

export type TargetEdit = { level: Level; key: string; name: string; metric: Metric; period: string; current: number | null };

/** Sets (or removes) one month's target for one measure of one staff member, team, branch or process. */
export function TargetDialog({ edit, onClose, onSaved }: { edit: TargetEdit | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  // the value as the user types it: an on-time share in per cent
  const [value, setValue] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const rate = edit?.metric === 'onTimeRate';
  useEffect(() => setValue(edit?.current === null || edit?.current === undefined ? null : rate ? Math.round(edit.current * 1000) / 10 : edit.current), [edit, rate]);
  if (!edit) return null;
  const save = async (target: number | null) => {
    setBusy(true);
    try {
      await performanceApi.setTarget({ level: edit.level, key: edit.key, metric: edit.metric, period: edit.period, value: target });
      void message.success(t(target === null ? 'perf.kpi.removed' : 'perf.kpi.saved'));
      onSaved();
      onClose();
    } catch (error) {
      showError(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={t('perf.kpi.setTarget')} onCancel={onClose} destroyOnHidden
      footer={(
        <Flex justify="space-between">
          <Button danger disabled={edit.current === null || busy} onClick={() => void save(null)} data-testid="target-remove">{t('perf.kpi.removeTarget')}</Button>
          <Button type="primary" loading={busy} disabled={value === null} onClick={() => void save(rate && value !== null ? value / 100 : value)} data-testid="target-save">{t('common.save')}</Button>
        </Flex>
      )}>
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{t('perf.kpi.setTargetFor', { name: edit.name, metric: t(`perf.kpi.metric.${edit.metric}`), period: edit.period })}</Typography.Text>
        <Flex align="center" gap={8}>
          <Typography.Text>{t('perf.kpi.targetValue')}</Typography.Text>
          <InputNumber value={value} onChange={(v) => setValue(v === null ? null : Number(v))}
            min={edit.metric === 'nps' ? -100 : 0} max={rate ? 100 : edit.metric === 'csat' ? 5 : edit.metric === 'nps' ? 100 : undefined}
            addonAfter={rate ? '%' : edit.metric === 'handlingSeconds' ? 's' : undefined} style={{ width: 180 }} data-testid="target-value" />
          <Typography.Text type="secondary">{t(`perf.kpi.better.${better[edit.metric]}`)}</Typography.Text>
        </Flex>
      </Flex>
    </Modal>
  );
}
