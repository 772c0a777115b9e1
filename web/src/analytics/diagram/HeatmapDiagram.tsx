import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn.css';
import '../../bpmn/bpmn.css';
import './heat.css';
import { Alert } from 'antd';
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import { isExpanded } from 'bpmn-js/lib/util/DiUtil';
import { is } from 'bpmn-js/lib/util/ModelUtil';
import type Canvas from 'diagram-js/lib/core/Canvas';
import type ElementRegistry from 'diagram-js/lib/core/ElementRegistry';
import type EventBus from 'diagram-js/lib/core/EventBus';
import type Overlays from 'diagram-js/lib/features/overlays/Overlays';
import { useEffect, useMemo, useRef, useState } from 'react';
import { withDiagram } from '../../bpmn/with-diagram';
import { useT } from '../../i18n/i18n';
import { heatColor, matchElements, NO_DATA_COLOR, valueOf, type ActivityFigures, type DiagramElement, type HeatMeasure } from './heat';

/** The whole diagram in view, centred, never enlarged beyond its own size. */
function fit(v: NavigatedViewer): void {
  const canvas = v.get<Canvas>('canvas');
  canvas.resized();
  // diagram-js centres on 'auto'; its types know only points
  canvas.zoom('fit-viewport', 'auto' as never);
}

type Shape = { id: string; type?: string; labelTarget?: unknown; businessObject?: { name?: string } };

type Props = {
  xml: string | undefined;
  figures: ReadonlyMap<string, ActivityFigures>;
  measure: HeatMeasure;
  /** The badge under each activity: its value of the measure, for people. */
  label: (f: ActivityFigures) => string;
  /** The element under the pointer (null when it leaves), with its figures if it has any. */
  onHover: (hovered: { name: string; figures: ActivityFigures | undefined } | null) => void;
  /** The log's activities no element of the diagram took (told once the diagram is drawn). */
  onUnmatched: (activities: string[]) => void;
  /** The least and greatest value coloured, for the legend; null when no activity has one. */
  onScale: (range: [number, number] | null) => void;
  height?: number;
};

/**
 * A deployed BPMN diagram (bpmn-js, pan and zoom) with each activity filled by a measure of the
 * log — light for the least, strong for the most — its value in a badge beneath, grey where the
 * log has none. Test ids: `heatmap-canvas`, `heat-badge` (`data-element`).
 */
export function HeatmapDiagram({ xml, figures, measure, label, onHover, onUnmatched, onScale, height = 520 }: Props) {
  const { t } = useT();
  const box = useRef<HTMLDivElement>(null);
  const viewer = useRef<NavigatedViewer | null>(null);
  const [elements, setElements] = useState<DiagramElement[] | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  // as tall as the diagram needs, up to `height`: a small process does not float in white space
  const [fitted, setFitted] = useState(height);
  const hover = useRef(onHover);
  hover.current = onHover;
  const scale = useRef(onScale);
  scale.current = onScale;

  useEffect(() => {
    const v = new NavigatedViewer({ container: box.current ?? undefined });
    viewer.current = v;
    return () => {
      v.destroy();
      viewer.current = null;
    };
  }, []);

  useEffect(() => {
    const v = viewer.current;
    if (!v || !xml) return;
    let current = true;
    setElements(null);
    withDiagram(xml)
      .then((drawable) => v.importXML(drawable))
      .then(() => {
        if (!current) return;
        const inner = v.get<Canvas>('canvas').viewbox().inner;
        setFitted(Math.min(height, Math.max(240, Math.round(inner.height + 100))));
        fit(v);
        const registry = v.get<ElementRegistry>('elementRegistry');
        const nodes = registry.filter((e) => !(e as Shape).labelTarget && is(e as never, 'bpmn:FlowNode')) as Shape[];
        // the engine logs the process itself (its start and end) under its name
        const root = v.get<Canvas>('canvas').getRootElement() as Shape;
        setElements([
          { id: root.id, name: root.businessObject?.name ?? null, activity: false },
          ...nodes.map((s) => ({ id: s.id, name: s.businessObject?.name ?? null, activity: is(s as never, 'bpmn:Activity') })),
        ]);
        setFailed(null);
      })
      .catch((err: unknown) => current && setFailed(err instanceof Error ? err.message : String(err)));
    return () => {
      current = false;
    };
  }, [xml]);

  useEffect(() => {
    if (viewer.current) fit(viewer.current);
  }, [fitted]);

  const matched = useMemo(() => (elements ? matchElements(elements, figures) : null), [elements, figures]);
  useEffect(() => {
    if (matched) onUnmatched(matched.unmatched);
  }, [matched]);

  useEffect(() => {
    const v = viewer.current;
    if (!v || !elements || !matched) return;
    const registry = v.get<ElementRegistry>('elementRegistry');
    const overlays = v.get<Overlays>('overlays');
    const canvas = v.get<Canvas>('canvas');
    const values = elements.flatMap((e) => {
      const f = e.activity ? matched.byElement.get(e.id) : undefined;
      const x = f ? valueOf(f, measure) : null;
      return x === null ? [] : [x];
    });
    const [min, max] = [Math.min(...values), Math.max(...values)];
    scale.current(values.length ? [min, max] : null);
    const painted: SVGElement[] = [];
    for (const e of elements) {
      if (!e.activity) continue;
      const shape = registry.get(e.id);
      // an expanded sub-process is a frame around its own activities: not filled over them
      if (!shape || (is(shape as never, 'bpmn:SubProcess') && isExpanded(shape as never))) continue;
      const visual = registry.getGraphics(e.id).querySelector<SVGElement>('.djs-visual > :first-child');
      const f = matched.byElement.get(e.id);
      const value = f ? valueOf(f, measure) : null;
      if (visual) {
        visual.style.fill = value === null ? NO_DATA_COLOR : heatColor(value, min, max, measure);
        painted.push(visual);
      }
      if (f && value !== null) {
        const badge = document.createElement('span');
        badge.className = 'bl-heat-badge';
        badge.textContent = label(f);
        badge.dataset.testid = 'heat-badge';
        badge.dataset.element = e.id;
        const width = (shape as { width?: number }).width ?? 100;
        overlays.add(e.id, 'bl-heat', { position: { bottom: 10, left: width / 2 }, html: badge });
      }
    }
    const bus = v.get<EventBus>('eventBus');
    let active: string | null = null;
    // bpmn-js calls its listeners with the element the pointer is over
    const over = (event: unknown) => {
      const e = (event as { element: Shape }).element;
      if (!elements.some((x) => x.id === e.id && x.activity)) return;
      if (active) canvas.removeMarker(active, 'bl-heat-active');
      active = e.id;
      canvas.addMarker(e.id, 'bl-heat-active');
      hover.current({ name: e.businessObject?.name?.trim() || e.id, figures: matched.byElement.get(e.id) });
    };
    const out = (event: unknown) => {
      if ((event as { element: Shape }).element.id !== active) return;
      canvas.removeMarker(active, 'bl-heat-active');
      active = null;
      hover.current(null);
    };
    bus.on('element.hover', over);
    bus.on('element.out', out);
    return () => {
      bus.off('element.hover', over);
      bus.off('element.out', out);
      if (active) canvas.removeMarker(active, 'bl-heat-active');
      overlays.remove({ type: 'bl-heat' });
      for (const visual of painted) visual.style.fill = '';
    };
  }, [elements, matched, measure, label]);

  return (
    <>
      {failed ? <Alert type="error" showIcon title={t('bpmn.renderFailed')} description={failed} style={{ marginBottom: 12 }} /> : null}
      <div ref={box} className="bl-bpmn-canvas" style={{ height: fitted }} data-testid="heatmap-canvas" />
    </>
  );
}
