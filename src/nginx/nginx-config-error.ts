/** nginx's config could not be written from what it was given; the message names the service and field at fault. */
export class NginxConfigError extends Error {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(
      `Cannot write the nginx config (${problems.length === 1 ? '1 problem' : `${problems.length} problems`}):\n${problems.map((p) => `  ${p}`).join('\n')}`,
    );
    this.name = 'NginxConfigError';
    this.problems = problems;
  }
}
