/** The signed-in user: probed with GET /api/auth/me on load, cleared on sign-out or on any 401. */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { Spin } from 'antd';
import { api, ApiError, onUnauthorized, request } from './api.ts';
import type { Me } from './types.ts';
import { forgetTabs } from './platform/tabs.ts';

interface Session {
  /** undefined while probing, null when signed out */
  me: Me | null | undefined;
  login(username: string, password: string): Promise<Me>;
  logout(): Promise<void>;
}

const SessionContext = createContext<Session>({ me: undefined, login: async () => { throw new Error('no session provider'); }, logout: async () => {} });

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null | undefined>(undefined);

  useEffect(() => {
    onUnauthorized(() => setMe(null));
    request<Me>('GET', '/api/auth/me', { allow401: true }).then(setMe, (error) => {
      if (!(error instanceof ApiError) || error.status !== 401) console.error('session probe failed', error);
      setMe(null);
    });
    return () => onUnauthorized(undefined);
  }, []);

  const login = useCallback(async (username: string, password: string) => {
    await request('POST', '/api/auth/login', { body: { username, password }, allow401: true });
    const user = await request<Me>('GET', '/api/auth/me', { allow401: true });
    forgetTabs(); // the page tabs of whoever used this browser tab before
    setMe(user);
    return user;
  }, []);

  const logout = useCallback(async () => {
    try { await api.post('/api/auth/logout'); } catch { /* the session may be gone already */ }
    forgetTabs();
    setMe(null);
  }, []);

  const value = useMemo(() => ({ me, login, logout }), [me, login, logout]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  return useContext(SessionContext);
}

/** The signed-in user inside the authenticated part of the app (RequireAuth guarantees one). */
export function useMe(): Me {
  const { me } = useSession();
  if (!me) throw new Error('useMe outside RequireAuth');
  return me;
}

export function RequireAuth({ children }: { children: ReactNode }) {
  const { me } = useSession();
  const location = useLocation();
  if (me === undefined) return <div style={{ display: 'grid', placeItems: 'center', height: '100vh' }}><Spin size="large" /></div>;
  if (me === null) {
    const next = location.pathname + location.search;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return <>{children}</>;
}
