/** A fault proxy API call that failed: carries the HTTP status and the server's own message. */
export class FaultProxyError extends Error {
  readonly status: number | undefined;
  constructor(message: string, status?: number, options?: ErrorOptions) {
    super(message, options);
    this.name = 'FaultProxyError';
    this.status = status;
  }
}
