import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { validateXML } from 'xmllint-wasm';
import { repoRoot } from '../../src/repo-root.ts';

const schema = await readFile(join(repoRoot, 'test', 'reporters', 'junit.xsd'), 'utf8');

/** libxml2's answer (xmllint-wasm) on the XML against the JUnit schema: the errors, one line each, [] when valid. */
export async function junitSchemaErrors(xml: string): Promise<string[]> {
  const result = await validateXML({
    xml: [{ fileName: 'junit.xml', contents: xml }],
    schema: [{ fileName: 'junit.xsd', contents: schema }],
  });
  return result.valid ? [] : result.errors.map((error) => error.rawMessage);
}
