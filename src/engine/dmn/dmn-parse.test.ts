import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { evaluateDecision } from './dmn-evaluate.ts';
import { parseDmn, toDmn13Namespaces } from './dmn-parse.ts';
import type { DmnParseError } from './dmn-parse.ts';
import { DMN_NAMESPACES, decision, decisionTable, definitions, inputData, literal, parsed } from './fixtures/inline-dmn.ts';

async function refusal(xml: string): Promise<DmnParseError[]> {
  const result = await parseDmn(xml);
  assert.ok(!result.ok, 'the model was accepted');
  return result.errors;
}

function assertRefused(errors: readonly DmnParseError[], elementId: string | null, message: RegExp): void {
  assert.ok(
    errors.some((e) => e.elementId === elementId && message.test(e.message)),
    `no error on ${elementId} matching ${message}: ${JSON.stringify(errors)}`,
  );
}

const ageTable = (entry: string, output = '"ok"', expression = 'Age') =>
  decision('d', 'D', decisionTable({ inputs: [{ expression }], outputs: [{}], rules: [[[entry], [output]]] }), { inputs: ['i_age'] });
const withAge = (body: string) => definitions(`${inputData('i_age', 'Age')}${body}`);

describe('FEEL that does not parse is refused with the element id', () => {
  const cases: readonly (readonly [string, string, string, RegExp])[] = [
    ['an input entry', withAge(ageTable('>= 18 +')), 'r1_in1', /input entry: incomplete FEEL unary tests/],
    ['an input entry with a stray token', withAge(ageTable('[1..10] ]')), 'r1_in1', /input entry: FEEL syntax error at column/],
    ['an output entry', withAge(ageTable('>= 18', '"unterminated')), 'r1_out1', /output entry/],
    ['an input expression', withAge(ageTable('-', '"ok"', 'Age *')), 'in1_expr', /input expression/],
    ['a literal expression', definitions(decision('d', 'D', literal('if x then', 'lit'))), 'lit', /literal expression/],
    ['a literal expression without id (the decision is named)', definitions(decision('d', 'D', literal('1 +'))), 'd', /literal expression/],
  ];
  for (const [what, xml, elementId, message] of cases) {
    test(what, async () => assertRefused(await refusal(xml), elementId, message));
  }

  test('names with spaces and operators parse as names', async () => {
    const xml = definitions(`${inputData('i', 'Approved/Declined Status', 'string')}${decision('d', 'D', literal('Approved/Declined Status + " seen"'), { inputs: ['i'] })}`);
    const result = evaluateDecision(await parsed(xml), 'D', { 'Approved/Declined Status': 'Approved' });
    assert.deepEqual(result.ok && result.value, 'Approved seen');
  });
});

describe('expression languages other than FEEL are refused', () => {
  test('javascript on an input entry', async () => {
    const xml = withAge(ageTable('>= 18').replace('<inputEntry id="r1_in1">', '<inputEntry id="r1_in1" expressionLanguage="javascript">'));
    assertRefused(await refusal(xml), 'r1_in1', /expression language "javascript" is not supported: write this unaryTests in FEEL/);
  });

  test('juel on an input expression', async () => {
    const xml = withAge(ageTable('>= 18').replace('<inputExpression id="in1_expr">', '<inputExpression id="in1_expr" expressionLanguage="juel">'));
    assertRefused(await refusal(xml), 'in1_expr', /"juel"/);
  });

  test('javascript as the default of the whole document', async () => {
    const xml = definitions(decision('d', 'D', literal('1', 'lit'))).replace('id="defs"', 'id="defs" expressionLanguage="javascript"');
    assertRefused(await refusal(xml), 'lit', /"javascript"/);
  });

  test('FEEL named by any DMN version or by Camunda is accepted', async () => {
    for (const language of ['feel', 'FEEL', 'http://www.omg.org/spec/FEEL/20140401', 'https://www.omg.org/spec/DMN/20230324/FEEL/']) {
      const xml = definitions(decision('d', 'D', `<literalExpression expressionLanguage="${language}"><text>1 + 1</text></literalExpression>`));
      assert.deepEqual(evaluateDecision(await parsed(xml), 'D', {}), evaluateDecision(await parsed(definitions(decision('d', 'D', literal('1 + 1')))), 'D', {}));
    }
  });
});

describe('the requirement graph', () => {
  test('a cycle is refused and shown', async () => {
    const xml = definitions(`${decision('a', 'A', literal('B'), { decisions: ['b'] })}${decision('b', 'B', literal('A'), { decisions: ['a'] })}`);
    assertRefused(await refusal(xml), 'a', /requirement cycle: "A" → "B" → "A"/);
  });

  test('a decision requiring itself is a cycle', async () => {
    assertRefused(await refusal(definitions(decision('a', 'A', literal('1'), { decisions: ['a'] }))), 'a', /requirement cycle/);
  });

  test('a missing required decision, input or BKM is refused on the requiring decision', async () => {
    const errors = await refusal(definitions(decision('a', 'A', literal('1'), { decisions: ['gone'], inputs: ['nowhere'], knowledge: ['nobody'] })));
    assertRefused(errors, 'a', /required decision "gone" does not exist/);
    assertRefused(errors, 'a', /required input data "nowhere" does not exist/);
    assertRefused(errors, 'a', /required business knowledge model "nobody" does not exist/);
  });
});

describe('DMN versions and dialects', () => {
  for (const version of Object.keys(DMN_NAMESPACES) as (keyof typeof DMN_NAMESPACES)[]) {
    test(`DMN ${version} parses and evaluates`, async () => {
      const xml = definitions(`${inputData('i_age', 'Age', version === '1.1' ? 'feel:number' : 'number')}${ageTable('>= 18')}`, version);
      const result = evaluateDecision(await parsed(xml), 'D', { Age: 20 });
      assert.deepEqual(result.ok && result.value, 'ok');
    });
  }

  test('only namespace declarations are rewritten', () => {
    const xml = `<definitions xmlns="${DMN_NAMESPACES['1.5']}" xmlns:x='${DMN_NAMESPACES['1.2']}' expressionLanguage="${DMN_NAMESPACES['1.5']}"/>`;
    assert.equal(
      toDmn13Namespaces(xml),
      `<definitions xmlns="${DMN_NAMESPACES['1.3']}" xmlns:x='${DMN_NAMESPACES['1.3']}' expressionLanguage="${DMN_NAMESPACES['1.5']}"/>`,
    );
  });

  test('camunda: attributes are accepted', async () => {
    const xml = withAge(ageTable('>= 18').replace('<decision id="d"', '<decision id="d" camunda:historyTimeToLive="30" camunda:versionTag="v1"'));
    assert.ok((await parseDmn(xml)).ok);
  });

  test('a DMN 1.5 element the engine does not know is refused by name', async () => {
    const xml = definitions(`<itemDefinition name="tAge"><typeRef>number</typeRef><typeConstraint><text>[0..150]</text></typeConstraint></itemDefinition>${decision('d', 'D', literal('1'))}`);
    assertRefused(await refusal(xml), null, /unsupported DMN element <typeConstraint> \(line 3\)/);
  });

  test('a boxed context is refused on its element', async () => {
    assertRefused(await refusal(definitions(decision('d', 'D', '<context id="ctx"/>'))), 'ctx', /boxed expression <context> is not supported/);
  });

  test('text that is not DMN is refused', async () => {
    assertRefused(await refusal('<html><body>hello</body></html>'), null, /not a readable DMN/);
  });
});

describe('decision table shape', () => {
  test('several outputs need names', async () => {
    const table = decisionTable({ inputs: [{ expression: 'Age' }], outputs: [{}, {}], rules: [[['-'], ['1', '2']]] });
    assertRefused(await refusal(withAge(decision('d', 'D', table, { inputs: ['i_age'] }))), 'table', /needs a name/);
  });

  test('a rule with too few entries is refused', async () => {
    const table = decisionTable({ inputs: [{ expression: 'Age' }, { expression: 'Age' }], outputs: [{}], rules: [[['-'], ['1']]] });
    assertRefused(await refusal(withAge(decision('d', 'D', table, { inputs: ['i_age'] }))), 'r1', /rule 1 has 1 input/);
  });

  test('an aggregation without COLLECT is refused', async () => {
    const table = decisionTable({ hitPolicy: 'FIRST', aggregation: 'SUM', inputs: [{ expression: 'Age' }], outputs: [{}], rules: [[['-'], ['1']]] });
    assertRefused(await refusal(withAge(decision('d', 'D', table, { inputs: ['i_age'] }))), 'table', /only allowed with the COLLECT/);
  });
});
