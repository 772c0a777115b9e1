import 'dmn-js/dist/assets/diagram-js.css';
import 'dmn-js/dist/assets/dmn-js-shared.css';
import 'dmn-js/dist/assets/dmn-js-drd.css';
import 'dmn-js/dist/assets/dmn-js-decision-table.css';
import 'dmn-js/dist/assets/dmn-js-literal-expression.css';
import 'dmn-js/dist/assets/dmn-font/css/dmn.css';
import type DmnViewer from 'dmn-js/lib/Viewer';
import type { DmnView } from 'dmn-js/lib/Viewer';
import { useEffect, useState } from 'react';

/** The view to show first: the decision table of the decision itself, else any decision table. */
export function pickDecisionView(views: readonly DmnView[], decisionKey: string): DmnView | undefined {
  return (
    views.find((v) => v.type === 'decisionTable' && v.element.id === decisionKey) ??
    views.find((v) => v.element.id === decisionKey && v.type !== 'drd') ??
    views.find((v) => v.type === 'decisionTable')
  );
}

export type DmnState<T extends DmnViewer> = { instance: T | null; error: string | null; ready: boolean };

/**
 * Creates a dmn-js viewer or modeler in `container`, imports `xml` and opens the decision
 * table of `decisionKey`. The instance is destroyed when any input changes.
 */
export function useDmn<T extends DmnViewer>(
  create: (container: HTMLElement) => T,
  container: HTMLElement | null,
  xml: string | undefined,
  decisionKey: string,
): DmnState<T> {
  const [state, setState] = useState<DmnState<T>>({ instance: null, error: null, ready: false });
  useEffect(() => {
    if (!container || xml === undefined) return;
    let live = true;
    const instance = create(container);
    setState({ instance, error: null, ready: false });
    instance
      .importXML(xml)
      .then(async () => {
        const view = pickDecisionView(instance.getViews(), decisionKey);
        if (view && view !== instance.getActiveView()) await instance.open(view);
        if (live) setState({ instance, error: null, ready: true });
      })
      .catch((err: unknown) => {
        if (live) setState({ instance, error: err instanceof Error ? err.message : String(err), ready: false });
      });
    return () => {
      live = false;
      instance.destroy();
    };
    // `create` is a constructor call that never changes meaningfully.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [container, xml, decisionKey]);
  return state;
}
