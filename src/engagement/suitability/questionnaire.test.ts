import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { levelOf, questionnaireProblems, scoreAnswers, SHIPPED_QUESTIONNAIRE, validUntil } from './questionnaire.ts';

const Q = SHIPPED_QUESTIONNAIRE;
/** Answers with the given option for every question. */
const all = (option: string) => Object.fromEntries(Q.questions.map((q) => [q.id, option]));

describe('risk-tolerance questionnaire', () => {
  for (const [total, level] of [[8, 'C1'], [12, 'C1'], [13, 'C2'], [17, 'C2'], [18, 'C3'], [22, 'C3'], [23, 'C4'], [27, 'C4'], [28, 'C5'], [32, 'C5']] as const) {
    it(`a total of ${total} is ${level}`, () => assert.equal(levelOf(total, Q.thresholds), level));
  }

  it('adds the scores of the chosen answers', () => {
    assert.deepEqual(scoreAnswers(Q, all('a')), { ok: true, score: 8, level: 'C1' });
    assert.deepEqual(scoreAnswers(Q, { ...all('d'), age: 'c' }), { ok: true, score: 31, level: 'C5' });
  });

  it('caps the level at C1 for a customer who accepts no loss, whatever the total', () => {
    assert.deepEqual(scoreAnswers(Q, { ...all('d'), loss: 'a' }), { ok: true, score: 29, level: 'C1' });
  });

  it('names every unanswered, unknown or extra answer by its field', () => {
    const { goal: _goal, ...rest } = all('b');
    const r = scoreAnswers(Q, { ...rest, age: 'x', colour: 'red' });
    assert.equal(r.ok, false);
    assert.deepEqual(!r.ok && r.errors.map((e) => e.field), ['/answers/age', '/answers/goal', '/answers/colour']);
  });

  for (const [day, months, until] of [
    ['2025-03-10', 12, '2026-03-09'],
    ['2025-12-01', 12, '2026-11-30'],
    ['2026-01-01', 12, '2026-12-31'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2026-03-31', 6, '2026-09-30'],
  ] as const) {
    it(`an assessment of ${day} valid ${months} months holds through ${until}`, () => assert.equal(validUntil(day, months), until));
  }

  it('refuses thresholds that do not rise, or lie outside the possible totals, and duplicate ids', () => {
    assert.deepEqual(questionnaireProblems(Q), []);
    assert.equal(questionnaireProblems({ ...Q, thresholds: { C2: 13, C3: 13, C4: 23, C5: 28 } })[0]?.field, '/thresholds');
    assert.equal(questionnaireProblems({ ...Q, thresholds: { C2: 13, C3: 18, C4: 23, C5: 33 } })[0]?.field, '/thresholds');
    assert.equal(questionnaireProblems({ ...Q, thresholds: { C2: 8, C3: 18, C4: 23, C5: 28 } })[0]?.field, '/thresholds');
    assert.equal(questionnaireProblems({ ...Q, questions: [...Q.questions, Q.questions[0]!] })[0]?.field, '/questions/8/id');
  });
});
