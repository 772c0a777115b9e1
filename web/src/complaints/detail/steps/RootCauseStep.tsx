import { LockOutlined } from '@ant-design/icons';
import { Button, Divider, Flex, Popconfirm, Typography } from 'antd';
import { useT } from '../../../i18n/i18n';
import { complaintsApi } from '../../complaints.api';
import { useFormSubmit } from '../../use-form-submit';
import { ActionsTable } from '../remediation/ActionsTable';
import { AddActionForm } from '../remediation/AddActionForm';
import { RootCauseForm } from '../remediation/RootCauseForm';
import type { StepProps } from './step-props';
import { StepError } from './StepError';

/** 溯源整改: the root cause, the corrective actions, then closing (the complainant is invited to a survey). */
export function RootCauseStep({ complaint: c, setup, onChanged }: StepProps) {
  const { t } = useT();
  const closing = useFormSubmit(null, []);
  const ready = c.rootCause !== null && c.actions.length > 0;

  const close = async () => {
    const updated = await closing.run(() => complaintsApi.close(c.id));
    if (updated) onChanged(updated);
  };

  return (
    <Flex vertical>
      <Typography.Text strong>{t('complaintRootCause.title')}</Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>{t('complaintRootCause.hint')}</Typography.Text>
      <RootCauseForm complaint={c} setup={setup} onChanged={onChanged} />
      <Divider style={{ margin: '16px 0' }} />
      <Typography.Text strong style={{ marginBottom: 8 }}>{t('complaintActions.title')}</Typography.Text>
      <ActionsTable complaint={c} canComplete onChanged={onChanged} />
      <div style={{ marginTop: 12 }}>
        <AddActionForm complaint={c} onChanged={onChanged} />
      </div>
      <Divider style={{ margin: '8px 0 16px' }} />
      <StepError problem={closing.problem} />
      <Flex gap={12} align="center" wrap>
        <Popconfirm title={t('complaintClose.confirmTitle')} description={t('complaintClose.confirmText')} onConfirm={() => void close()} disabled={!ready}
          okText={t('complaintClose.submit')} cancelText={t('common.cancel')} okButtonProps={{ 'data-testid': 'complaint-close-confirm' }}>
          <Button type="primary" icon={<LockOutlined />} disabled={!ready} loading={closing.busy} data-testid="complaint-close">{t('complaintClose.submit')}</Button>
        </Popconfirm>
        {!ready ? <Typography.Text type="secondary">{t('complaintClose.needs')}</Typography.Text> : null}
      </Flex>
    </Flex>
  );
}
