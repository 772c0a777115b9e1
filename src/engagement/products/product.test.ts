import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fen, plainAmount } from './product.ts';

describe('amounts', () => {
  it('are exact: fen as big integers, text with two places', () => {
    assert.equal(fen('0.1') + fen('0.2'), fen('0.3'));
    assert.equal(fen('49999.99') < fen('50000'), true);
    assert.equal(fen('9999999999999999.99'), 999999999999999999n);
    assert.deepEqual(['50', '50.5', '0.07', '1000000.00'].map(plainAmount), ['50.00', '50.50', '0.07', '1000000.00']);
  });
});
