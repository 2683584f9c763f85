// The validation loop the strict simulated API server runs as a child process: one JSON request per
// line on stdin ({"id": n, "object": {...}}), one answer per line on stdout ({"id": n, "known": bool,
// "errors": [{"path": "/spec/selector", "reason": "required", "message": "..."}]}). "known" is false
// for a kind without a vendored schema: the caller decides what that means.
import { createInterface } from "node:readline";
import { validators } from "./validators.generated.mjs";

function describe(error) {
  const params = error.params ?? {};
  switch (error.keyword) {
    case "required":
      return { path: `${error.instancePath}/${params.missingProperty}`, reason: "FieldValueRequired", message: "Required value" };
    case "type":
      return { path: error.instancePath, reason: "FieldValueInvalid", message: `Invalid value: must be of type ${params.type}` };
    case "enum":
      return { path: error.instancePath, reason: "FieldValueNotSupported", message: `Unsupported value: supported values: ${JSON.stringify(params.allowedValues)}` };
    case "format":
      return { path: error.instancePath, reason: "FieldValueInvalid", message: `Invalid value: must be a valid ${params.format}` };
    default:
      return { path: error.instancePath, reason: "FieldValueInvalid", message: `Invalid value: ${error.keyword} ${JSON.stringify(params)}` };
  }
}

function validate(object) {
  const validator = object && validators[`${object.apiVersion}/${object.kind}`];
  if (!validator) {
    return { known: false, errors: [] };
  }
  if (validator(object)) {
    return { known: true, errors: [] };
  }
  const seen = new Set();
  const errors = [];
  for (const error of validator.errors ?? []) {
    const described = describe(error);
    const key = JSON.stringify(described);
    if (!seen.has(key)) {
      seen.add(key);
      errors.push(described);
    }
  }
  return { known: true, errors };
}

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
lines.on("line", (line) => {
  if (!line.trim()) return;
  let id = null;
  try {
    const request = JSON.parse(line);
    id = request.id;
    process.stdout.write(JSON.stringify({ id, ...validate(request.object) }) + "\n");
  } catch (e) {
    process.stdout.write(JSON.stringify({ id, known: false, failure: String(e) }) + "\n");
  }
});
