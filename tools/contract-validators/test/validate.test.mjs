// The validators' own tests: the project's documents pass, and each broken input fails, so a check that
// passes can be trusted to have looked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { validateAsyncApi, validateOpenApi } from '../validate.mjs';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const ASYNCAPI = here('../../../schemas/asyncapi.yaml');
// What the release-service serves at /q/openapi, kept by its ObservabilityIT.
const OPENAPI = process.env.ROLLWATCH_OPENAPI ?? here('../../../release-service/target/openapi/served-openapi.json');

test('the AsyncAPI document of every topic passes the AsyncAPI parser', async () => {
  const { errors } = await validateAsyncApi(ASYNCAPI);
  assert.deepEqual(errors, []);
});

test('an AsyncAPI message example without a payload is refused', async () => {
  const { errors } = await validateAsyncApi(here('fixtures/asyncapi-example-without-payload.yaml'));
  assert.ok(errors.some((e) => e.includes('payload')), errors.join('\n'));
});

test('an AsyncAPI payload naming a schema file that does not exist is refused', async () => {
  const { errors } = await validateAsyncApi(here('fixtures/asyncapi-dangling-ref.yaml'));
  assert.ok(errors.length > 0, 'no error for a dangling $ref');
});

test('the OpenAPI document the release API serves passes the OpenAPI validator', async () => {
  assert.ok(existsSync(OPENAPI), `${OPENAPI} is missing: run the release-service's ObservabilityIT first (./mvnw verify -pl release-service -am)`);
  const { errors } = await validateOpenApi(OPENAPI);
  assert.deepEqual(errors, []);
});

test('an OpenAPI response referring to an undefined schema is refused', async () => {
  const { errors } = await validateOpenApi(here('fixtures/openapi-dangling-ref.yaml'));
  assert.ok(errors.some((e) => e.includes('Missing')), errors.join('\n'));
});

test('an OpenAPI parameter that does not say where it is is refused', async () => {
  const { errors } = await validateOpenApi(here('fixtures/openapi-parameter-without-location.yaml'));
  assert.ok(errors.some((e) => e.includes("'in'")), errors.join('\n'));
});
