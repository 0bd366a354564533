/** Region facts every module needs. */
import type { Tx } from './actor.ts';

/** The province of an installation that has exactly one (the usual case), else undefined: the default region of national-scope work. */
export async function onlyProvince(tx: Tx): Promise<string | undefined> {
  const provinces = await tx.selectFrom('region').select('code').where('level', '=', 'province').limit(2).execute();
  return provinces.length === 1 ? provinces[0].code : undefined;
}
