/**
 * The variable that carries a service's port: the one whose value is the
 * container port its `ports:` or `expose:` names (`PORT=8080` beside
 * `"8080:8080"`), a name with PORT in it first. Without one, `PORT`, which the
 * service must then read, and a note saying so.
 */
export interface PortVariable {
  readonly name: string;
  /** Why it is an assumption, when it is one. */
  readonly assumed?: string;
}

export function portVariable(variables: ReadonlyMap<string, string>, containerPorts: readonly number[]): PortVariable {
  const carrying = [...variables].filter(([, value]) => containerPorts.map(String).includes(value.trim())).map(([name]) => name);
  const chosen = carrying.find((name) => name === 'PORT') ?? carrying.find((name) => /PORT/i.test(name)) ?? carrying[0];
  if (chosen !== undefined) return { name: chosen };
  const ports = containerPorts.join(', ');
  return {
    name: 'PORT',
    assumed:
      containerPorts.length === 0
        ? 'no ports: or expose: says where it listens; PORT assumed: make the service listen on the port firedrill gives it in PORT'
        : `no variable carries its container port (${ports}); PORT assumed: make the service listen on the port firedrill gives it in PORT`,
  };
}
