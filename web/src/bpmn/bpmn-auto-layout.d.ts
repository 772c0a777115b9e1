declare module 'bpmn-auto-layout' {
  /** Adds diagram information (shapes and edges) to BPMN XML that has none. */
  export function layoutProcess(xml: string): Promise<string>;
}
