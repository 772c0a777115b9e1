import { useMemo } from 'react';
import { processApi } from '../../../api/process.api';
import { useMe } from '../../../auth/auth';
import { useRequest } from '../../../shared/use-request';

const TASKS = new Set(['userTask', 'serviceTask', 'task', 'manualTask', 'businessRuleTask', 'sendTask', 'receiveTask', 'scriptTask', 'callActivity', 'subProcess']);

type Option = { value: string; label: string };

/**
 * The deployed processes, and the steps of the one chosen (read from its BPMN), for naming the
 * process step a complaint traces back to. Quiet without `process.read`: both can be typed.
 */
export function useProcessSteps(processKey: string | undefined): { processes: Option[]; steps: Option[] } {
  const { can } = useMe();
  const allowed = can('process.read');
  const definitions = useRequest((signal) => processApi.definitions({ latest: true }, signal), [], { silent: true, enabled: allowed });
  const chosen = definitions.data?.items.find((d) => d.key === processKey);
  const xml = useRequest((signal) => processApi.xml(chosen?.id ?? '', signal), [chosen?.id], { silent: true, enabled: allowed && chosen !== undefined });

  return useMemo(() => {
    const processes = (definitions.data?.items ?? []).map((d) => ({ value: d.key, label: d.name ? `${d.name} · ${d.key}` : d.key }));
    const steps: Option[] = [];
    if (xml.data && chosen) {
      const doc = new DOMParser().parseFromString(xml.data, 'application/xml');
      for (const el of Array.from(doc.getElementsByTagName('*'))) {
        const id = el.getAttribute('id');
        if (!id || !TASKS.has(el.localName)) continue;
        const name = el.getAttribute('name');
        steps.push({ value: id, label: name ? `${name} · ${id}` : id });
      }
    }
    return { processes, steps };
  }, [definitions.data, xml.data, chosen]);
}
