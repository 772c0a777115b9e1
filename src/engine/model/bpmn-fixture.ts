/**
 * Wraps process content in a BPMN 2.0 definitions element with the Camunda 7 and Banklane
 * namespaces: test fixtures write only the part that matters to them.
 */
export function bpmn(processId: string, content: string, extra = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
  xmlns:banklane="https://banklane.dev/schema/bpmn"
  id="defs_${processId}" targetNamespace="https://banklane.dev/test">
  <bpmn:process id="${processId}" isExecutable="true">
${content}
  </bpmn:process>
${extra}
</bpmn:definitions>`;
}

/** `a->b` style flow shorthand: `flows('s->t1', 't1->e')` writes sequence flows f_s_t1 … */
export function flows(...pairs: string[]): string {
  return pairs
    .map((pair) => {
      const [from, rest] = pair.split('->') as [string, string];
      const [to, condition] = rest.split(':');
      const id = `f_${from}_${to}`;
      const body = condition ? `<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${escapeXml(condition)}</bpmn:conditionExpression>` : '';
      return `    <bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}">${body}</bpmn:sequenceFlow>`;
    })
    .join('\n');
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
