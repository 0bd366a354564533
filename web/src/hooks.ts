import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';
import { api, ApiError } from './api.ts';
import type { List, Region } from './types.ts';

export interface Loaded<T> { data: T | undefined; error: ApiError | undefined; loading: boolean; reload(): void }

/** Loads data when the dependencies change; an older response never overwrites a newer one. */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: ApiError; loading: boolean }>({ loading: true });
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    const controller = new AbortController();
    setState((previous) => ({ ...previous, loading: true }));
    loadRef.current(controller.signal).then(
      (data) => { if (!controller.signal.aborted) setState({ data, loading: false }); },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState({ error: error instanceof ApiError ? error : new ApiError(0, 'client', String((error as Error)?.message ?? error)), loading: false });
      },
    );
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}

let regionsPromise: Promise<Region[]> | undefined;
/** The region list changes rarely: fetched once per page load (and again after `forgetRegions`). */
export function loadRegions(): Promise<Region[]> {
  regionsPromise ??= api.get<List<Region>>('/api/regions').then((list) => list.items, (error) => { regionsPromise = undefined; throw error; });
  return regionsPromise;
}
export function forgetRegions() {
  regionsPromise = undefined;
}
export function useRegions(): Region[] {
  const { data } = useLoad(() => loadRegions(), []);
  return data ?? [];
}

/** "东城区（990102）" for a region code, from the cached region list. */
export function useRegionLabel(): (code: string | null | undefined, name?: string | null) => string {
  const regions = useRegions();
  const names = new Map(regions.map((region) => [region.code, region.name]));
  return (code, name) => (code ? `${name ?? names.get(code) ?? ''}（${code}）` : '');
}
