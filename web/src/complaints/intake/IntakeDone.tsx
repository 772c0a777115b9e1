import { Button, Result, Typography } from 'antd';
import { useT } from '../../i18n/i18n';
import { formatDateTime } from '../../shared/format';
import { PageHeader } from '../../shared/PageHeader';
import type { Complaint } from '../complaints.api';

/** For those who register complaints but do not handle them (tellers): the reference to give the complainant, and the due date. */
export function IntakeDone({ complaint: c, onAnother }: { complaint: Complaint; onAnother: () => void }) {
  const { t } = useT();
  return (
    <>
    <PageHeader title={t('complaintIntake.title')} section="nav.complaints" />
    <Result
      status="success"
      title={t('complaintIntake.doneTitle')}
      subTitle={
        <>
          <Typography.Paragraph>
            {t('complaintIntake.doneRef')} <Typography.Text strong copyable style={{ fontFamily: 'monospace', fontSize: 18 }} data-testid="complaint-ref">{c.ref}</Typography.Text>
          </Typography.Paragraph>
          <Typography.Paragraph type="secondary">{t('complaintIntake.doneText', { due: formatDateTime(c.clock.dueAt) })}</Typography.Paragraph>
        </>
      }
      extra={<Button type="primary" onClick={onAnother} data-testid="complaint-intake-another">{t('complaintIntake.another')}</Button>}
      data-testid="complaint-intake-done"
    />
    </>
  );
}
