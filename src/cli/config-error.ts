/** An error in what the user asked for (exit code 2), as opposed to a scenario that failed. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}
