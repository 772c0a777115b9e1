import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  cnResidentIdCheckChar,
  maskCardNumber,
  maskEmail,
  maskIdNumber,
  maskName,
  maskPhone,
  usccCheckChar,
  validateCnResidentId,
  validateUscc,
} from './index.ts';

type MaskCase = readonly [input: string, expected: string];

const maskers = { maskPhone, maskIdNumber, maskCardNumber, maskName, maskEmail } as const;

const maskTable: Record<keyof typeof maskers, readonly MaskCase[]> = {
  maskPhone: [
    ['13812341234', '138****1234'],
    ['138 1234 1234', '138****1234'],
    ['138-1234-1234', '138****1234'],
    ['+86 138 1234 1234', '+86 138****1234'],
    ['+8613812341234', '+86 138****1234'],
    ['008613812341234', '+86 138****1234'],
    ['010-12345678', '010****5678'], // landline, 11 digits: 3 + 4 kept
    ['+44 20 7946 0958', '+44******0958'],
    ['12345678', '******78'], // too short for 3 + 4: last 2 only
    ['1234', '**34'],
    ['123', '***'],
  ],
  maskIdNumber: [
    ['110101199003071234', '110101********1234'],
    ['11010519491231002X', '110105********002X'],
    ['110101900307123', '110101*****7123'], // 15-digit first-generation number
    ['E12345678', '*******78'], // passport-like, too short for 6 + 4
  ],
  maskCardNumber: [
    ['6222021234567890', '622202******7890'],
    ['6222 0212 3456 7890 123', '622202*********0123'],
    ['6222-0212-3456-7890', '622202******7890'],
    ['1234567890', '********90'],
  ],
  maskName: [
    ['张三丰', '张**'],
    ['张三', '张*'],
    ['Li', 'L*'],
    ['欧阳娜娜', '欧***'],
    ['  Wang Lei ', 'W*******'],
    ['张', '*'],
  ],
  maskEmail: [
    ['wang.lei@bank.cn', 'w*******@bank.cn'],
    ['a@bank.cn', '*@bank.cn'],
    ['"odd@local"@bank.cn', '"**********@bank.cn'], // the last @ splits local part and domain
    ['no-at-sign', 'n*********'],
    ['@bank.cn', '@*******'],
  ],
};

describe('masking', () => {
  for (const [name, cases] of Object.entries(maskTable)) {
    const mask = maskers[name as keyof typeof maskers];
    for (const [input, expected] of cases) {
      test(`${name}(${JSON.stringify(input)}) → ${expected}`, () => {
        assert.equal(mask(input), expected);
      });
    }
  }

  test('null, undefined and the empty string come back as they are', () => {
    for (const mask of Object.values(maskers)) {
      assert.equal(mask(null), null);
      assert.equal(mask(undefined), undefined);
      assert.equal(mask(''), '');
    }
  });

  test('identity and card numbers keep their length', () => {
    assert.equal(maskIdNumber('110101199003071234').length, 18);
    assert.equal(maskCardNumber('6222021234567890123').length, 19);
  });

  const oddInputs = [
    'abcd',
    '1234',
    '    x   yz  ',
    '+86',
    '--12--34--',
    '👩‍👩‍👧‍👦👩‍👩‍👧‍👦',
    '\u0000\u0001\u0002\u0003',
    '张三丰李四王五赵六',
    'x'.repeat(500),
    '1381234123',
    '138123412345',
    'a@b',
    '@@@@@',
  ];

  test('never throws and never returns an input of 4 or more characters in full', () => {
    for (const [name, mask] of Object.entries(maskers)) {
      for (const input of oddInputs) {
        const masked = mask(input);
        if (Array.from(input.replace(/[\s\-().]/g, '')).length >= 4) {
          assert.notEqual(masked, input, `${name}(${JSON.stringify(input)})`);
          assert.ok(masked.includes('*'), `${name}(${JSON.stringify(input)}) → ${masked}`);
        }
      }
    }
  });

  test('a non-string at run time is masked, not passed through', () => {
    const phone = 13812341234 as unknown as string;
    assert.equal(maskPhone(phone), '138****1234');
    const hostile = { toString: () => { throw new Error('boom'); } } as unknown as string;
    assert.doesNotThrow(() => maskName(hostile));
    assert.ok(maskName(hostile).includes('*'));
  });
});

describe('cnResidentIdCheckChar', () => {
  // 11010519491231002X by hand: digits × weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2 give
  // 7+9+0+5+0+20+2+9+24+27+7+18+30+5+0+0+4 = 167; 167 mod 11 = 2; map[2] = 'X'.
  // 44052418800101001 by hand: 28+36+0+25+16+16+2+8+48+0+0+9+0+5+0+0+2 = 195;
  // 195 mod 11 = 8; map (1 0 X 9 8 7 6 5 4 3 2)[8] = '4'.
  const cases: readonly (readonly [string, string])[] = [
    ['11010519491231002', 'X'],
    ['11010119900307000', '3'],
    ['44052418800101001', '4'],
    ['00000000000000000', '1'], // sum 0 → map[0]
  ];
  for (const [first17, expected] of cases) {
    test(`${first17} → ${expected}`, () => assert.equal(cnResidentIdCheckChar(first17), expected));
  }

  test('rejects anything but 17 digits', () => {
    for (const bad of ['', '1101051949123100', '110105194912310021', '1101051949123100X']) {
      assert.throws(() => cnResidentIdCheckChar(bad), RangeError);
    }
  });
});

describe('validateCnResidentId', () => {
  /** A well-formed number built around the given region, birth date and sequence. */
  const build = (region: string, birth: string, sequence: string): string => {
    const first17 = `${region}${birth}${sequence}`;
    return first17 + cnResidentIdCheckChar(first17);
  };

  test('accepts a known-good number with an X check character, upper or lower case', () => {
    const expected = {
      ok: true,
      birthDate: '1949-12-31',
      sex: 'female',
      regionCode: '110105',
    } as const;
    assert.deepEqual(validateCnResidentId('11010519491231002X'), expected);
    assert.deepEqual(validateCnResidentId('11010519491231002x'), expected);
  });

  const valid = [
    { id: build('110101', '19900307', '123'), birthDate: '1990-03-07', sex: 'male' },
    { id: build('440305', '20000229', '002'), birthDate: '2000-02-29', sex: 'female' },
    { id: build('310115', '19000101', '009'), birthDate: '1900-01-01', sex: 'male' },
    { id: build('650102', '20241231', '998'), birthDate: '2024-12-31', sex: 'female' },
  ] as const;
  for (const c of valid) {
    test(`accepts ${c.id}`, () => {
      assert.deepEqual(validateCnResidentId(c.id), {
        ok: true,
        birthDate: c.birthDate,
        sex: c.sex,
        regionCode: c.id.slice(0, 6),
      });
    });
  }

  const invalid = [
    ['', 'length'],
    ['11010519491231002', 'length'],
    ['11010519491231002X1', 'length'],
    ['110101900307123', 'length'], // first-generation 15-digit numbers are not accepted
    ['1101051949123100X2', 'format'],
    ['11010519491231002Y', 'format'],
    ['１１０１０５１９４９１２３１００２X', 'format'], // 18 full-width digits
    [build('110101', '19900230', '123'), 'birth_date'], // no 30 February
    [build('110101', '19000229', '123'), 'birth_date'], // 1900 is not a leap year
    [build('110101', '19991301', '123'), 'birth_date'],
    [build('110101', '18991231', '123'), 'birth_date'],
    // Correct check character ('4', computed above), but born in 1880: before 1900.
    ['440524188001010014', 'birth_date'],
    ['110105194912310021', 'checksum'],
    ['11010519491231012X', 'checksum'], // one sequence digit changed
    ['11010519491213002X', 'checksum'], // two birth-date digits swapped, still a real date
  ] as const;
  for (const [id, reason] of invalid) {
    test(`rejects ${JSON.stringify(id)} for ${reason}`, () => {
      assert.deepEqual(validateCnResidentId(id), { ok: false, reason });
    });
  }

  test('a birth date after the caller-supplied today is rejected', () => {
    const id = build('110101', '20250601', '123');
    assert.equal(validateCnResidentId(id, { today: '2025-06-01' }).ok, true);
    assert.deepEqual(validateCnResidentId(id, { today: '2025-05-31' }), {
      ok: false,
      reason: 'birth_date',
    });
  });

  test('never throws on a non-string', () => {
    const notAString = 42 as unknown as string;
    assert.deepEqual(validateCnResidentId(notAString), { ok: false, reason: 'format' });
  });
});

describe('unified social credit code', () => {
  // 91350100M000100Y43 by hand: values 9 1 3 5 0 1 0 0 21(M) 0 0 0 1 0 0 30(Y) 4 × weights
  // 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28 = 9+3+27+135+26+420+8+900+112 = 1640;
  // 1640 mod 31 = 28; 31 − 28 = 3 → '3'.
  const checkCases = [
    ['91350100M000100Y4', '3'],
    ['91110000100007955', '4'],
    ['00000000000000000', '0'], // 31 − 0 = 31 → 0
  ] as const;
  for (const [first17, expected] of checkCases) {
    test(`usccCheckChar(${first17}) → ${expected}`, () => {
      assert.equal(usccCheckChar(first17), expected);
    });
  }

  test('usccCheckChar rejects a wrong length or a letter outside the alphabet', () => {
    for (const bad of ['', '91350100M000100Y', '91350100I000100Y4', '91350100m000100Y4']) {
      assert.throws(() => usccCheckChar(bad), RangeError);
    }
  });

  const cases = [
    ['91350100M000100Y43', { ok: true }],
    ['911100001000079554', { ok: true }],
    ['91350100m000100y43', { ok: true }], // letters compared case-insensitively
    ['000000000000000000', { ok: true }],
    ['', { ok: false, reason: 'length' }],
    ['91350100M000100Y4', { ok: false, reason: 'length' }],
    ['91350100M000100Y433', { ok: false, reason: 'length' }],
    ['91350100O000100Y43', { ok: false, reason: 'format' }], // O is not in the alphabet
    ['91350100M000100S43', { ok: false, reason: 'format' }],
    ['91350100M000100Y4-', { ok: false, reason: 'format' }],
    ['91350100M000100Y44', { ok: false, reason: 'checksum' }],
    ['91350100M001000Y43', { ok: false, reason: 'checksum' }], // adjacent digits swapped
  ] as const;
  for (const [code, expected] of cases) {
    test(`validateUscc(${JSON.stringify(code)})`, () => {
      assert.deepEqual(validateUscc(code), expected);
    });
  }

  test('every single-character change of a valid code is caught', () => {
    const code = '91350100M000100Y43';
    const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    for (let i = 0; i < code.length; i += 1) {
      for (const c of alphabet) {
        if (c === code[i]) continue;
        const changed = code.slice(0, i) + c + code.slice(i + 1);
        assert.deepEqual(validateUscc(changed), { ok: false, reason: 'checksum' }, changed);
      }
    }
  });
});
