/** The variable holding the run's signing key (signing-key.ts). */
export const signingKeyVariable = 'FIREDRILL_SIGNING_KEY';

/**
 * A signing key that cannot be used: exit 2 before anything starts, naming the variable and what to do.
 * Apart from signing-key.ts so the CLI can recognise it without loading node:crypto.
 */
export class SigningKeyError extends Error {
  constructor(message: string) {
    super(`${signingKeyVariable}: ${message}`);
    this.name = 'SigningKeyError';
  }
}
