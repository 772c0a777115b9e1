import { FormOutlined } from '@ant-design/icons';
import { Button, ConfigProvider } from 'antd';
import { useState } from 'react';
import type { WorkItem } from '../../api/work.api';
import { workApi } from '../../api/work.api';
import { useMe } from '../../auth/auth';
import { useT } from '../../i18n/i18n';
import { localLabel } from '../../pages/catalog/service-display';
import { WorkDrawer } from '../../pages/work/WorkDrawer';
import { useShowError } from '../../shared/api-errors';
import '../task-form.css';

type Props = {
  /** The review's open inspection step. */
  taskId: string;
  /** The step changed (claimed, done, given back): the list showing it looks again. */
  onChanged: () => void;
  testId: string;
  size?: 'small' | 'middle';
};

/**
 * Opens a re-review's inspection step in My work's drawer, as the onboarding card opens its
 * steps: the drawer claims, shows the step's form and completes it; the server decides who may.
 * Shown only to users who work tasks.
 */
export function ReviewStepButton({ taskId, onChanged, testId, size = 'small' }: Props) {
  const { t, lang } = useT();
  const { can } = useMe();
  const showError = useShowError();
  const [loading, setLoading] = useState(false);
  const [open, setOpen] = useState<WorkItem | null>(null);
  if (!can('task.work')) return null;

  const show = async () => {
    setLoading(true);
    try {
      const task = await workApi.task(taskId);
      setOpen({ ...task, label: localLabel(task.name, lang) || task.elementId, case: null });
    } catch (error) {
      showError(error);
    } finally {
      setLoading(false);
    }
  };

  return (
    <>
      <Button size={size} type="link" icon={<FormOutlined />} loading={loading} onClick={(e) => { e.stopPropagation(); void show(); }} data-testid={testId} style={{ paddingInline: 0 }}>
        {t('mch.review.handle')}
      </Button>
      {open ? (
        <ConfigProvider drawer={{ classNames: { body: 'mch-task-body' } }}>
          <WorkDrawer
            item={open}
            onClose={() => setOpen(null)}
            onChanged={(closed) => {
              if (closed) setOpen(null);
              onChanged();
            }}
          />
        </ConfigProvider>
      ) : null}
    </>
  );
}
