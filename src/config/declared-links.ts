import type { SystemConfig } from './config-schema.ts';

/** One link as the config declares it, with its effective name and where it is declared. */
export interface DeclaredLink {
  readonly name: string;
  /** The service whose variables the link fills. */
  readonly from: string;
  /** The dependency: another service or a datastore. */
  readonly to: string;
  /** The variables that carry the dependency's address. */
  readonly variables: readonly string[];
  /** Each variable's template of `{host}` and `{port}`. */
  readonly templates: Readonly<Record<string, string>>;
  /** `services[2].links.postgres`. */
  readonly field: string;
}

/** Every link of every service, in declaration order; a link without a name is `<service>-<dependency>`. */
export function declaredLinks(config: Pick<SystemConfig, 'services'>): DeclaredLink[] {
  return config.services.flatMap((service, index) =>
    Object.entries(service.links).map(([to, link]) => ({
      name: link.name ?? `${service.name}-${to}`,
      from: service.name,
      to,
      variables: Object.keys(link.variables),
      templates: link.variables,
      field: `services[${index}].links.${to}`,
    })),
  );
}
