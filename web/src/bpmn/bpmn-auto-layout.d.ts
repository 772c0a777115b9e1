declare module 'bpmn-auto-layout' {
  /** Adds diagram information (shapes and edges) to BPMN XML that has none. */
  export function layoutProcess(xml: string): Promise<string>;
}

declare module 'bpmn-moddle' {
  /** A BPMN element as bpmn-moddle reads it: its type, properties, and `get` for a list property (created empty when absent). */
  export type ModdleElement = { $type: string; get(name: string): ModdleElement[]; [property: string]: unknown };
  export class BpmnModdle {
    fromXML(xml: string): Promise<{ rootElement: ModdleElement }>;
    toXML(element: ModdleElement): Promise<{ xml: string }>;
  }
}
