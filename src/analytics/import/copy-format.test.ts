import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { attributesJson, copyText, InstantText } from './copy-format.ts';

describe('COPY text format', () => {
  test('escapes backslash, tab, line feed and carriage return, and nothing else', () => {
    assert.equal(copyText('a\tb\\c\nd\re'), 'a\\tb\\\\c\\nd\\re');
    assert.equal(copyText('say "hi", 上海 \\N'), 'say "hi", 上海 \\\\N');
    assert.equal(copyText('plain'), 'plain');
  });

  test('instants read as ISO 8601 UTC, day after day and across midnight and 1970', () => {
    const text = new InstantText();
    const cases: [string, string][] = [
      ['2016-01-01T08:00:00Z', '2016-01-01T08:00:00.000Z'],
      ['2016-01-01T23:59:59.999Z', '2016-01-01T23:59:59.999Z'],
      ['2016-01-02T00:00:00.001Z', '2016-01-02T00:00:00.001Z'],
      ['2016-01-01T12:30:05.250+08:00', '2016-01-01T04:30:05.250Z'],
      ['1969-12-31T23:59:59.999Z', '1969-12-31T23:59:59.999Z'],
      ['1900-02-28T07:06:05.004Z', '1900-02-28T07:06:05.004Z'],
      ['2024-02-29T13:14:15.016Z', '2024-02-29T13:14:15.016Z'],
    ];
    for (const [input, expected] of cases) assert.equal(text.format(new Date(input)), expected, input);
  });

  test('attributes as JSON, none as null rather than {}', () => {
    assert.equal(attributesJson({}), null);
    assert.equal(attributesJson({ n: 1, s: 'a"b', nested: { ok: true } }), '{"n":1,"s":"a\\"b","nested":{"ok":true}}');
  });
});
