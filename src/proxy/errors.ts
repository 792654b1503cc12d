// The API's errors: one table pairing each message with its HTTP status, as
// Toxiproxy's api.go does. A response body is {"error": message, "status": status}.
// Messages name their subject (`proxy "redis" not found`) where Toxiproxy's
// say only "proxy not found"; clients match on the status.

const table = {
  badRequestBody: { status: 400, message: (detail: string) => `bad request body: ${detail}` },
  missingField: { status: 400, message: (field: string) => `missing required field: ${field}` },
  invalidStream: {
    status: 400,
    message: (stream: string) => `stream ${stream} was invalid, can be either upstream or downstream`,
  },
  invalidToxicType: {
    status: 400,
    message: (type: string, known: string) => `invalid toxic type ${type}; known types: ${known}`,
  },
  invalidAttribute: { status: 400, message: (detail: string) => `invalid toxic attribute: ${detail}` },
  proxyNotFound: { status: 404, message: (proxy: string) => `proxy "${proxy}" not found` },
  proxyAlreadyExists: { status: 409, message: (proxy: string) => `proxy "${proxy}" already exists` },
  toxicNotFound: {
    status: 404,
    message: (proxy: string, toxic: string) => `toxic "${toxic}" not found on proxy "${proxy}"`,
  },
  toxicAlreadyExists: {
    status: 409,
    message: (proxy: string, toxic: string) => `toxic "${toxic}" already exists on proxy "${proxy}"`,
  },
  addressNotAllowed: {
    status: 403,
    message: (field: string, address: string) =>
      `${field} address "${address}" is not loopback; this proxy only serves loopback (start it with allowNonLoopback / --allow-non-loopback to permit other addresses)`,
  },
  listenFailed: {
    status: 500,
    message: (proxy: string, address: string, reason: string) => `proxy "${proxy}" cannot listen on ${address}: ${reason}`,
  },
  userAgentForbidden: {
    status: 403,
    message: (agent: string) => `User agent not allowed: "${agent}" looks like a browser (refused as a CSRF guard)`,
  },
  bodyTooLarge: {
    status: 413,
    message: (limitBytes: number) => `request body too large: more than ${limitBytes} bytes`,
  },
  routeNotFound: { status: 404, message: (method: string, path: string) => `no route for ${method} ${path}` },
  methodNotAllowed: {
    status: 405,
    message: (method: string, path: string, allowed: string) => `method ${method} not allowed on ${path}; allowed: ${allowed}`,
  },
} as const;

export type ApiErrorKind = keyof typeof table;
type MessageArgs<K extends ApiErrorKind> = Parameters<(typeof table)[K]['message']>;

/** An API failure carrying its HTTP status; thrown by handlers, rendered by the server. */
export class ApiError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
  }

  toJSON(): { error: string; status: number } {
    return { error: this.message, status: this.status };
  }
}

export function apiError<K extends ApiErrorKind>(kind: K, ...args: MessageArgs<K>): ApiError {
  const entry = table[kind];
  const message = (entry.message as (...a: MessageArgs<K>) => string)(...args);
  return new ApiError(entry.status, message);
}
