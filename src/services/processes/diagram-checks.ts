import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ProcessModel } from '../../engine/model/process-model.ts';
import { diagramOf, overlap } from './process-test-support.ts';

type Box = [number, number, number, number];
const SIZES: Record<string, [number, number]> = { Task: [100, 80], Event: [36, 36], Gateway: [50, 50] };

/**
 * The checks every shipped process diagram passes, declared as a suite: every node and flow
 * drawn at its size, the lanes stacked in the participant (`lanes`: its id, then the lanes' top
 * to bottom) with each node inside its own, every flow orthogonal from its source to its target
 * through no other node — so the process editor opens it as drawn.
 */
export function describeDiagram(file: string, text: string, model: ProcessModel, lanes: string[]): void {
  const diagram = diagramOf(text);
  const shape = (id: string) => diagram.shapes.get(id)!;
  const points = new Map([...text.matchAll(/<bpmndi:BPMNEdge id="[^"]+" bpmnElement="([^"]+)">([\s\S]*?)<\/bpmndi:BPMNEdge>/g)].map((m) => [m[1]!, [...m[2]!.matchAll(/<di:waypoint x="([\d.]+)" y="([\d.]+)"/g)].map((p) => [Number(p[1]), Number(p[2])] as [number, number])]));
  const ends = new Map([...text.matchAll(/<bpmn:sequenceFlow id="([^"]+)"[^>]* sourceRef="([^"]+)" targetRef="([^"]+)"/g)].map((m) => [m[1]!, [m[2]!, m[3]!] as const]));
  const { nodes } = diagram;

  describe(`the diagram of ${file}`, () => {
    it('has the participant, every lane and node with shapes of the right size, an edge for every flow, no shapes overlapping', () => {
      assert.equal(nodes.length, Object.keys(model.nodes).length);
      for (const { type, id } of nodes) {
        const size = SIZES[/Task$/.test(type) ? 'Task' : /Event$/.test(type) ? 'Event' : 'Gateway']!;
        assert.deepEqual(shape(id)?.slice(2), size, `shape of ${id}`);
      }
      assert.deepEqual(diagram.lanes, lanes);
      for (const id of lanes) assert.ok(diagram.shapes.has(id), `shape of ${id}`);
      assert.equal(diagram.flows.length, Object.keys(model.flows).length);
      for (const id of diagram.flows) assert.ok((diagram.waypoints.get(id) ?? 0) >= 2, `edge of ${id}`);
      for (const a of nodes) for (const b of nodes) assert.ok(a === b || !overlap(shape(a.id), shape(b.id)), `${a.id} overlaps ${b.id}`);
    });

    it('stacks the lanes in the participant and puts every node inside its lane', () => {
      const [px, py, pw, ph] = shape(lanes[0]!);
      let y = py;
      for (const lane of lanes.slice(1)) {
        const [lx, ly, lw, lh] = shape(lane);
        assert.deepEqual([lx, ly, lx + lw], [px + 30, y, px + pw], `${lane} follows the one above it`);
        y += lh;
        const refs = [...text.match(new RegExp(`<bpmn:lane id="${lane}"[\\s\\S]*?</bpmn:lane>`))![0].matchAll(/<bpmn:flowNodeRef>([^<]+)</g)].map((m) => m[1]!);
        for (const node of refs) {
          const [x, ny, w, h] = shape(node);
          assert.ok(x >= lx && x + w <= lx + lw && ny >= ly && ny + h <= ly + lh, `${node} inside ${lane}`);
        }
      }
      assert.equal(y, py + ph, 'the lanes fill the participant');
    });

    it('draws every flow orthogonally from its source to its target, through no other node', () => {
      const onBorder = ([x, y]: [number, number], [bx, by, bw, bh]: Box) => (x >= bx && x <= bx + bw && (y === by || y === by + bh)) || (y >= by && y <= by + bh && (x === bx || x === bx + bw));
      for (const [flow, [source, target]] of ends) {
        const wp = points.get(flow)!;
        assert.ok(onBorder(wp[0]!, shape(source)) && onBorder(wp.at(-1)!, shape(target)), `${flow} runs from ${source} to ${target}`);
        for (let i = 1; i < wp.length; i++) {
          const [[x1, y1], [x2, y2]] = [wp[i - 1]!, wp[i]!];
          assert.ok(x1 === x2 || y1 === y2, `${flow} segment ${i} is orthogonal`);
          const segment: Box = [Math.min(x1, x2), Math.min(y1, y2), Math.abs(x2 - x1) || 0.001, Math.abs(y2 - y1) || 0.001];
          for (const { id } of nodes) if (id !== source && id !== target) assert.ok(!overlap(segment, shape(id)), `${flow} crosses ${id}`);
        }
      }
    });
  });
}
