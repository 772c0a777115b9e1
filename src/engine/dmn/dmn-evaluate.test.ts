import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, test } from 'node:test';
import { evaluateDecision } from './dmn-evaluate.ts';
import { findDecision } from './dmn-model.ts';
import { decision, decisionTable, definitions, inputData, literal, parsed } from './fixtures/inline-dmn.ts';
import type { TableSpec } from './fixtures/inline-dmn.ts';

// Expected values are worked out by hand from the tables below, not taken from the engine.

/** `Amount` → discount: rule 1 `>= 100` → 5, rule 2 `>= 500` → 10, rule 3 `-` → 0. */
async function discountModel(hitPolicy: string, aggregation?: string) {
  const table = decisionTable({
    hitPolicy,
    ...(aggregation ? { aggregation } : {}),
    inputs: [{ expression: 'Amount' }],
    outputs: [{ name: 'Discount', outputValues: '10, 5, 0' }],
    rules: [
      [['>= 100'], ['5']],
      [['>= 500'], ['10']],
      [['-'], ['0']],
    ],
  });
  return parsed(definitions(`${inputData('i_amount', 'Amount')}${decision('d', 'Discount', table, { inputs: ['i_amount'] })}`));
}

describe('hit policies, all three rules matching (Amount 600)', () => {
  const cases: readonly (readonly [string, string | undefined, unknown, number[]])[] = [
    ['FIRST', undefined, 5, [0]],
    ['PRIORITY', undefined, 10, [1]],
    ['RULE ORDER', undefined, [5, 10, 0], [0, 1, 2]],
    ['OUTPUT ORDER', undefined, [10, 5, 0], [1, 0, 2]],
    ['COLLECT', undefined, [5, 10, 0], [0, 1, 2]],
    ['COLLECT', 'SUM', 15, [0, 1, 2]],
    ['COLLECT', 'MIN', 0, [0, 1, 2]],
    ['COLLECT', 'MAX', 10, [0, 1, 2]],
    ['COLLECT', 'COUNT', 3, [0, 1, 2]],
  ];
  for (const [hitPolicy, aggregation, expected, selected] of cases) {
    test(`${hitPolicy}${aggregation ? ` ${aggregation}` : ''} gives ${JSON.stringify(expected)}`, async () => {
      const result = evaluateDecision(await discountModel(hitPolicy, aggregation), 'Discount', { Amount: 600 });
      assert.ok(result.ok, JSON.stringify(result));
      assert.deepEqual(result.value, expected);
      const [trace] = result.trace;
      assert.deepEqual(trace?.matchedRules, [{ index: 0, id: 'r1' }, { index: 1, id: 'r2' }, { index: 2, id: 'r3' }]);
      assert.deepEqual(trace?.selectedRules.map((r) => r.index), selected);
    });
  }

  test('UNIQUE refuses two matching rules and names them', async () => {
    const result = evaluateDecision(await discountModel('UNIQUE'), 'Discount', { Amount: 600 });
    assert.equal(result.ok, false);
    assert.ok(!result.ok && result.error.decisionId === 'd');
    assert.match(!result.ok ? result.error.message : '', /UNIQUE.*rules 1 \(r1\), 2 \(r2\), 3 \(r3\)/);
  });

  test('ANY refuses matching rules with different outputs', async () => {
    const result = evaluateDecision(await discountModel('ANY'), 'Discount', { Amount: 600 });
    assert.ok(!result.ok);
    assert.match(result.error.message, /ANY.*different outputs/);
  });

  test('every hit policy agrees when one rule matches (Amount 50 → rule 3)', async () => {
    for (const [policy, expected] of [['UNIQUE', 0], ['ANY', 0], ['FIRST', 0], ['PRIORITY', 0], ['RULE ORDER', [0]], ['COLLECT', [0]]] as const) {
      const result = evaluateDecision(await discountModel(policy), 'd', { Amount: 50 });
      assert.ok(result.ok);
      assert.deepEqual(result.value, expected, policy);
    }
  });
});

test('ANY accepts several matching rules with equal outputs', async () => {
  const table = decisionTable({ hitPolicy: 'ANY', inputs: [{ expression: 'x' }], outputs: [{}], rules: [[['> 1'], ['"big"']], [['> 2'], ['"big"']]] });
  const model = await parsed(definitions(decision('d', 'D', table)));
  assert.deepEqual(evaluateDecision(model, 'D', { x: 5 }), {
    ok: true,
    value: 'big',
    trace: [{ decisionId: 'd', decisionName: 'D', knowledgeModelId: null, logic: 'decisionTable', hitPolicy: 'ANY', matchedRules: [{ index: 0, id: 'r1' }, { index: 1, id: 'r2' }], selectedRules: [{ index: 0, id: 'r1' }, { index: 1, id: 'r2' }], value: 'big', warnings: [] }],
  });
});

describe('input entries as FEEL unary tests', () => {
  const cases: readonly (readonly [string, unknown, boolean])[] = [
    ['-', null, true],
    ['', 'anything', true],
    ['[1..10]', 10, true],
    ['[1..10)', 10, false],
    ['(1..10]', 1, false],
    ['>= 18', 18, true],
    ['>= 18', null, false],
    ['"Low","Medium"', 'Medium', true],
    ['"Low","Medium"', 'High', false],
    ['not("High")', 'Low', true],
    ['not("High")', 'High', false],
    ['not([1..5])', 7, true],
    ['1, 3, [7..9]', 8, true],
    ['null', null, true],
    ['true', false, false],
  ];
  for (const [entry, value, matches] of cases) {
    test(`${JSON.stringify(entry)} ${matches ? 'matches' : 'does not match'} ${JSON.stringify(value)}`, async () => {
      const spec: TableSpec = { hitPolicy: 'FIRST', inputs: [{ expression: 'v' }], outputs: [{}], rules: [[[entry], ['"hit"']]] };
      const model = await parsed(definitions(decision('d', 'D', decisionTable(spec))));
      const result = evaluateDecision(model, 'D', { v: value });
      assert.ok(result.ok, JSON.stringify(result));
      assert.equal(result.value, matches ? 'hit' : null);
    });
  }
});

describe('multiple outputs and default outputs', () => {
  const spec: TableSpec = {
    hitPolicy: 'UNIQUE',
    inputs: [{ expression: 'Age' }, { expression: 'Risk', inputValues: '"Low","High"' }],
    outputs: [
      { name: 'Status', outputValues: '"Approved","Declined"', defaultOutput: '"Declined"' },
      { name: 'Rate', defaultOutput: '"Standard"' },
    ],
    rules: [[['>= 18', '"Low"'], ['"Approved"', '"Best"']]],
  };
  const model = parsed(definitions(decision('d', 'Approval', decisionTable(spec))));

  test('a match gives a context keyed by output name', async () => {
    assert.deepEqual(evaluateDecision(await model, 'Approval', { Age: 30, Risk: 'Low' }), {
      ok: true,
      value: { Status: 'Approved', Rate: 'Best' },
      trace: [{ decisionId: 'd', decisionName: 'Approval', knowledgeModelId: null, logic: 'decisionTable', hitPolicy: 'UNIQUE', matchedRules: [{ index: 0, id: 'r1' }], selectedRules: [{ index: 0, id: 'r1' }], value: { Status: 'Approved', Rate: 'Best' }, warnings: [] }],
    });
  });

  test('no match gives the default output entries', async () => {
    const result = evaluateDecision(await model, 'Approval', { Age: 16, Risk: 'Low' });
    assert.ok(result.ok);
    assert.deepEqual(result.value, { Status: 'Declined', Rate: 'Standard' });
    assert.deepEqual(result.trace[0]?.matchedRules, []);
  });

  test('an input outside its input values gives null and says why', async () => {
    const result = evaluateDecision(await model, 'Approval', { Age: 30, Risk: 'Medium' });
    assert.ok(result.ok);
    assert.equal(result.value, null);
    assert.match(result.trace[0]?.warnings.join() ?? '', /"Medium".*not one of its input values/);
  });

  test('no match and no default output gives null', async () => {
    const table = decisionTable({ inputs: [{ expression: 'x' }], outputs: [{}], rules: [[['> 10'], ['1']]] });
    const result = evaluateDecision(await parsed(definitions(decision('d', 'D', table))), 'D', { x: 1 });
    assert.deepEqual(result.ok && result.value, null);
  });
});

describe('the loan approval fixture (DRG, BKMs, invocation)', () => {
  const model = parsed(fs.readFileSync(new URL('./fixtures/loan-approval.dmn', import.meta.url), 'utf8'));
  const applicant = { 'Applicant Age': 30, 'Monthly Income': 5000, 'Loan Amount': 12000, 'Term Months': 12, 'Risk Category': 'LOW' };

  test('required decisions run first, each once, and BKM tables are traced under the decision', async () => {
    const result = evaluateDecision(await model, 'Approval', applicant);
    assert.ok(result.ok, JSON.stringify(result));
    assert.deepEqual(result.value, { Status: 'APPROVED', Reason: 'affordable' });
    assert.deepEqual(
      result.trace.map((t) => [t.decisionId, t.knowledgeModelId, t.selectedRules.map((r) => r.id)]),
      [
        ['d_rate', 'bkm_rate', ['rate_low']],
        ['d_rate', null, []],
        ['d_installment', 'bkm_installment', []],
        ['d_installment', null, []],
        ['d_affordability', null, []],
        ['d_approval', null, ['approval_ok']],
      ],
    );
  });

  test('a BKM called from FEEL computes the annuity installment', async () => {
    // 12000 at 5 % over 12 months: 12000·(0.05/12) / (1 − (1 + 0.05/12)^−12) = 1027.2897814616…
    const result = evaluateDecision(await model, 'd_installment', applicant);
    assert.ok(result.ok);
    assert.ok(Math.abs((result.value as number) - 1027.2897814616) < 1e-6, String(result.value));
  });

  test('an <invocation> binds parameters by name', async () => {
    const result = evaluateDecision(await model, 'Interest Rate', { 'Risk Category': 'HIGH' });
    assert.deepEqual(result.ok && result.value, 0.12);
  });

  test('a FIRST table declines an unaffordable loan', async () => {
    // HIGH risk: installment 1066.19 on an income of 2000 is 53 % > 40 %.
    const result = evaluateDecision(await model, 'Approval', { ...applicant, 'Monthly Income': 2000, 'Risk Category': 'HIGH' });
    assert.deepEqual(result.ok && result.value, { Status: 'DECLINED', Reason: 'installment above 40% of income' });
  });

  test('a value outside the allowed values of its type is taken as null', async () => {
    const result = evaluateDecision(await model, 'Interest Rate', { 'Risk Category': 'EXTREME' });
    assert.ok(result.ok);
    assert.equal(result.value, null);
    assert.match(result.trace.at(-1)?.warnings.join() ?? '', /not allowed by type "tRisk"/);
  });

  test('the compiled model survives a JSON round trip', async () => {
    const copy = JSON.parse(JSON.stringify(await model));
    assert.deepEqual(evaluateDecision(copy, 'Approval', applicant), evaluateDecision(await model, 'Approval', applicant));
  });

  test('decisions are found by id and by name', async () => {
    assert.equal(findDecision(await model, 'd_installment')?.name, 'Installment');
    assert.equal(findDecision(await model, 'Installment')?.id, 'd_installment');
    assert.equal(findDecision(await model, 'constructor'), undefined);
  });
});

describe('business knowledge models', () => {
  const bkm = (body: string) => `<businessKnowledgeModel id="bkm_f" name="Step Down"><variable name="Step Down"/>
    <encapsulatedLogic><formalParameter name="n"/>${literal(body)}</encapsulatedLogic></businessKnowledgeModel>`;
  const model = (body: string) => parsed(definitions(`${bkm(body)}${decision('d', 'D', literal('Step Down(n: 5)'), { knowledge: ['bkm_f'] })}`));

  test('a BKM may call itself', async () => {
    const result = evaluateDecision(await model('if n <= 1 then 1 else n * Step Down(n - 1)'), 'D', {});
    assert.deepEqual(result.ok && result.value, 120);
  });

  test('runaway recursion is stopped with an error', async () => {
    const result = evaluateDecision(await model('Step Down(n + 1)'), 'D', {});
    assert.ok(!result.ok);
    assert.match(result.error.message, /recursed more than 200 times/);
  });
});

describe('errors', () => {
  test('an unknown decision is an error value', async () => {
    const model = await parsed(definitions(decision('d', 'D', literal('1'))));
    assert.deepEqual(evaluateDecision(model, 'Nope', {}), { ok: false, error: { decisionId: 'Nope', message: 'no decision with id or name "Nope" in this model' } });
  });

  test('a UNIQUE violation in a required decision is reported with that decision', async () => {
    const table = decisionTable({ hitPolicy: 'UNIQUE', inputs: [{ expression: 'x' }], outputs: [{}], rules: [[['> 0'], ['1']], [['> 1'], ['2']]] });
    const xml = definitions(`${decision('inner', 'Inner', table)}${decision('outer', 'Outer', literal('Inner + 1'), { decisions: ['inner'] })}`);
    const result = evaluateDecision(await parsed(xml), 'Outer', { x: 5 });
    assert.ok(!result.ok);
    assert.equal(result.error.decisionId, 'inner');
    assert.match(result.error.message, /UNIQUE/);
  });

  test('invoking a name that is not a function fails', async () => {
    const xml = definitions(decision('d', 'D', '<invocation id="inv"><literalExpression><text>nothing</text></literalExpression></invocation>'));
    const result = evaluateDecision(await parsed(xml), 'D', {});
    assert.ok(!result.ok);
    assert.match(result.error.message, /not a function/);
  });
});
