import { layoutProcess } from 'bpmn-auto-layout';
import { BpmnModdle, type ModdleElement } from 'bpmn-moddle';

/**
 * BPMN XML ready to draw: a model deployed without diagram information (written by hand or by
 * another tool, not a modeler) is laid out automatically; a drawn model is kept as it is.
 */
export async function withDiagram(xml: string): Promise<string> {
  if (/<([\w-]+:)?BPMNDiagram[\s>]/.test(xml)) return xml;
  try {
    return await layoutProcess(await withFlowReferences(xml));
  } catch {
    return xml; // the viewer then says what is wrong
  }
}

/**
 * The XML with each node's `incoming` and `outgoing` flows named. BPMN makes them optional — the
 * sequence flows' source and target say the same — and hand-written models leave them out, but
 * the layout walks the nodes by them: without, it would stack every node in one column.
 */
async function withFlowReferences(xml: string): Promise<string> {
  const moddle = new BpmnModdle();
  const { rootElement } = await moddle.fromXML(xml);
  let added = false;
  const link = (node: unknown, list: 'incoming' | 'outgoing', flow: ModdleElement) => {
    const flows = (node as ModdleElement | undefined)?.get(list);
    if (flows && !flows.includes(flow)) (flows.push(flow), (added = true));
  };
  const visit = (container: ModdleElement) => {
    for (const element of container.get('flowElements')) {
      if (element.$type === 'bpmn:SequenceFlow') {
        link(element.sourceRef, 'outgoing', element);
        link(element.targetRef, 'incoming', element);
      } else if (element.$type === 'bpmn:SubProcess') {
        visit(element);
      }
    }
  };
  for (const root of rootElement.get('rootElements')) if (root.$type === 'bpmn:Process') visit(root);
  return added ? (await moddle.toXML(rootElement)).xml : xml;
}
