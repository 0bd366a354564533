/** Region facts every module needs. */
import type { Tx } from './actor.ts';
import { provinceCodes } from './regions.repository.ts';

/** The province of an installation that has exactly one (the usual case), else undefined: the default region of national-scope work. */
export async function onlyProvince(tx: Tx): Promise<string | undefined> {
  const provinces = await provinceCodes(tx, 2);
  return provinces.length === 1 ? provinces[0] : undefined;
}
