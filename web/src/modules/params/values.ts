/** A non-negative decimal rate as a percentage, without floating point: "0.085" → "8.5%", "0.16" → "16%"; null when not a decimal. */
export function percentOf(rate: string): string | null {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(rate);
  if (!match) return null;
  const [, whole, fraction = ''] = match;
  const digits = `${whole}${fraction.padEnd(2, '0')}`;
  const units = digits.slice(0, whole.length + 2).replace(/^0+(?=\d)/, '');
  const rest = digits.slice(whole.length + 2).replace(/0+$/, '');
  return `${units}${rest ? `.${rest}` : ''}%`;
}

/** A value as written, a rate followed by its percentage: "0.085" → "0.085（8.5%）". */
export function withPercent(value: string, unit: string): string {
  const percent = unit === 'rate' ? percentOf(value) : null;
  return percent ? `${value}（${percent}）` : value;
}
