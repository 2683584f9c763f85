// Validates Rollwatch's published contracts with the parsers their users run:
//   node validate.mjs asyncapi <file>   AsyncAPI 3.0, @asyncapi/parser (errors fail; warnings are printed)
//   node validate.mjs openapi <file>    OpenAPI 3.x, @apidevtools/swagger-parser (structure, schemas, $refs)
// Exits 1 with every finding printed when the document is invalid, 0 when it is valid.
import { Parser, fromFile } from '@asyncapi/parser';
import SwaggerParser from '@apidevtools/swagger-parser';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const ERROR = 0;
const WARNING = 1;

/** The AsyncAPI parser's findings: errors (which fail the document) and warnings. */
export async function validateAsyncApi(file) {
  const { document, diagnostics } = await fromFile(new Parser(), resolve(file)).parse();
  const describe = (d) => `${d.path.length ? d.path.join('.') : '(document)'}: ${d.message}`;
  const errors = diagnostics.filter((d) => d.severity === ERROR).map(describe);
  if (document === undefined && errors.length === 0) {
    errors.push('(document): the parser returned no document');
  }
  return { errors, warnings: diagnostics.filter((d) => d.severity === WARNING).map(describe) };
}

/** The OpenAPI validator's finding, if any: it stops at the first invalid part. */
export async function validateOpenApi(file) {
  try {
    await SwaggerParser.validate(resolve(file));
    return { errors: [], warnings: [] };
  } catch (e) {
    return { errors: [e.message], warnings: [] };
  }
}

const VALIDATORS = { asyncapi: validateAsyncApi, openapi: validateOpenApi };

async function main([kind, file]) {
  const validate = VALIDATORS[kind];
  if (!validate || !file) {
    console.error('usage: node validate.mjs asyncapi|openapi <file>');
    return 2;
  }
  const { errors, warnings } = await validate(file);
  warnings.forEach((w) => console.log(`warning: ${file}: ${w}`));
  errors.forEach((e) => console.error(`error: ${file}: ${e}`));
  console.log(`${kind} ${file}: ${errors.length === 0 ? 'valid' : `INVALID (${errors.length} error(s))`}`
    + (warnings.length ? `, ${warnings.length} warning(s)` : ''));
  return errors.length === 0 ? 0 : 1;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
