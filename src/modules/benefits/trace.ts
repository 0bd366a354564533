/** A quote's trace: every input, every parameter with its legal reference, every intermediate figure, in order. */
import { parameterVersion, type ParameterLookup } from '../../platform/params/index.ts';
import type { TraceStepName } from './benefits.messages.ts';

/** `Step`: the names of the calculation's steps (a claim's calculations name their own, see ../claims). */
export interface TraceStep<Step extends string = TraceStepName> {
  step: Step;
  /** The input field or the part of the step (e.g. `earliest`), when the step has several. */
  name?: string;
  value: string | number | boolean | null;
  /** How the figure was worked out, with the figures put in. */
  formula?: string;
  /** The legal source. */
  reference?: string;
  /** The dated parameter it came from: `path@since[/region]`. */
  parameter?: string;
}

/** A parameter value as a quote uses it: the value, where it came from and its legal source. */
export interface Cited<T> { value: T; reference: string; parameter: string }

export function cite<T>(found: ParameterLookup, value: T = found.value as T): Cited<T> {
  return { value, reference: found.reference, parameter: parameterVersion(found) };
}

/** The trace step of a cited parameter. */
export function citedStep<Step extends string = TraceStepName>(step: Step, cited: Cited<string | number>, name?: string): TraceStep<Step> {
  return { step, ...(name ? { name } : {}), value: cited.value, reference: cited.reference, parameter: cited.parameter };
}
