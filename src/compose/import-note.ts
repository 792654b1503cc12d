/**
 * Something `firedrill init` could not translate, or translated by assuming:
 * a `// TODO:` at its place in the written config, and a numbered line of
 * the report.
 */
export interface ImportNote {
  /** Where the TODO goes in the written config: a field (`services[1].docker`), or '' for the file's head. */
  readonly at: string;
  /** What of the compose file it concerns: `services.worker.volumes`. */
  readonly source: string;
  readonly text: string;
}
