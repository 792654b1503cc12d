import { readFile } from 'node:fs/promises';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';

/** The official SARIF 2.1.0 schema (rtm.5, as shipped by @microsoft/jest-sarif), moved from draft-04 to draft-07 for ajv 8. */
export async function sarifValidator() {
  const schema = JSON.parse(await readFile('node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json', 'utf8')) as Record<
    string,
    unknown
  >;
  const { id, $schema: _draft04, ...rest } = schema;
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false }); // the schema's language pattern is not valid in unicode mode;
  addFormats.default(ajv);
  return ajv.compile({ ...rest, $id: String(id), $schema: 'http://json-schema.org/draft-07/schema#' });
}
