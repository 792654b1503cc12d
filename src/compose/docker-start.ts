/**
 * How the docker runtime starts a compose service: its image (or, for one
 * compose builds, a placeholder tag to build it under) and its command split
 * into arguments. firedrill builds and pulls nothing, and compose describes
 * no local start: each is a note.
 */
import type { ComposeService } from './compose-service.ts';
import type { ImportNote } from './import-note.ts';
import { interpolate } from './interpolation.ts';
import { splitCommand } from './split-command.ts';

export interface DockerStart {
  readonly docker: { image: string; command?: string[] };
  readonly notes: readonly ImportNote[];
}

/** `name`: the config's name of the service; `at`: its docker field, `services[i].docker`. */
export function dockerStart(compose: ComposeService, name: string, at: string): DockerStart {
  const source = `services.${compose.name}`;
  const notes: ImportNote[] = [
    {
      at,
      source,
      text: 'compose gives only a container; the local runtime (the default of firedrill run) needs local: { command, args } too: add one, or drill with --runtime docker',
    },
  ];
  const image = compose.image === undefined ? undefined : interpolate(compose.image);
  if (image && image.unresolved.length > 0)
    notes.push({
      at: `${at}.image`,
      source: `${source}.image`,
      text: `needs ${image.unresolved.map((v) => `$${v}`).join(', ')} from the shell: write the image's name`,
    });
  const tag = image?.text ?? `local/${name}:dev`;
  if (compose.build !== undefined)
    notes.push({
      at: `${at}.image`,
      source: `${source}.build`,
      text:
        `compose builds this image from ${compose.build} (relative to the compose file); firedrill builds none: ` +
        `build and tag it before a docker run: docker build -t ${tag} ${compose.build}`,
    });
  const command = dockerCommand(compose.command, `${at}.command`, `${source}.command`, notes);
  return { docker: { image: tag, ...(command ? { command } : {}) }, notes };
}

function dockerCommand(command: ComposeService['command'], at: string, source: string, notes: ImportNote[]): string[] | undefined {
  if (command === undefined) return undefined;
  const words = typeof command === 'string' ? [command] : command;
  const unresolved = words.flatMap((word) => interpolate(word).unresolved);
  if (unresolved.length > 0)
    notes.push({
      at,
      source,
      text: `needs ${unresolved.map((v) => `$${v}`).join(', ')} from the shell; kept as written: write the values`,
    });
  if (typeof command !== 'string') return command.map((word) => interpolate(word).text);
  const split = splitCommand(interpolate(command).text);
  if (!split.ok) {
    notes.push({
      at,
      source,
      text: `\`${command}\` cannot be split into arguments (${split.reason}): left out, so the image's own command runs; write it as a list`,
    });
    return undefined;
  }
  if (split.shellSyntax.length > 0)
    notes.push({
      at,
      source,
      text: `has ${split.shellSyntax.join(' ')}, which compose passes to the entrypoint as arguments (no shell runs it), and so does firedrill: if a shell was meant, write ['sh', '-c', '…']`,
    });
  return [...split.args];
}
