import { useRoleLabel } from '../../pages/work/step-tags';

/**
 * A pool as staff call it: a pool is the lane or candidate group of a task, most often a role
 * (`supervisor` → 复核主管); other names are shown as the model has them.
 */
export function usePoolName(): (pool: string) => string {
  return useRoleLabel();
}
