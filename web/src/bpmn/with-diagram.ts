import { layoutProcess } from 'bpmn-auto-layout';

/**
 * BPMN XML ready to draw: a model deployed without diagram information (written by hand or by
 * another tool, not a modeler) is laid out automatically; a drawn model is kept as it is.
 */
export async function withDiagram(xml: string): Promise<string> {
  if (/<([\w-]+:)?BPMNDiagram[\s>]/.test(xml)) return xml;
  try {
    return await layoutProcess(xml);
  } catch {
    return xml; // the viewer then says what is wrong
  }
}
