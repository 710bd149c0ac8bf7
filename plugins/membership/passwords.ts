import { hash, verify } from '@node-rs/argon2';

/** argon2id with OWASP's parameters (the library's defaults, named here so a change is visible). */
const PARAMETERS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;
const CURRENT_PREFIX = `$argon2id$v=19$m=${PARAMETERS.memoryCost},t=${PARAMETERS.timeCost},p=${PARAMETERS.parallelism}$`;

export const hashPassword = (password: string): Promise<string> => hash(password, PARAMETERS);

export const verifyPassword = async (passwordHash: string, password: string): Promise<boolean> => {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
};

/** A hash made with older parameters is replaced at the next successful log in. */
export const needsRehash = (passwordHash: string): boolean => !passwordHash.startsWith(CURRENT_PREFIX);
