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
  /** The container's command (arguments to the image's entrypoint), run in the config file's directory, mounted at its host path. */
  command: z.array(z.string()).default([]),
  /** Added to the service's env when it runs in a container. */
  env,
});

/**
 * The variables that carry the dependency's address, templates of `{host}`
 * and `{port}`, filled with the fault proxy's listen address; at least one
 * carries the port (cross-check.ts).
 */
const link = z.strictObject({
  /** How scenarios and the evidence name the link; default `<service>-<dependency>`. */
  name: kebabName.optional(),
  variables: z.record(variableName, template(['host', 'port'])),
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
    /** Keyed by the dependency: the name of another service or of a datastore. */
    links: z.record(z.string(), link).default({}),
  })
  .refine((service) => service.local !== undefined || service.docker !== undefined, {
    message: 'expected how to start it: local, docker, or both; got neither',
  });

export type ServiceConfig = z.output<typeof serviceSchema>;
