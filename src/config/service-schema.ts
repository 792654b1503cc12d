/**
 * One service of the system: how each runtime starts it, the variable that
 * carries its port, the HTTP paths firedrill watches, and its links.
 *
 *   service ──links.<dependency>──> fault proxy ──> dependency (a service or a datastore)
 *
 * A link names the variables through which the service finds the dependency;
 * firedrill fills them with the proxy's address instead of the dependency's,
 * so a fault on the link reaches this service and no other.
 */
import { z } from 'zod';
import { configPath, variableName, variableNamed } from './datastore-schema.ts';
import { template } from './placeholders.ts';

export const kebabName = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a kebab-case name, like "order-gateway"');
const urlPath = z.string().regex(/^\/\S*$/, 'expected a URL path starting with "/", like "/healthz"');

export const linkPlaceholders = ['host', 'port', 'user', 'password', 'database'] as const;

/** Environment values may name the environment's sandbox directory: `LOG_DIR: '{sandbox}/logs'`. */
export const servicePlaceholders = ['sandbox'] as const;
const env = z.record(variableName, template(servicePlaceholders)).default({});

const local = z.strictObject({
  /** `node` is the Node that runs firedrill. */
  command: z.string().min(1, 'expected a command, like "node"'),
  args: z.array(z.string()).default([]),
  /** Relative to the config file; default its directory. */
  cwd: configPath.default('.'),
  /** Added to the service's env when it runs locally. */
  env,
});

const docker = z.strictObject({
  image: z.string().min(1, 'expected an image, like "firedrill/node:24"'),
  /** The container's command (arguments to the image's entrypoint). */
  command: z.array(z.string()).default([]),
  /**
   * Directories bind-mounted read-only at their host path, relative to the config file (`['.']`: the config's
   * directory). With any, the command runs in the config file's directory (code from the host); without, in the
   * image's own working directory (a team's image that carries its code).
   */
  mounts: z.array(configPath).default([]),
  /** The variable runbook steps find the container's name in; default `<NAME>_CONTAINER` (`TICKER_CONTAINER`). */
  containerVariable: variableName.optional(),
  /** Added to the service's env when it runs in a container. */
  env,
});

/** Set in each colour's env to its colour, `blue` or `green`. */
export const colourVariable = 'FIREDRILL_COLOUR';

/**
 * A service deployed blue/green behind nginx (in environments whose scenario asks for it): two colours, each on its
 * own port, nginx on the service's port sending to the live one. Builds are what `deploy` can start on the idle colour.
 */
const blueGreen = z.strictObject({
  /** Named builds deploy() can start on the idle colour: env added on top of the service's own (the reference gateway: GATEWAY_BUILD). */
  builds: z.record(kebabName, z.strictObject({ env })).default({}),
  /** The variable that names the dir of the colour files (blue.conf, green.conf, live.conf → one of them); default NGINX_UPSTREAMS. */
  upstreamsVariable: variableName.default('NGINX_UPSTREAMS'),
});

/**
 * The variables that carry the dependency's address, templates of `{host}`
 * and `{port}`, filled with the fault proxy's listen address; at least one
 * carries the port (cross-check.ts).
 */
const link = z.strictObject({
  /** How scenarios and the evidence name the link; default `<service>-<dependency>`. */
  name: kebabName.optional(),
  /** A link to postgres may also use its {user}, {password} and {database} (cross-check.ts). */
  variables: z.record(variableName, template(linkPlaceholders)),
});

export const serviceSchema = z
  .strictObject({
    name: kebabName,
    /** What the service reads on every runtime; the datastores' variables and its links' come on top. */
    env,
    local: local.optional(),
    docker: docker.optional(),
    portVariable: variableNamed('the variable that carries the service\'s port, like "GATEWAY_PORT"'),
    /** The variable runbook steps find the service's base URL in (`ATS_URL`). */
    urlVariable: variableName.optional(),
    paths: z.strictObject({
      health: urlPath,
      /** Default: the health path. */
      readiness: urlPath.optional(),
      /** Absent: Prometheus does not scrape the service. */
      metrics: urlPath.optional(),
    }),
    /**
     * Directories the service writes besides its log (`{sandbox}/state`): created before it starts,
     * writable by anyone, and bind-mounted writable in containers. The sandbox's `logs` dir always is.
     */
    dirs: z.array(template(servicePlaceholders)).default([]),
    /** Keyed by the dependency: the name of another service or of a datastore. */
    links: z.record(z.string(), link).default({}),
    /** Absent: the service runs as one process everywhere. */
    blueGreen: blueGreen.optional(),
  })
  .refine((service) => service.local !== undefined || service.docker !== undefined, {
    message: 'expected how to start it: local, docker, or both; got neither',
  });

export type ServiceConfig = z.output<typeof serviceSchema>;
