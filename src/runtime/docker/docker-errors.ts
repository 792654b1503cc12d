/**
 * The two errors a user can fix before any container starts; each says how.
 */
export class DockerEngineUnavailable extends Error {
  constructor(cause: unknown) {
    const detail = cause instanceof Error ? cause.message.split('\n')[0] : String(cause);
    super(`No Docker engine answers (${detail}). Start one with: npm run bootstrap -- --docker`, { cause });
    this.name = 'DockerEngineUnavailable';
  }
}

export class DockerImageMissing extends Error {
  readonly image: string;
  constructor(image: string) {
    super(
      `Image "${image}" is not in the local Docker engine and firedrill never pulls. ` +
        'Build the local images with: npm run images (or configure an image your engine has)',
    );
    this.name = 'DockerImageMissing';
    this.image = image;
  }
}
