import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';

/**
 * One password-strength check for the server (which enforces it) and the
 * browser bundle (which shows it as the user types), so both always agree.
 */
export const MIN_PASSWORD_LENGTH = 12;
/** zxcvbn's scores run from 0 to 4; below 3 a password falls to an offline attack in hours. */
export const MIN_PASSWORD_SCORE = 3;

const zxcvbn = new ZxcvbnFactory({
  dictionary: { ...common.dictionary, ...english.dictionary },
  graphs: common.adjacencyGraphs,
  // No translations: the warning stays a key (e.g. "commonPasswords"), worded in locales/en.json.
});

export interface Strength {
  /** 0 to 4. */
  score: number;
  /** Why it is weak, as the library's key ("common", "similarToCommon", …), or an empty string. */
  warning: string;
}

/** `userInputs`: the name and e-mail typed in the same form, which make a password guessable. */
export function passwordStrength(password: string, userInputs: string[] = []): Strength {
  const result = zxcvbn.check(password.slice(0, 256), userInputs.filter(Boolean));
  return { score: result.score, warning: result.feedback.warning ?? '' };
}
