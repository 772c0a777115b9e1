import { bpmn } from '../../engine/model/bpmn-fixture.ts';
import { compileBpmn } from '../../engine/model/bpmn-compile.ts';
import { toWorkflowNet, type WorkflowNet } from './workflow-net.ts';

/** The workflow net of a process written as BPMN content (see `bpmn()`), compiled as a deployment would. */
export async function netOf(processId: string, content: string, extra = ''): Promise<WorkflowNet> {
  const compiled = await compileBpmn(bpmn(processId, content, extra));
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
  return toWorkflowNet(compiled.value.processes[0]!);
}

/** Plain tasks named by their id in capitals: `tasks('a', 'b')` is tasks A and B. */
export const tasks = (...ids: string[]) => ids.map((id) => `<bpmn:task id="${id}" name="${id.toUpperCase()}"/>`).join('\n');
