// The DMN TCK, compliance level 2, run against our engine: one test per test case, named
// `<model> #<id>`. Run from the project root (`node --import tsx --test src/engine/dmn/dmn-tck.test.ts`);
// the TCK files live in ../shared/data/dmn-tck, outside the repository.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { evaluateDecision } from './dmn-evaluate.ts';
import { parseDmn } from './dmn-parse.ts';
import type { DmnParseResult } from './dmn-parse.ts';
import { readTckFile, tckDifference } from './dmn-tck-cases.ts';
import type { TckCase } from './dmn-tck-cases.ts';

const TCK_DIR = path.resolve('../shared/data/dmn-tck/compliance-level-2');

type KnownGap = { model: string; testCase: string; construct: string };

/**
 * Cases that fail only because feelin lacks a FEEL construct. Each was checked by hand: the
 * engine passes feelin the right expression and context, and feelin's own result is wrong.
 * They run as `todo`; the last test fails if one of them starts passing, so the list stays true.
 */
const KNOWN_FEELIN_GAPS: readonly KnownGap[] = [];

type Model = { name: string; parsed: DmnParseResult; cases: TckCase[] };

async function loadModels(): Promise<Model[]> {
  const models: Model[] = [];
  for (const name of fs.readdirSync(TCK_DIR).sort()) {
    const dir = path.join(TCK_DIR, name);
    if (!fs.statSync(dir).isDirectory()) continue;
    const files = fs.readdirSync(dir).sort();
    const dmnFile = files.find((f) => f.endsWith('.dmn'));
    if (!dmnFile) continue;
    const parsed = await parseDmn(fs.readFileSync(path.join(dir, dmnFile), 'utf8'));
    const cases = files
      .filter((f) => /-test-\d+\.xml$/.test(f))
      .flatMap((f) => readTckFile(fs.readFileSync(path.join(dir, f), 'utf8')).cases);
    models.push({ name, parsed, cases });
  }
  return models;
}

/** Runs one test case; throws an assertion error saying what differs. */
function runCase(model: Model, testCase: TckCase): void {
  if (!model.parsed.ok) assert.fail(`model refused: ${JSON.stringify(model.parsed.errors)}`);
  const parsed = model.parsed.model;
  assert.ok(testCase.results.length > 0, 'test case without result nodes');
  for (const result of testCase.results) {
    assert.equal(testCase.type, 'decision', `test case type ${testCase.type} is not supported`);
    const outcome = evaluateDecision(parsed, result.name, testCase.inputs);
    if (result.errorResult) {
      assert.ok(!outcome.ok || outcome.value === null, `${result.name}: expected an error, got ${JSON.stringify(outcome)}`);
      continue;
    }
    if (!outcome.ok) assert.fail(`${result.name}: ${outcome.error.message} (decision ${outcome.error.decisionId})`);
    const difference = tckDifference(outcome.value, result.expected);
    assert.equal(difference, null, `${result.name}: ${difference}`);
  }
}

const available = fs.existsSync(TCK_DIR);
const models = available ? await loadModels() : [];
const passed = new Set<string>();
const gapKey = (model: string, testCase: string): string => `${model} #${testCase}`;
const gaps = new Map(KNOWN_FEELIN_GAPS.map((g) => [gapKey(g.model, g.testCase), g]));

describe('DMN TCK level 2', { skip: available ? false : `TCK files not found at ${TCK_DIR}` }, () => {
  for (const model of models) {
    for (const testCase of model.cases) {
      const name = gapKey(model.name, testCase.id);
      const gap = gaps.get(name);
      it(name, gap ? { todo: `feelin lacks ${gap.construct}` } : {}, () => {
        runCase(model, testCase);
        passed.add(name);
      });
    }
  }

  it('KNOWN_FEELIN_GAPS lists only cases that exist and still fail', () => {
    const all = new Set(models.flatMap((m) => m.cases.map((c) => gapKey(m.name, c.id))));
    for (const key of gaps.keys()) {
      assert.ok(all.has(key), `${key} is in KNOWN_FEELIN_GAPS but is not a TCK case`);
      assert.ok(!passed.has(key), `${key} passes now: remove it from KNOWN_FEELIN_GAPS`);
    }
  });

  after(() => {
    const total = models.reduce((n, m) => n + m.cases.length, 0);
    const rate = total === 0 ? 0 : (100 * passed.size) / total;
    const gapList = KNOWN_FEELIN_GAPS.map((g) => `${gapKey(g.model, g.testCase)} (${g.construct})`).join('; ') || 'none';
    console.log(`DMN TCK level 2: ${passed.size} of ${total} test cases pass (${rate.toFixed(1)}%); known feelin gaps: ${gapList}`);
  });
});
