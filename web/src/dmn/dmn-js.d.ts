/** The little of dmn-js that the app uses; the package ships no types. */
declare module 'dmn-js/lib/Viewer' {
  export type DmnView = { id?: string; name?: string; type: string; element: { id: string; name?: string } };
  export default class DmnViewer {
    constructor(options?: { container?: HTMLElement; [key: string]: unknown });
    importXML(xml: string): Promise<{ warnings: unknown[] }>;
    saveXML(options?: { format?: boolean }): Promise<{ xml?: string }>;
    getViews(): DmnView[];
    getActiveView(): DmnView | undefined;
    open(view: DmnView): Promise<{ warnings: unknown[] }>;
    getActiveViewer(): { on(event: string, callback: (...args: unknown[]) => void): void } | undefined;
    on(event: string, callback: (...args: unknown[]) => void): void;
    off(event: string, callback: (...args: unknown[]) => void): void;
    destroy(): void;
  }
}

declare module 'dmn-js/lib/Modeler' {
  import DmnViewer from 'dmn-js/lib/Viewer';
  export default class DmnModeler extends DmnViewer {}
}
