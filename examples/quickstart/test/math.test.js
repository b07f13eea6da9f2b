import assert from 'node:assert/strict';
import { test } from 'node:test';
import { add } from '../src/math.js';

test('add adds', () => {
  assert.equal(add(2, 3), 5);
  assert.equal(add(-1, 1), 0);
});
