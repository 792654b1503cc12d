/**
 * Loads a config's `workload` module once a run, before anything is
 * provisioned: a module that does not load, or whose default export is not a
 * function, is a ConfigFileError naming the config's `workload` field and the
 * module (the CLI exits 2, nothing started). What the factory does can only be
 * seen per environment: the factory returned here throws, naming the module,
 * when the module's own throws or makes something that is not an adapter.
 */
import { pathToFileURL } from 'node:url';
import { ConfigFileError } from '../config/config-file-error.ts';
import { errorText } from '../error-text.ts';
import { shownPath } from '../shown-path.ts';
import type { WorkloadAdapter, WorkloadAdapterFactory } from './workload-adapter.ts';

const expected = 'expected a module whose default export is a function (context) => WorkloadAdapter';

/** `file`: the workload module; `configFile`: the config that names it, for the error. */
export async function loadWorkload(file: string, configFile: string): Promise<WorkloadAdapterFactory> {
  const problem = (message: string): never => {
    throw new ConfigFileError(configFile, [{ field: 'workload', message: `${shownPath(file)}: ${message}` }]);
  };
  let module: Record<string, unknown>;
  try {
    module = await import(pathToFileURL(file).href);
  } catch (error) {
    return problem(`${expected}; importing it failed: ${(error as Error).message}`);
  }
  const factory = module.default;
  if (typeof factory !== 'function') return problem(`${expected}; ${describeExports(module)}`);
  return (context) => checkedAdapter(file, () => factory(context));
}

function describeExports(module: Record<string, unknown>): string {
  const named = Object.keys(module).filter((name) => name !== 'default');
  if (module.default === undefined) return `it has no default export (it exports ${named.join(', ') || 'nothing'})`;
  const type = module.default === null ? 'null' : typeof module.default;
  const what = type === 'null' ? type : `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}`;
  return `its default export is ${what} (other exports: ${named.join(', ') || 'none'})`;
}

function checkedAdapter(file: string, make: () => unknown): WorkloadAdapter {
  let adapter: unknown;
  try {
    adapter = make();
  } catch (error) {
    throw new Error(`workload ${shownPath(file)}: its default export threw making the adapter: ${errorText(error)}`, { cause: error });
  }
  const missing = (['place', 'readBack'] as const).filter(
    (method) => typeof (adapter as Partial<WorkloadAdapter>)?.[method] !== 'function',
  );
  if (missing.length > 0)
    throw new Error(
      `workload ${shownPath(file)}: its default export made something without ${missing.join(' and ')}; expected a WorkloadAdapter { place, readBack }`,
    );
  return adapter as WorkloadAdapter;
}
