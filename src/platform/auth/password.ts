import argon2 from 'argon2';

// OWASP's recommended argon2id setting (19 MiB, 2 passes, 1 lane): about 30 ms per hash here.
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

let dummyHash: Promise<string> | null = null;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, OPTIONS);
}

/**
 * Checks a password against a stored hash. With no stored hash (unknown user) it still spends the
 * time of one verification, so the answer's timing does not reveal whether the user exists.
 */
export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  if (storedHash === null) {
    dummyHash ??= hashPassword('banklane-no-such-user');
    await argon2.verify(await dummyHash, password).catch(() => false);
    return false;
  }
  try {
    return await argon2.verify(storedHash, password);
  } catch {
    return false;
  }
}

/** The password rule for staff accounts: at least 10 characters, not all of one kind. */
export function passwordProblem(password: string): { en: string; zh: string } | null {
  if (password.length < 10) return { en: 'must have at least 10 characters', zh: '至少 10 个字符' };
  if (password.length > 200) return { en: 'must have at most 200 characters', zh: '最多 200 个字符' };
  const kinds = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (kinds < 2) {
    return {
      en: 'must mix at least two of: lower-case, upper-case, digits, symbols',
      zh: '须包含小写字母、大写字母、数字、符号中的至少两类',
    };
  }
  return null;
}
