import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { useMe } from '../../auth/auth';
import { useT } from '../../i18n/i18n';
import { usePortalInfo } from '../../portal/use-portal-info';
import { useUnitCatalog } from '../../shared/reference';

export type BranchOption = { value: string; label: string };

/**
 * The branch a staff queue page works on: `?branch=` in the address (shareable), else the user's
 * own unit when it is a branch, else the first branch they can reach. The choices are the
 * branches of the user's units list (scoped by the server); without that list, every branch
 * (the server still checks each call).
 */
export function useStaffBranch(): { branch: string | null; options: BranchOption[]; setBranch: (code: string) => void } {
  const me = useMe();
  const { pick } = useT();
  const [params, setParams] = useSearchParams();
  const units = useUnitCatalog(me.can('org.unit.read'));
  const { branches } = usePortalInfo();

  const options = useMemo<BranchOption[]>(() => {
    const mine = units.items.filter((u) => u.active && (u.kind === 'branch' || u.kind === 'sub_branch'));
    const list = mine.length > 0 ? mine : branches;
    return [...list].sort((a, b) => a.code.localeCompare(b.code)).map((b) => ({ value: b.code, label: `${pick(b)} (${b.code})` }));
  }, [units.items, branches, pick]);

  const asked = params.get('branch');
  const branch = asked ?? (options.some((o) => o.value === me.unit.code) ? me.unit.code : options[0]?.value ?? null);
  const setBranch = (code: string) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      next.set('branch', code);
      return next;
    }, { replace: true });
  return { branch, options, setBranch };
}
