/**
 * Passwords: scrypt hashes stored as `scrypt$N$r$p$salt$hash`, and the strength rule every new password passes
 * (at least 10 characters, a zxcvbn score of at least 3 against the common-password and keyboard-pattern
 * dictionaries, and not the username nor containing it).
 */
import crypto from 'node:crypto';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import type { ZxcvbnFactory } from '@zxcvbn-ts/core';
import type { Said } from '../messages.ts';
import { authMessages as said, passwordWarnings } from './auth.messages.ts';

const scrypt = promisify(crypto.scrypt) as (password: string, salt: Buffer, keylen: number, options: crypto.ScryptOptions) => Promise<Buffer>;
const N = 16384, R = 8, P = 1, KEY_LENGTH = 32;

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const key = await scrypt(password, salt, KEY_LENGTH, { N, r: R, p: P });
  return ['scrypt', N, R, P, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt') return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await scrypt(password, Buffer.from(salt, 'base64'), expected.length, { N: Number(n), r: Number(r), p: Number(p) });
  return crypto.timingSafeEqual(expected, actual);
}

export const MIN_PASSWORD_LENGTH = 10;
/** zxcvbn scores 0–4; 3 is "safely unguessable: moderate protection from offline slow-hash scenario". */
export const MIN_PASSWORD_SCORE = 3;

// The dictionaries take ~0.1 s to load and build: loaded on the first check, not by every CLI command that
// imports this file (both packages ship CommonJS, so they load synchronously).
let estimator: ZxcvbnFactory | undefined;
function strength(): ZxcvbnFactory {
  if (!estimator) {
    const require = createRequire(import.meta.url);
    const core = require('@zxcvbn-ts/core') as typeof import('@zxcvbn-ts/core');
    const common = require('@zxcvbn-ts/language-common') as typeof import('@zxcvbn-ts/language-common');
    estimator = new core.ZxcvbnFactory({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs });
  }
  return estimator;
}

/** zxcvbn's warning in words (its own English text when it is one we do not know). */
const warningSaid = (warning: string): Said | string => (warning in passwordWarnings ? passwordWarnings[warning as keyof typeof passwordWarnings]() : warning);

/** What is wrong with a new password, or undefined when it is acceptable. */
export function passwordProblem(password: string, username?: string): Said | undefined {
  if (password.length < MIN_PASSWORD_LENGTH) return said.passwordTooShort({ min: MIN_PASSWORD_LENGTH });
  if (password.trim() !== password) return said.passwordSpaces();
  const name = username?.trim().toLowerCase();
  if (name && password.toLowerCase().includes(name)) return said.passwordContainsUsername();
  const inputs = name ? [name, ...name.split(/[._-]/).filter((part) => part.length >= 3)] : [];
  const result = strength().check(password.slice(0, 200), [...inputs, 'sifund']);
  if (result.score < MIN_PASSWORD_SCORE) {
    const warning = result.feedback.warning;
    return warning ? said.passwordWeakBecause({ warning: warningSaid(warning) }) : said.passwordWeak();
  }
  return undefined;
}

/** A random password that passes passwordProblem (about 80 bits). */
export function generatePassword(): string {
  return `${crypto.randomBytes(9).toString('base64url')}-${crypto.randomInt(10, 99)}`;
}
