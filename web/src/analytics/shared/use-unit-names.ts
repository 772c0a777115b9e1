import { useCallback } from 'react';
import { unitsApi, type Unit } from '../../api/org.api';
import { useT } from '../../i18n/i18n';
import { useRequest } from '../../shared/use-request';

/** The organisation's units (for branch names and the branch filter); quietly empty for those who may not read them. */
export function useUnits(enabled = true): Unit[] {
  return useRequest((signal) => unitsApi.list(signal), [], { enabled, silent: true }).data ?? [];
}

/** A unit's name in the UI language by its id; the id itself for a unit not (or no longer) known. */
export function useUnitNames(enabled = true): (id: string) => string {
  const { pick } = useT();
  const units = useUnits(enabled);
  return useCallback(
    (id: string) => {
      const unit = units.find((u) => u.id === id);
      return unit ? pick(unit) : id;
    },
    [units, pick],
  );
}
