import { App } from 'antd';
import { useState } from 'react';
import { casesApi, type Case, type CaseMaterial } from '../../api/cases.api';
import { useT } from '../../i18n/i18n';
import { useShowError } from '../../shared/api-errors';

/**
 * Ticking a material as received (or not) on an open case: saved at once, one item per call,
 * with the updated case handed back so that the checklist shows who checked it and when.
 */
export function useMaterialCheck(caseId: string | undefined, onUpdated: (updated: Case) => void) {
  const { t, pick } = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const [saving, setSaving] = useState<ReadonlySet<number>>(new Set());

  const toggle = async (material: CaseMaterial, received: boolean) => {
    if (!caseId) return;
    setSaving((prev) => new Set(prev).add(material.position));
    try {
      const updated = await casesApi.checkMaterials(caseId, [{ position: material.position, received }]);
      onUpdated(updated);
      void message.success(t(received ? 'case.materialReceived' : 'case.materialUnreceived', { name: pick(material) }));
    } catch (err) {
      showError(err);
    } finally {
      setSaving((prev) => {
        const next = new Set(prev);
        next.delete(material.position);
        return next;
      });
    }
  };

  return { saving, toggle: (m: CaseMaterial, received: boolean) => void toggle(m, received) };
}
