/** Dated policy parameters (rules as code): the only thing other code imports. */
export { registerParamsCommands } from './params.cli.ts';
export { paramsRoutes } from './params.routes.ts';
export {
  ParameterStore, getParameters, reloadParameters, loadParameters, jsonValue, regionChain, todayInChina, onBusinessDay, descriptionIn, parameterVersion,
  type ParameterLookup, type ParameterListItem, type ParameterHistory,
} from './params.store.ts';
export {
  ParameterError, parseParameterFile, readParameterDefinitions, formatProblem, isRealDate, isRegionCode, parameterUnits,
  type ParameterDefinition, type ParameterProblem, type ParameterUnit, type ParameterValue, type LeafUnit, type LeafValue,
  type TableValue, type DatedValue, type RegionOverride,
} from './params.loader.ts';
