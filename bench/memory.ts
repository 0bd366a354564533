/** Node's peak resident memory while one piece of work runs (process maxRSS would include the set-up before it). */

/** Peak RSS of this process in MiB, sampled every 50 ms while `work` runs, and once more at its end. */
export async function withPeakRss<T>(work: () => Promise<T>): Promise<{ result: T; peakRssMiB: number }> {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage.rss()); }, 50);
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage.rss());
    return { result, peakRssMiB: Math.round((peak / 2 ** 20) * 10) / 10 };
  } finally { clearInterval(timer); }
}
