import { App } from 'antd';
import { useState } from 'react';
import { tasksApi } from '../../api/tasks.api';
import { workApi, type WorkItem } from '../../api/work.api';
import { useT } from '../../i18n/i18n';
import { useShowError } from '../../shared/api-errors';
import { stepRefusalOf, type StepRefusal } from './work-errors';

export type StepAction = 'claim' | 'unclaim' | 'approve' | 'reject' | 'return' | 'complete';

type Options = {
  /** The step changed on the server; `closed` when it left my hands (done, returned, taken). */
  onChanged: (closed: boolean) => void;
  /** The claim went through: the fresh task, now assigned to me. */
  onClaimed: (fresh: Partial<WorkItem>) => void;
  /** The server named missing materials: the checklist should be reloaded. */
  onMaterialsRefused: () => void;
};

/**
 * What a worker does with one step — take it, put it back, complete it, return it for
 * correction — and why the server refused, kept for the drawer to explain.
 */
export function useStepWork(taskId: string, { onChanged, onClaimed, onMaterialsRefused }: Options) {
  const { t } = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const [busy, setBusy] = useState<StepAction | null>(null);
  const [refusal, setRefusal] = useState<StepRefusal | null>(null);

  const fail = (err: unknown) => {
    const refused = stepRefusalOf(err);
    if (refused?.type === 'conflict') {
      void message.warning(refused.detail || t('work.conflict'));
      onChanged(true);
    } else if (refused) {
      setRefusal(refused);
      if (refused.type === 'materials') onMaterialsRefused();
    } else {
      showError(err);
    }
  };

  const run = async (action: StepAction, call: () => Promise<unknown>, done: string, closes: boolean): Promise<boolean> => {
    setBusy(action);
    setRefusal(null);
    try {
      await call();
      void message.success(done);
      onChanged(closes);
      return true;
    } catch (err) {
      fail(err);
      return false;
    } finally {
      setBusy(null);
    }
  };

  return {
    busy,
    refusal,
    clearRefusal: () => setRefusal(null),
    claim: () =>
      run('claim', async () => {
        await tasksApi.claim(taskId);
        onClaimed(await workApi.task(taskId));
      }, t('work.claimed'), false),
    unclaim: () => run('unclaim', () => tasksApi.unclaim(taskId), t('work.unclaimed'), true),
    complete: (action: StepAction, variables: Record<string, unknown>, done: string) => run(action, () => tasksApi.complete(taskId, variables), done, true),
    returnForCorrection: (reason: string) => run('return', () => workApi.returnForCorrection(taskId, reason), t('work.returned'), true),
  };
}
