import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { MemoryEngine, BpmnError } from '../runtime/memory-engine.ts';
import { compileBpmn, importBpmn } from './bpmn-compile.ts';

// Public test material: the OMG MIWG reference models and small executable models from an
// open-source JavaScript engine's test suite, read where the project keeps them.
const DATA = path.resolve('../shared/data/bpmn');
const missing = fs.existsSync(DATA) ? false : `${DATA} not found: skipped`;
const read = (file: string) => fs.readFileSync(path.join(DATA, file), 'utf8');

describe('MIWG reference models', { skip: missing }, () => {
  const files = missing ? [] : fs.readdirSync(path.join(DATA, 'miwg')).filter((f) => f.endsWith('.bpmn')).sort();
  it('there are reference models to import', () => assert.ok(files.length >= 20));
  for (const file of files) {
    it(`${file} imports, with unsupported parts named by element`, async () => {
      const result = await importBpmn(read(`miwg/${file}`));
      assert.ok(result.ok, JSON.stringify(!result.ok && result.problems));
      assert.ok(result.value.processes.length >= 1);
      for (const problem of result.value.unsupported) {
        assert.ok(problem.elementId, 'every problem names its element');
        assert.ok(problem.reason.length > 10);
      }
      const nodes = result.value.processes.reduce((n, p) => n + Object.keys(p.nodes).length, 0);
      assert.ok(nodes > 0, 'the flow nodes are imported');
    });
  }
});

describe('executable models of bpmn-engine', { skip: missing }, () => {
  const engineModel = async (file: string) => {
    const result = await compileBpmn(read(`bpmn-engine/${file}`));
    assert.ok(result.ok, JSON.stringify(!result.ok && result.problems));
    const engine = new MemoryEngine();
    engine.deploy(...result.value.processes.filter((p) => p.executable));
    return engine;
  };

  for (const [file, scriptTasks] of [
    ['bound-error.bpmn', ['scriptTask']],
    ['loop.bpmn', ['scriptTask1', 'scriptTask2', 'flow3']],
    ['multiple-endEvents.bpmn', ['script1', 'script2']],
    ['multiple-joins.bpmn', ['scriptTask1', 'scriptTask2', 'flow3', 'flow7']],
    ['sub-process.bpmn', ['subScriptTask']],
    ['task-with-multi-instance-loop.bpmn', ['recurring']],
  ] as const) {
    it(`${file}: refused, naming each script task and script condition ("unsupported script language")`, async () => {
      const result = await compileBpmn(read(`bpmn-engine/${file}`));
      assert.equal(result.ok, false);
      const named = result.ok ? [] : result.problems.filter((p) => /unsupported script language "JavaScript"/i.test(p.reason)).map((p) => p.elementId);
      assert.deepEqual([...new Set(named)].sort(), [...scriptTasks].sort());
    });
  }

  it('lanes.bpmn: refused, its message catch has no message; the non-executable participant still imports', async () => {
    const deploy = await compileBpmn(read('bpmn-engine/lanes.bpmn'));
    assert.equal(deploy.ok, false);
    assert.deepEqual(!deploy.ok && deploy.problems.map((p) => p.elementId), ['intermediate']);
    const imported = await importBpmn(read('bpmn-engine/lanes.bpmn'));
    assert.ok(imported.ok && imported.value.processes.some((p) => p.id === 'participantProcess' && !p.executable));
  });

  it('timer-event.bpmn: waits 50 ms at the timer, then runs to the end', async () => {
    const engine = await engineModel('timer-event.bpmn');
    const id = engine.start('timerProcess');
    assert.deepEqual(engine.waitingAt(id), ['duration']);
    engine.advance(49);
    assert.deepEqual(engine.waitingAt(id), ['duration']);
    engine.advance(1);
    assert.deepEqual(engine.path(id), ['start', 'task1', 'duration', 'task2', 'end', 'timerProcess']);
  });

  it('simple-task.bpmn: no start event, so the task without incoming flow starts, and ends', async () => {
    const engine = await engineModel('simple-task.bpmn');
    const id = engine.start('simpleTaskProcess');
    assert.deepEqual(engine.path(id), ['task', 'simpleTaskProcess']);
    assert.equal(engine.jobs.size, 0, 'the boundary timer is withdrawn with the task');
  });

  it('boundary-timeout.bpmn: the timer interrupts the task, and the parallel join then waits for ever for the cancelled branch', async () => {
    const engine = await engineModel('boundary-timeout.bpmn');
    const id = engine.start('timerProcess');
    assert.equal(engine.openTasks(id).length, 1);
    engine.advance(100);
    const state = engine.instances.get(id)!;
    assert.equal(engine.openTasks(id).length, 0);
    assert.equal(state.status, 'active');
    assert.deepEqual(state.scopes[id]!.joins, { join: { flow3: 1 } });
  });

  it('service-task.bpmn: the handler named by camunda:expression runs; success ends the process', async () => {
    const engine = await engineModel('service-task.bpmn');
    engine.handlers.set('services.postMessage', () => ({ posted: true }));
    const id = engine.start('serviceTaskProcess');
    assert.deepEqual(engine.path(id), ['start', 'serviceTask', 'end', 'serviceTaskProcess']);
  });

  it('service-task.bpmn: a BPMN error is caught by the catch-all boundary; the error end event after it is uncaught → incident', async () => {
    const engine = await engineModel('service-task.bpmn');
    engine.handlers.set('services.postMessage', () => {
      throw new BpmnError('POST_FAILED');
    });
    const id = engine.start('serviceTaskProcess');
    assert.ok(engine.path(id).includes('errorEvent'));
    const incident = [...engine.incidents.values()].find((i) => i.instanceId === id);
    assert.equal(incident?.elementId, 'endInVain');
  });

  it('service-task.bpmn: with no handler, a worker may take it; if none does within 50 ms the timer ends it', async () => {
    const engine = await engineModel('service-task.bpmn');
    const id = engine.start('serviceTaskProcess');
    assert.equal(engine.externalTasks('services.postMessage').length, 1);
    engine.advance(50);
    assert.deepEqual(engine.path(id), ['start', 'timerEvent', 'timeoutEnd', 'serviceTaskProcess'].filter((e) => e !== 'serviceTask'));
    assert.equal(engine.externalTasks('services.postMessage').length, 0);
  });
});
