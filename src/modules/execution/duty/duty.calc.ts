/**
 * The focus list (重点关注, R7.2), pure: the funds of a region and below ranked by how far their budget execution lies
 * off the time progress — per fund, the budget-table line (not a 其中 row, with a budget) whose deviation is largest
 * either way, compared exactly as fractions (the analysis's largestDeviations); the funds with the largest first, a tie
 * by region code, then fund code; a fund with no budgeted line (no approved budget) after every fund that has one.
 *
 * And who answers for a fund: the duty assignment in force for its region and scheme (岗位责任), one for the fund's
 * insurance before one for every scheme ('all').
 */
import { deviationFraction, type ExecutionLine, type TimeProgress } from '../execution.calc.ts';
import { largestDeviations } from '../analysis/analysis.calc.ts';

/** The scheme of an assignment that covers every fund of its region. */
export const ALL_SCHEMES = 'all';

export interface FocusCandidate { region: string; fund: string; lines: ExecutionLine[] }
export interface RankedFund<Candidate extends FocusCandidate> { candidate: Candidate; worstLine: ExecutionLine | null }

/** |deviation| of a line as an exact fraction (budget > 0). */
function magnitude(line: ExecutionLine, progress: TimeProgress) {
  const { numerator, denominator } = deviationFraction(line.budget, line.actual, progress);
  return { numerator: numerator < 0n ? -numerator : numerator, denominator };
}

/** The first `size` funds, most off track first (see the file's comment). */
export function rankFocus<Candidate extends FocusCandidate>(candidates: Candidate[], progress: TimeProgress, size: number): RankedFund<Candidate>[] {
  const ranked = candidates.map((candidate) => {
    const worstLine = largestDeviations(candidate.lines.map((line) => ({ line })), progress, 1)[0]?.line ?? null;
    return { candidate, worstLine, size: worstLine ? magnitude(worstLine, progress) : null };
  });
  const byCodes = (a: Candidate, b: Candidate) => (a.region < b.region ? -1 : a.region > b.region ? 1 : a.fund < b.fund ? -1 : a.fund > b.fund ? 1 : 0);
  ranked.sort((a, b) => {
    if (a.size && b.size) {
      const left = a.size.numerator * b.size.denominator, right = b.size.numerator * a.size.denominator;
      if (left !== right) return left > right ? -1 : 1;
    } else if (a.size || b.size) return a.size ? -1 : 1;
    return byCodes(a.candidate, b.candidate);
  });
  return ranked.slice(0, Math.max(0, size)).map(({ candidate, worstLine }) => ({ candidate, worstLine }));
}

export interface AssignmentInForce { region: string; scheme: string; username: string; name: string }

/** The responsible staff of a fund of `region` and `insurance`: the scheme's own assignment, else the one for all schemes. */
export function responsibleFor<Assignment extends AssignmentInForce>(assignments: Assignment[], region: string, insurance: string): Assignment | null {
  return assignments.find((entry) => entry.region === region && entry.scheme === insurance)
    ?? assignments.find((entry) => entry.region === region && entry.scheme === ALL_SCHEMES) ?? null;
}
