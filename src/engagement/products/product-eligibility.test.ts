import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { evaluateDecision } from '../../engine/dmn/dmn-evaluate.ts';
import { parseDmn } from '../../engine/dmn/dmn-parse.ts';

// The shipped eligibility decision, row by row: who may have which product.
const parsed = await parseDmn(await readFile(new URL('./product-eligibility.dmn', import.meta.url), 'utf8'));
if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
const model = parsed.model;

const ADULT = { customerKind: 'individual', age: 40, productKind: 'wealth', productCode: 'WM-X', termMonths: 12, salaryAccount: false };

describe('productEligibility', () => {
  const rows: [string, Record<string, unknown>, boolean][] = [
    ['an adult may have a wealth product', {}, true],
    ['a company may not have a retail product', { customerKind: 'corporate', age: null }, false],
    ['no birth date on file: not checked, not eligible', { age: null }, false],
    ['17 is a minor', { age: 17 }, false],
    ['18 is an adult', { age: 18 }, true],
    ['the salary card needs a payroll account', { productKind: 'card', productCode: 'CARD-SALARY' }, false],
    ['the salary card with a payroll account', { productKind: 'card', productCode: 'CARD-SALARY', salaryAccount: true }, true],
    ['a loan at 21', { productKind: 'loan', age: 21 }, false],
    ['a loan at 22', { productKind: 'loan', age: 22 }, true],
    ['a loan at 60', { productKind: 'loan', age: 60 }, true],
    ['a loan at 61', { productKind: 'loan', age: 61 }, false],
    ['ten-year insurance at 55', { productKind: 'insurance', termMonths: 120, age: 55 }, true],
    ['ten-year insurance at 56', { productKind: 'insurance', termMonths: 120, age: 56 }, false],
    ['one-year insurance at 65', { productKind: 'insurance', termMonths: 12, age: 65 }, true],
    ['one-year insurance at 66', { productKind: 'insurance', termMonths: 12, age: 66 }, false],
  ];
  for (const [label, change, eligible] of rows) {
    it(label, () => {
      const r = evaluateDecision(model, 'productEligibility', { ...ADULT, ...change });
      assert.ok(r.ok, JSON.stringify(r));
      const value = r.value as { eligible: boolean; reasonEn: string; reasonZh: string };
      assert.equal(value.eligible, eligible);
      if (!eligible) assert.ok(value.reasonEn && value.reasonZh, 'a refusal says why in both languages');
    });
  }
});
