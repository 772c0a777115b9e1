import { CompressOutlined, ZoomInOutlined, ZoomOutOutlined } from '@ant-design/icons';
import { Button, Flex, Tooltip, Typography } from 'antd';
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type MouseEvent as ReactMouseEvent, type ReactNode } from 'react';
import { useT } from '../../i18n/i18n';
import { basisPath, COUNT_FONT, EDGE_FONT, MARKER_R, NODE_FONT, type MapLayout, type PlacedEdge, type PlacedNode } from './dfg-layout';
import { END, START } from './dfg-simplify';
import { MAP_FONT_FAMILY } from './text-measure';

/*
 * The process map drawn as SVG: boxes shaded by how often the activity occurs, arrows as thick
 * as the path is frequent (or, by duration, as long and as red as it is slow), the start and end
 * markers, figures on hover. Zoom with the buttons, drag to move around.
 */

const BLUE = [29, 95, 191] as const;
const PALE = [234, 241, 251] as const;
const GREY = '#8c99ab';
const SLOW = '#cf1322';

/** Below this the labels get too small to read: a wider map is scrolled (or dragged) instead. */
const MIN_FIT = 0.8;
/** The map's view is at most this share of the window's height. */
const VIEW_HEIGHT = 0.72;

const mix = (a: readonly number[], b: readonly number[], t: number) => `rgb(${a.map((v, i) => Math.round(v + (b[i]! - v) * t)).join(',')})`;

/** 0…1 on a log scale: a path 10 times rarer is visibly thinner, but a rare one is still seen. */
const logShare = (value: number, max: number) => (max <= 0 ? 0 : Math.log1p(Math.max(0, value)) / Math.log1p(max));

export type MapWeight = 'count' | 'duration';

type Props = {
  layout: MapLayout;
  /** Edges drawn thick by count, or by their duration (`duration(edge)` seconds). */
  weight: MapWeight;
  duration: (edge: PlacedEdge['edge']) => number | null;
  /** The hover card of a node or edge. */
  describeNode: (node: PlacedNode) => ReactNode;
  describeEdge: (edge: PlacedEdge) => ReactNode;
  label: string;
};

type Hover = { kind: 'node'; id: string; x: number; y: number } | { kind: 'edge'; index: number; x: number; y: number };

export function ProcessMap({ layout, weight, duration, describeNode, describeEdge, label }: Props) {
  const { t } = useT();
  const box = useRef<HTMLDivElement>(null);
  const [boxWidth, setBoxWidth] = useState(0);
  const [zoom, setZoom] = useState<number | null>(null);
  const [hover, setHover] = useState<Hover | null>(null);
  const drag = useRef<{ x: number; y: number; left: number; top: number } | null>(null);

  useLayoutEffect(() => {
    const element = box.current;
    if (!element) return;
    setBoxWidth(element.clientWidth);
    const observer = new ResizeObserver(() => setBoxWidth(element.clientWidth));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  // a new map (other filter or detail) is fitted again, with the start in view
  useEffect(() => setZoom(null), [layout]);

  // the whole map where it fits (width and visible height) at a readable size; else readable, and scrolled
  const fit = boxWidth > 0 ? Math.min(1, Math.max(MIN_FIT, Math.min((boxWidth - 2) / Math.max(1, layout.width), (window.innerHeight * VIEW_HEIGHT - 2) / Math.max(1, layout.height)))) : 1;
  const scale = zoom ?? fit;
  useEffect(() => {
    const element = box.current;
    const start = layout.nodes.find((n) => n.id === START);
    if (!element || !start || boxWidth === 0) return;
    element.scrollLeft = Math.max(0, start.x * fit - element.clientWidth / 2);
    element.scrollTop = 0;
    // only when the map itself changes, not on every resize
  }, [layout, boxWidth > 0]);

  const maxNode = Math.max(1, ...layout.nodes.map((n) => n.node?.count ?? 0));
  const maxCount = Math.max(1, ...layout.edges.map((e) => e.edge.count));
  const maxDuration = Math.max(1, ...layout.edges.map((e) => duration(e.edge) ?? 0));
  const hovered = hover?.kind === 'node' ? hover.id : null;

  const edgeStyle = useMemo(
    () => (e: PlacedEdge) => {
      if (weight === 'duration' && !e.edge.marker) {
        const d = duration(e.edge);
        const share = d === null ? 0 : d / maxDuration;
        return { color: share > 0.5 ? SLOW : mix([140, 153, 171], [212, 107, 8], Math.min(1, share * 2)), width: 1.2 + 5 * Math.sqrt(share) };
      }
      const share = logShare(e.edge.count, maxCount);
      return { color: e.edge.marker ? '#aab4c3' : GREY, width: 1 + 5 * share };
    },
    [weight, duration, maxCount, maxDuration],
  );

  const point = (event: ReactMouseEvent) => {
    const rect = box.current!.getBoundingClientRect();
    return { x: event.clientX - rect.left + box.current!.scrollLeft, y: event.clientY - rect.top + box.current!.scrollTop };
  };

  const onMouseDown = (event: ReactMouseEvent) => {
    const element = box.current;
    if (!element || event.button !== 0) return;
    drag.current = { x: event.clientX, y: event.clientY, left: element.scrollLeft, top: element.scrollTop };
  };
  const onMouseMove = (event: ReactMouseEvent) => {
    const element = box.current;
    if (!element || !drag.current) return;
    element.scrollLeft = drag.current.left - (event.clientX - drag.current.x);
    element.scrollTop = drag.current.top - (event.clientY - drag.current.y);
  };
  const endDrag = () => {
    drag.current = null;
  };

  const card = hover ? (hover.kind === 'node' ? describeNode(layout.nodes.find((n) => n.id === hover.id)!) : describeEdge(layout.edges[hover.index]!)) : null;

  return (
    <div style={{ position: 'relative' }}>
      <Flex gap={4} style={{ position: 'absolute', right: 8, top: 8, zIndex: 2 }}>
        <Tooltip title={t('analytics.map.zoomIn')}>
          <Button size="small" icon={<ZoomInOutlined />} aria-label={t('analytics.map.zoomIn')} onClick={() => setZoom(Math.min(2.5, scale * 1.25))} />
        </Tooltip>
        <Tooltip title={t('analytics.map.zoomOut')}>
          <Button size="small" icon={<ZoomOutOutlined />} aria-label={t('analytics.map.zoomOut')} onClick={() => setZoom(Math.max(0.2, scale / 1.25))} />
        </Tooltip>
        <Tooltip title={t('analytics.map.fit')}>
          <Button size="small" icon={<CompressOutlined />} aria-label={t('analytics.map.fit')} onClick={() => setZoom(null)} />
        </Tooltip>
      </Flex>
      <div
        ref={box}
        style={{ overflow: 'auto', maxHeight: `${VIEW_HEIGHT * 100}vh`, minHeight: 240, background: '#fbfcfe', border: '1px solid #e6e9ef', borderRadius: 4, cursor: drag.current ? 'grabbing' : 'grab', position: 'relative' }}
        onMouseDown={onMouseDown}
        onMouseMove={onMouseMove}
        onMouseUp={endDrag}
        onMouseLeave={() => {
          endDrag();
          setHover(null);
        }}
        data-testid="process-map"
      >
        <svg
          role="img"
          aria-label={label}
          width={layout.width * scale}
          height={layout.height * scale}
          viewBox={`0 0 ${layout.width} ${layout.height}`}
          style={{ display: 'block', margin: '0 auto', fontFamily: MAP_FONT_FAMILY, userSelect: 'none' }}
        >
          <defs>
            {['grey', 'slow', 'orange', 'marker', 'focus'].map((name) => (
              <marker key={name} id={`dfg-arrow-${name}`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="9" markerHeight="9" markerUnits="userSpaceOnUse" orient="auto">
                <path d="M0,0 L10,5 L0,10 z" fill={{ grey: GREY, slow: SLOW, orange: '#d46b08', marker: '#aab4c3', focus: '#1d5fbf' }[name]} />
              </marker>
            ))}
          </defs>
          <g>
            {layout.edges.map((e, index) => {
              const style = edgeStyle(e);
              const focus = hovered !== null && (e.edge.from === hovered || e.edge.to === hovered);
              const faded = hovered !== null && !focus;
              const arrow = focus ? 'focus' : style.color === SLOW ? 'slow' : e.edge.marker ? 'marker' : weight === 'duration' && style.color !== GREY ? 'orange' : 'grey';
              const d = basisPath(e.points);
              return (
                <g
                  key={`${e.edge.from}\u0001${e.edge.to}`}
                  data-testid="dfg-edge"
                  data-from={e.edge.from === START ? 'START' : e.edge.from}
                  data-to={e.edge.to === END ? 'END' : e.edge.to}
                  opacity={faded ? 0.25 : 1}
                  onMouseMove={(event) => setHover({ kind: 'edge', index, ...point(event) })}
                  onMouseLeave={() => setHover(null)}
                >
                  <path d={d} fill="none" stroke={focus ? '#1d5fbf' : style.color} strokeWidth={style.width} strokeDasharray={e.edge.marker ? '4 3' : undefined} markerEnd={`url(#dfg-arrow-${arrow})`} />
                  <path d={d} fill="none" stroke="transparent" strokeWidth={Math.max(12, style.width + 8)} />
                  {e.label ? (
                    <text
                      x={e.labelX}
                      y={e.labelY}
                      dy="0.35em"
                      textAnchor={e.edge.from === e.edge.to ? 'start' : 'middle'}
                      fontSize={EDGE_FONT}
                      fill={style.color === SLOW ? SLOW : '#4a5568'}
                      stroke="#fbfcfe"
                      strokeWidth={3}
                      paintOrder="stroke"
                      data-testid="dfg-edge-label"
                    >
                      {e.label}
                    </text>
                  ) : null}
                </g>
              );
            })}
          </g>
          <g>
            {layout.nodes.map((n) => (n.node ? <ActivityBox key={n.id} n={n} maxCount={maxNode} onHover={(event) => setHover({ kind: 'node', id: n.id, ...point(event) })} onLeave={() => setHover(null)} /> : <MarkerDot key={n.id} n={n} onHover={(event) => setHover({ kind: 'node', id: n.id, ...point(event) })} onLeave={() => setHover(null)} />))}
          </g>
        </svg>
        {card ? (
          <div
            style={{ position: 'absolute', ...cardPlace(hover!, box.current),  pointerEvents: 'none', background: '#fff', border: '1px solid #d9dee7', borderRadius: 4, boxShadow: '0 4px 12px rgba(0,0,0,0.12)', padding: '8px 12px', maxWidth: 340, fontSize: 12, zIndex: 3 }}
            data-testid="process-map-hover"
          >
            {card}
          </div>
        ) : null}
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 6 }}>
        {t(weight === 'duration' ? 'analytics.map.legendDuration' : 'analytics.map.legendCount')}
      </Typography.Text>
    </div>
  );
}

/** The hover card beside the pointer, on its left near the right edge of the view so that it is not cut off. */
function cardPlace(at: { x: number; y: number }, element: HTMLDivElement | null): { left: number; top: number } {
  const right = element ? element.scrollLeft + element.clientWidth : Infinity;
  return { left: at.x + 14 + 340 > right ? Math.max(0, at.x - 354) : at.x + 14, top: at.y + 14 };
}

type Hoverable = { onHover: (event: ReactMouseEvent) => void; onLeave: () => void };

function ActivityBox({ n, maxCount, onHover, onLeave }: { n: PlacedNode; maxCount: number } & Hoverable) {
  // nearly linear: the busiest activities stand out, rare ones stay pale
  const share = 0.08 + 0.92 * Math.pow(n.node!.count / maxCount, 0.7);
  const dark = share > 0.55;
  const left = n.x - n.width / 2;
  const top = n.y - n.height / 2;
  return (
    <g data-testid="dfg-node" data-activity={n.id} onMouseMove={onHover} onMouseLeave={onLeave} style={{ cursor: 'default' }}>
      <rect x={left} y={top} width={n.width} height={n.height} rx={4} fill={mix(PALE, BLUE, share)} stroke={mix([160, 185, 225], [20, 70, 150], share)} strokeWidth={1} />
      {n.lines.map((line, i) => (
        <text key={i} x={n.x} y={top + 8 + 16 * i + 12} textAnchor="middle" fontSize={NODE_FONT} fontWeight={500} fill={dark ? '#fff' : '#1f2a3d'}>
          {line}
        </text>
      ))}
      <text x={n.x} y={top + 8 + 16 * n.lines.length + 11} textAnchor="middle" fontSize={COUNT_FONT} fill={dark ? 'rgba(255,255,255,0.85)' : '#4a5568'}>
        {n.note}
      </text>
    </g>
  );
}

function MarkerDot({ n, onHover, onLeave }: { n: PlacedNode } & Hoverable) {
  const start = n.id === START;
  return (
    <g data-testid={start ? 'dfg-start' : 'dfg-end'} onMouseMove={onHover} onMouseLeave={onLeave}>
      <circle cx={n.x} cy={n.y} r={MARKER_R} fill={start ? '#389e0d' : '#434c5a'} />
      {start ? (
        <path d={`M${n.x - 4},${n.y - 6} L${n.x + 6},${n.y} L${n.x - 4},${n.y + 6} z`} fill="#fff" />
      ) : (
        <rect x={n.x - 5} y={n.y - 5} width={10} height={10} fill="#fff" />
      )}
    </g>
  );
}
