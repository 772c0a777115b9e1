import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, it } from 'node:test';
import { loginAs, problem, type Client } from '../support/http.ts';
import { describeEachDatabase, startTestApp, type TestApp } from '../support/test-app.ts';
import { uploadLog, type UploadFile } from './support.ts';

const LOGS = path.resolve('../shared/data/logs');

const RUNNING_EXAMPLE_MAPPING = { caseColumn: 'case:concept:name', activityColumn: 'concept:name', timestampColumn: 'time:timestamp', resourceColumn: 'org:resource' };

/**
 * The running example of van der Aalst's Process Mining (table 1.1), as the book writes its six
 * traces: a register request, b examine thoroughly, c examine casually, d check ticket, e decide,
 * f reinitiate request, g pay compensation, h reject request.
 */
const TEXTBOOK_TRACES = ['abdeh', 'adceg', 'acdefbdeg', 'adbeh', 'acdefdcefcdeh', 'acdeg'];
const NAMES: Record<string, string> = { a: 'register request', b: 'examine thoroughly', c: 'examine casually', d: 'check ticket', e: 'decide', f: 'reinitiate request', g: 'pay compensation', h: 'reject request' };

await describeEachDatabase('Event logs and process mining', (kind) => {
  let app: TestApp;
  let ops: Client;
  before(async () => {
    app = await startTestApp(kind);
    ops = await loginAs(app.http, 'ops');
  });
  after(async () => app?.stop());

  const upload = (client: Client, fields: Record<string, string>, file: UploadFile) => uploadLog(app, client, fields, file);

  it("imports the receipt log (gzipped XES) with the figures of the file's own header", async () => {
    const imported = await upload(ops, {}, { name: 'receipt.xes.gz', type: 'application/gzip', content: fs.readFileSync(path.join(LOGS, 'receipt.xes.gz')) });
    assert.equal(imported.statusCode, 201, imported.body);
    assert.deepEqual({ cases: imported.json().cases, events: imported.json().events }, { cases: 1434, events: 8577 });
    const s = (await ops.get(`/api/v1/event-logs/${imported.json().id}/summary`)).json();
    assert.equal(s.cases, 1434);
    assert.equal(s.events, 8577);
    assert.equal(s.variants, 116);
    assert.ok(Math.abs(s.meanCaseDurationSeconds - 467_263.9) < 0.1, `mean case duration ${s.meanCaseDurationSeconds}`);
    const listed = (await ops.get('/api/v1/event-logs')).json().items;
    assert.deepEqual(listed.map((l: { id: string }) => l.id).slice(0, 4), ['engine', 'journeys', 'merchants', imported.json().id], "Banklane's own logs, then the imported one");
  });

  it("gives the running example's directly-follows graph as the textbook has it", async () => {
    const imported = await upload(ops, { name: 'running example', ...RUNNING_EXAMPLE_MAPPING }, { name: 'running-example.csv', type: 'text/csv', content: fs.readFileSync(path.join(LOGS, 'running-example.csv')) });
    assert.equal(imported.statusCode, 201, imported.body);
    const expected = new Map<string, number>();
    for (const trace of TEXTBOOK_TRACES) for (let i = 1; i < trace.length; i++) {
      const key = `${NAMES[trace[i - 1]!]} → ${NAMES[trace[i]!]}`;
      expected.set(key, (expected.get(key) ?? 0) + 1);
    }
    const graph = (await ops.get(`/api/v1/event-logs/${imported.json().id}/dfg`)).json();
    const actual = new Map<string, number>(graph.edges.map((e: { from: string; to: string; count: number }) => [`${e.from} → ${e.to}`, e.count]));
    assert.deepEqual(Object.fromEntries([...actual].sort()), Object.fromEntries([...expected].sort()));
    const register = graph.nodes.find((n: { activity: string }) => n.activity === 'register request');
    assert.deepEqual([register.count, register.starts], [6, 6]);
    assert.deepEqual(graph.nodes.filter((n: { ends: number }) => n.ends > 0).map((n: { activity: string; ends: number }) => [n.activity, n.ends]).sort(), [['pay compensation', 3], ['reject request', 3]]);
    // rework, against the textbook's traces
    const repeats = new Map<string, { cases: number; casesWithRework: number; repeats: number }>();
    for (const trace of TEXTBOOK_TRACES) {
      const counts = new Map<string, number>();
      for (const letter of trace) counts.set(NAMES[letter]!, (counts.get(NAMES[letter]!) ?? 0) + 1);
      for (const [activity, n] of counts) {
        const r = repeats.get(activity) ?? { cases: 0, casesWithRework: 0, repeats: 0 };
        repeats.set(activity, { cases: r.cases + 1, casesWithRework: r.casesWithRework + (n > 1 ? 1 : 0), repeats: r.repeats + n - 1 });
      }
    }
    const r = (await ops.get(`/api/v1/event-logs/${imported.json().id}/rework`)).json();
    assert.deepEqual([r.cases, r.casesWithRework], [6, 2]);
    assert.deepEqual(Object.fromEntries(r.activities.map((a: { activity: string; cases: number; casesWithRework: number; repeats: number }) => [a.activity, { cases: a.cases, casesWithRework: a.casesWithRework, repeats: a.repeats }])), Object.fromEntries(repeats));
    // the same log as XES
    const xes = await upload(ops, {}, { name: 'running-example.xes', type: 'application/xml', content: fs.readFileSync(path.join(LOGS, 'running-example.xes')) });
    assert.equal(xes.statusCode, 201, xes.body);
    const fromXes = (await ops.get(`/api/v1/event-logs/${xes.json().id}/summary`)).json();
    assert.deepEqual([fromXes.cases, fromXes.events, fromXes.variants], [6, 42, 6]);
  });

  it('measures variants and durations on a small log worked out by hand', async () => {
    const csv = ['case,activity,time', 'c1,A,2026-01-05 09:00', 'c1,B,2026-01-05 10:00', 'c1,C,2026-01-05 12:00', 'c2,A,2026-01-05 09:00', 'c3,A,2026-01-06 09:00', 'c2,B,2026-01-05 11:00', 'c2,C,2026-01-05 12:00', 'c3,C,2026-01-06 10:00'].join('\n');
    const imported = await upload(ops, { caseColumn: 'case', activityColumn: 'activity', timestampColumn: 'time' }, { name: 'small.csv', type: 'text/csv', content: Buffer.from(csv) });
    assert.equal(imported.statusCode, 201, imported.body);
    const id = imported.json().id;
    const s = (await ops.get(`/api/v1/event-logs/${id}/summary`)).json();
    // cases of 3 h, 3 h and 1 h: 7 h / 3
    assert.deepEqual([s.cases, s.events, s.activities, s.variants, s.meanCaseDurationSeconds], [3, 8, 3, 2, 8400]);
    const v = (await ops.get(`/api/v1/event-logs/${id}/variants`)).json();
    assert.deepEqual(v.items.map((i: { activities: string[]; cases: number; share: number; cumulativeShare: number; meanDurationSeconds: number }) => [i.activities.join(''), i.cases, i.share, i.cumulativeShare, i.meanDurationSeconds]), [
      ['ABC', 2, 0.6667, 0.6667, 10800],
      ['AC', 1, 0.3333, 1, 3600],
    ]);
    const g = (await ops.get(`/api/v1/event-logs/${id}/dfg`)).json();
    const edge = (from: string, to: string) => g.edges.find((e: { from: string; to: string }) => e.from === from && e.to === to);
    // A→B after 1 h and 2 h: mean and median 1.5 h, 90th percentile 1 h + 0.9 × 1 h
    assert.deepEqual(edge('A', 'B'), { from: 'A', to: 'B', count: 2, meanSeconds: 5400, medianSeconds: 5400, p90Seconds: 6840 });
    assert.deepEqual(edge('A', 'C'), { from: 'A', to: 'C', count: 1, meanSeconds: 3600, medianSeconds: 3600, p90Seconds: 3600 });
  });

  it('exports a log as XES that imports back as the same log', async () => {
    const original = await upload(ops, {}, { name: 'receipt.xes.gz', type: 'application/gzip', content: fs.readFileSync(path.join(LOGS, 'receipt.xes.gz')) });
    const id = original.json().id;
    const exported = await ops.get(`/api/v1/event-logs/${id}/export?format=xes`);
    assert.equal(exported.statusCode, 200);
    assert.match(String(exported.headers['content-type']), /^application\/xml/);
    const again = await upload(ops, {}, { name: 'again.xes', type: 'application/xml', content: exported.rawPayload });
    assert.equal(again.statusCode, 201, again.body);
    const [a, b] = await Promise.all([id, again.json().id].map(async (logId) => (await ops.get(`/api/v1/event-logs/${logId}/summary`)).json()));
    assert.deepEqual({ ...b, start: b.start, end: b.end }, a);
    const [ga, gb] = await Promise.all([id, again.json().id].map(async (logId) => (await ops.get(`/api/v1/event-logs/${logId}/dfg`)).json()));
    assert.deepEqual(gb, ga);
    // every event's attributes came back, with the values they had
    const sample = async (logId: string) =>
      (await app.deps.db.selectFrom('mining_event').select(['case_id', 'activity', 'lifecycle', 'at', 'resource', 'attributes']).where('log_id', '=', logId).orderBy('case_id').orderBy('seq').limit(200).execute()).map((r) => ({ ...r, at: r.at?.toISOString() }));
    assert.deepEqual(await sample(again.json().id), await sample(id));
    assert.equal(problem(await ops.get(`/api/v1/event-logs/${id}/export?format=csv`)).status, 400);
  });

  it('refuses bad files with the line at fault, writes nothing, and keeps logs to analysts', async () => {
    const before = (await ops.get('/api/v1/event-logs')).json().items.length;
    const broken = problem(await upload(ops, {}, { name: 'broken.xes', type: 'application/xml', content: Buffer.from('<log>\n<trace><string key="concept:name" value="1"/>\n<event><string key="concept:name" value="A"/></trace></log>') }));
    assert.equal(broken.status, 400);
    assert.equal(broken.errors?.[0]?.field, '/file');
    const xxe = problem(await upload(ops, {}, { name: 'xxe.xes', type: 'application/xml', content: Buffer.from('<?xml version="1.0"?><!DOCTYPE log [<!ENTITY e SYSTEM "file:///etc/passwd">]><log><trace><string key="concept:name" value="&e;"/></trace></log>') }));
    assert.equal(xxe.status, 400);
    const unmapped = problem(await upload(ops, {}, { name: 'x.csv', type: 'text/csv', content: Buffer.from('a,b\n1,2\n') }));
    assert.deepEqual(unmapped.errors?.map((e) => e.field), ['/caseColumn', '/activityColumn', '/timestampColumn']);
    const badTime = problem(await upload(ops, { caseColumn: 'case', activityColumn: 'activity', timestampColumn: 'time' }, { name: 'x.csv', type: 'text/csv', content: Buffer.from('case,activity,time\nc1,A,2026-01-05 09:00\nc1,B,yesterday\n') }));
    assert.match(badTime.errors?.[0]?.message ?? '', /line 3/);
    // in Chinese for a Chinese reader, the line and the value named
    const zhTime = problem(await uploadLog(app, ops, { caseColumn: 'case', activityColumn: 'activity', timestampColumn: 'time' }, { name: 'x.csv', type: 'text/csv', content: Buffer.from('case,activity,time\nc1,A,2026-01-05 09:00\nc1,B,昨天\n') }, 'zh-CN'));
    assert.equal(zhTime.errors?.[0]?.message, '日志文件有误：“time”中的“昨天”不是时间（应为 ISO 8601 或 YYYY-MM-DD HH:mm[:ss]）（第 3 行）');
    const zhXml = problem(await uploadLog(app, ops, {}, { name: 'broken.xes', type: 'application/xml', content: Buffer.from('<log>\n<trace><string key="concept:name" value="1"/>\n<event><string key="concept:name" value="A"/></trace></log>') }, 'zh-CN'));
    assert.equal(zhXml.errors?.[0]?.message, '日志文件有误：XML 格式有误：结束标签与开始标签不一致（第 3 行）');
    assert.equal((await ops.get('/api/v1/event-logs')).json().items.length, before, 'nothing was written');
    assert.equal(problem(await ops.get('/api/v1/event-logs/nope/summary')).status, 404);
    const exec = await loginAs(app.http, 'exec');
    assert.equal((await exec.get('/api/v1/event-logs')).statusCode, 200);
    assert.equal((await upload(exec, {}, { name: 'a.xes', type: 'application/xml', content: Buffer.from('<log/>') })).statusCode, 403);
    assert.equal((await (await loginAs(app.http, 'teller1')).get('/api/v1/event-logs')).statusCode, 403);
  });
});
