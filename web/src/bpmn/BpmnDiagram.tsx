import { withDiagram } from './with-diagram';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn.css';
import './bpmn.css';
import { Alert } from 'antd';
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import type Canvas from 'diagram-js/lib/core/Canvas';
import type ElementRegistry from 'diagram-js/lib/core/ElementRegistry';
import type Overlays from 'diagram-js/lib/features/overlays/Overlays';
import { useEffect, useRef, useState } from 'react';
import { useT } from '../i18n/i18n';

export type ElementCount = { waiting: number; completed: number };
export type ElementMarker = 'waiting' | 'incident' | 'done';

type Props = {
  xml: string | undefined;
  /** Badges per element id: tokens waiting now (blue) and finished passes (grey). */
  counts?: ReadonlyMap<string, ElementCount>;
  /** Highlights per element id; `incident` wins over `waiting` over `done`. */
  markers?: ReadonlyMap<string, ElementMarker>;
  height?: number;
};

function badge(text: string, className: string, title: string): HTMLElement {
  const el = document.createElement('span');
  el.className = `bl-count ${className}`;
  el.textContent = text;
  el.title = title;
  return el;
}

/** A read-only BPMN diagram (pan and zoom) with optional counts and highlights. */
export function BpmnDiagram({ xml, counts, markers, height = 480 }: Props) {
  const { t } = useT();
  const containerRef = useRef<HTMLDivElement>(null);
  const viewerRef = useRef<NavigatedViewer | null>(null);
  const [imported, setImported] = useState(0);
  const [failed, setFailed] = useState<string | null>(null);

  useEffect(() => {
    const viewer = new NavigatedViewer({ container: containerRef.current ?? undefined });
    viewerRef.current = viewer;
    return () => {
      viewer.destroy();
      viewerRef.current = null;
    };
  }, []);

  useEffect(() => {
    const viewer = viewerRef.current;
    if (!viewer || !xml) return;
    let current = true;
    withDiagram(xml)
      .then((drawable) => viewer.importXML(drawable))
      .then(() => {
        if (!current) return;
        viewer.get<Canvas>('canvas').zoom('fit-viewport');
        setFailed(null);
        setImported((n) => n + 1);
      })
      .catch((err: unknown) => {
        if (current) setFailed(err instanceof Error ? err.message : String(err));
      });
    return () => {
      current = false;
    };
  }, [xml]);

  useEffect(() => {
    const viewer = viewerRef.current;
    if (!viewer || imported === 0) return;
    const overlays = viewer.get<Overlays>('overlays');
    const canvas = viewer.get<Canvas>('canvas');
    const registry = viewer.get<ElementRegistry>('elementRegistry');
    const applied: [string, string][] = [];
    for (const [id, marker] of markers ?? []) {
      if (!registry.get(id)) continue;
      const cls = `bl-marker-${marker}`;
      canvas.addMarker(id, cls);
      applied.push([id, cls]);
    }
    for (const [id, count] of counts ?? []) {
      if (!registry.get(id)) continue;
      if (count.waiting > 0) {
        overlays.add(id, 'bl-count', {
          position: { bottom: 10, left: -10 },
          html: badge(String(count.waiting), 'bl-count-waiting', t('bpmn.waiting', { count: count.waiting })),
        });
      }
      if (count.completed > 0) {
        overlays.add(id, 'bl-count', {
          position: { bottom: 10, right: 10 },
          html: badge(String(count.completed), 'bl-count-done', t('bpmn.completed', { count: count.completed })),
        });
      }
    }
    return () => {
      overlays.remove({ type: 'bl-count' });
      for (const [id, cls] of applied) canvas.removeMarker(id, cls);
    };
  }, [imported, counts, markers, t]);

  return (
    <>
      {failed ? <Alert type="error" showIcon title={t('bpmn.renderFailed')} description={failed} style={{ marginBottom: 12 }} /> : null}
      <div ref={containerRef} className="bl-bpmn-canvas" style={{ height }} data-testid="bpmn-canvas" />
    </>
  );
}
