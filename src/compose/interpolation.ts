/**
 * Compose fills `${NAME}`, `${NAME:-default}` and `$NAME` from the shell or
 * an .env file before it reads a value; `$$` is a literal `$`. firedrill has
 * neither, so a default is taken and anything else is reported as unresolved.
 */
export interface Interpolated {
  /** With defaults taken and `$$` as `$`; an unresolved reference is left as written. */
  readonly text: string;
  /** The variables the value needs from the shell: `["TAG"]`. */
  readonly unresolved: readonly string[];
}

const reference = /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;

export function interpolate(value: string): Interpolated {
  const unresolved: string[] = [];
  const text = value.replace(reference, (whole, braced?: string, operator?: string, fallback?: string, bare?: string) => {
    if (whole === '$$') return '$';
    if (operator?.endsWith('-')) return fallback ?? '';
    unresolved.push((braced ?? bare)!);
    return whole;
  });
  return { text, unresolved };
}
