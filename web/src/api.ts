/**
 * The one way the UI talks to the API: same-origin fetch with the session cookie, the user's language as
 * `accept-language` (the server answers its messages in it), the `x-csrf-token` header on every state-changing
 * request (it echoes the `sifund_csrf` cookie: double-submit), the API's one error shape
 * `{error: {code, rule?, message, params?, field?, fieldLabel?, rows?}}` (src/platform/errors.ts) thrown as ApiError,
 * and a 401 sending the user to the sign-in page.
 */
import { languageTag, storedLang } from './platform/language.ts';

/**
 * One bad row of a refused batch, its message in the user's language and its field by its label; an import also
 * names the rule, the column as the file titles it and the value.
 */
export interface RowProblem { row: number; field: string; fieldLabel?: string; message: string; rule?: string; column?: string; value?: string }

/** The error object of an API answer (src/platform/errors.ts, AppError.toJSON), with what some errors add (an import's `errorCount` …). */
interface ErrorBody extends Record<string, unknown> {
  code?: string; rule?: string; message?: string; params?: Record<string, string>; field?: string; fieldLabel?: string; rows?: RowProblem[];
}

export class ApiError extends Error {
  /** the stable key of the server's message (registry.idNumber.checkCharacter), when it has one */
  readonly rule?: string;
  /** the message's parameters, rendered in the user's language */
  readonly params: Record<string, string>;
  /** the label of `field` in the user's language (公民身份号码 for idNumber) */
  readonly fieldLabel?: string;
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly rows?: RowProblem[],
    /** the error object as the API sent it (an import's `errorCount`, `errorWorkbook`, a 413's `limitBytes` …) */
    readonly details: ErrorBody = {},
  ) {
    super(message);
    this.rule = details.rule;
    this.params = details.params ?? {};
    this.fieldLabel = details.fieldLabel;
  }
}

export const CSRF_COOKIE = 'sifund_csrf';

export function csrfToken(): string | undefined {
  const prefix = `${CSRF_COOKIE}=`;
  const cookie = document.cookie.split(/;\s*/).find((part) => part.startsWith(prefix));
  return cookie ? decodeURIComponent(cookie.slice(prefix.length)) : undefined;
}

let unauthorizedHandler: (() => void) | undefined;
/** Called on any 401 (the session ended): the session provider clears the user, which shows the sign-in page. */
export function onUnauthorized(handler: (() => void) | undefined) {
  unauthorizedHandler = handler;
}

/** A parameter given more than once (status=approved&status=cancelled) is an array. */
export type Query = Record<string, string | number | boolean | readonly string[] | null | undefined>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (Array.isArray(value)) for (const each of value) params.append(key, each);
    else if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}${path.includes('?') ? '&' : '?'}${text}` : path;
}

interface RequestOptions { query?: Query; body?: unknown; signal?: AbortSignal; /** do not redirect on 401 (sign-in, session probe) */ allow401?: boolean }

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': languageTag(storedLang()) };
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) body = options.body;
  else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (method !== 'GET' && method !== 'HEAD') {
    const token = csrfToken();
    if (token) headers['x-csrf-token'] = token;
  }
  let response: Response;
  try {
    response = await fetch(withQuery(path, options.query), { method, headers, body, credentials: 'same-origin', signal: options.signal });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, 'network', storedLang() === 'en' ? 'cannot reach the server' : '无法连接服务器');
  }
  const text = await response.text();
  let data: unknown;
  try { data = text ? JSON.parse(text) : undefined; } catch { data = undefined; }
  if (!response.ok) {
    const error = (data as { error?: ErrorBody } | undefined)?.error;
    if (response.status === 401 && !options.allow401) unauthorizedHandler?.();
    throw new ApiError(response.status, error?.code ?? `http_${response.status}`, error?.message ?? `${response.status} ${response.statusText}`, error?.field, error?.rows, error ?? {});
  }
  return data as T;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body }),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, { body }),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, { body }),
  delete: <T>(path: string) => request<T>('DELETE', path),
  /** multipart/form-data with the file in `field` (the browser sets the boundary). */
  upload: <T>(path: string, file: File, field = 'file') => {
    const form = new FormData();
    form.append(field, file, file.name);
    return request<T>('POST', path, { body: form });
  },
};

/** The file name a download answer gives (Content-Disposition), else `fallback`. */
function fileNameOf(response: Response, fallback: string): string {
  const header = response.headers.get('content-disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(header)?.[1];
  if (encoded) return decodeURIComponent(encoded);
  return /filename="?([^";]+)"?/i.exec(header)?.[1] ?? fallback;
}

/**
 * Downloads a file the API writes (a CSV …): fetched first, so that a refusal (the API's 4xx names why) is thrown as
 * an ApiError for the page to show instead of a JSON page in the browser. Returns the file's name.
 */
export async function downloadFile(path: string, query: Query | undefined, fallbackName: string): Promise<string> {
  const response = await fetch(withQuery(path, query), { credentials: 'same-origin', headers: { 'accept-language': languageTag(storedLang()) } });
  if (!response.ok) {
    const error = ((await response.json().catch(() => undefined)) as { error?: ErrorBody } | undefined)?.error;
    throw new ApiError(response.status, error?.code ?? `http_${response.status}`, error?.message ?? `${response.status} ${response.statusText}`, error?.field, error?.rows, error ?? {});
  }
  const fileName = fileNameOf(response, fallbackName);
  const link = document.createElement('a');
  link.href = URL.createObjectURL(await response.blob());
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(link.href);
  return fileName;
}
