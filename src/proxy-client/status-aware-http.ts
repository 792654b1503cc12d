/**
 * Stands in for toxiproxy-node-client's HttpClient (same public methods), so
 * that every call the client makes fails with the HTTP status and the
 * server's `{"error": …}` message instead of "Request failed with status code 409".
 */
import type { HttpClient, HttpResponse } from 'toxiproxy-node-client/dist/HttpClient.js';
import { FaultProxyError } from './fault-proxy-error.ts';

const timeoutMs = 5000;

export function statusAwareHttp(): HttpClient {
  const client = {
    get: <T>(url: string) => request<T>('GET', url),
    post: <T>(url: string, body?: unknown) => request<T>('POST', url, body),
    patch: <T>(url: string, body?: unknown) => request<T>('PATCH', url, body),
    delete: async (url: string) => void (await request('DELETE', url)),
    getText: async (url: string) => (await send('GET', url)).text(),
  };
  // HttpClient declares private members, so a structural stand-in needs the cast.
  return client as unknown as HttpClient;
}

async function request<T>(method: string, url: string, body?: unknown): Promise<HttpResponse<T>> {
  const text = await (await send(method, url, body)).text();
  if (text.length === 0) return { data: undefined as T };
  try {
    return { data: JSON.parse(text) as T };
  } catch (error) {
    throw new FaultProxyError(`${method} ${url}: answer is not JSON: ${text.slice(0, 200)}`, undefined, { cause: error });
  }
}

async function send(method: string, url: string, body?: unknown): Promise<Response> {
  const init: RequestInit = { method, signal: AbortSignal.timeout(timeoutMs) };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { 'content-type': 'application/json' };
  }
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch (error) {
    throw new FaultProxyError(
      `${method} ${url}: fault proxy unreachable: ${String((error as Error).cause ?? (error as Error).message)}`,
      undefined,
      { cause: error },
    );
  }
  if (!response.ok) throw new FaultProxyError(`${method} ${url}: ${response.status} ${await serverMessage(response)}`, response.status);
  return response;
}

async function serverMessage(response: Response): Promise<string> {
  const text = await response.text();
  try {
    return (JSON.parse(text) as { error?: string }).error ?? text;
  } catch {
    return text;
  }
}
