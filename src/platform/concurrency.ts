/**
 * Work started side by side (two cores, several connections) and awaited as one: nothing is left running behind an
 * answer or a failure.
 */

/**
 * Like Promise.all, but answers — or throws the first failure, in the order given — only once every one of them has
 * ended, so that no transaction is still running when the caller goes on, cleans up or reports the error.
 */
export async function allEnded<T extends readonly unknown[]>(works: readonly [...{ [K in keyof T]: Promise<T[K]> }]): Promise<T> {
  const ended = await Promise.allSettled(works);
  const failed = ended.find((result) => result.status === 'rejected');
  if (failed) throw (failed as PromiseRejectedResult).reason;
  return ended.map((result) => (result as PromiseFulfilledResult<unknown>).value) as unknown as T;
}
