/**
 * The compose keys firedrill has no counterpart for, each with what to do
 * instead: a service's volumes, networks, secrets, deploy…, and the file's
 * top-level volumes, networks, secrets, configs.
 */
import type { ImportNote } from './import-note.ts';

const hints: Readonly<Record<string, string>> = {
  volumes:
    'firedrill mounts into a container only what its docker.mounts lists (read-only, at the host path) and makes the sandbox’s logs dir and the service’s dirs writable; declare what the service needs there',
  networks: 'firedrill runs every process and container on the host’s loopback, one port each; the fault proxy sits on the declared links',
  secrets: 'firedrill has no secrets: give the service its values through env (a datastore’s password is generated per run)',
  configs: 'firedrill has no configs: mount the files (docker.mounts) or put them beside the config file',
  env_file: 'firedrill reads no env files: copy the variables the service needs into env',
  entrypoint:
    'docker.command is the arguments to the image’s own entrypoint; firedrill cannot replace the entrypoint: build an image whose entrypoint is right',
  working_dir: 'the docker runtime runs every container in the config file’s directory: give docker.command absolute paths',
  profiles: 'every declared service runs in every drill',
  deploy: 'one instance of each service runs, without resource limits',
  restart: 'firedrill restarts nothing by itself: the runbook’s remediation steps do',
  extends: 'firedrill does not follow extends: copy what the service inherits',
  include: 'firedrill does not follow include: translate the included file too and merge the services',
};

const generic = 'firedrill has no counterpart for it';

/** One note per key, at `at` (a service's field, or '' for the file's head), named `<source>.<key>`. */
export function untranslatedKeyNotes(keys: ReadonlyMap<string, unknown>, at: string, source: string): ImportNote[] {
  return [...keys.keys()].map((key) => ({
    at,
    source: source === '' ? `${key} (top level)` : `${source}.${key}`,
    text: `not translated: ${hints[key] ?? generic}`,
  }));
}
