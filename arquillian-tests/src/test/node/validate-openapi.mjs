// Validates an OpenAPI document against the official OpenAPI 3.1 JSON Schema.
// Usage: node validate-openapi.mjs <file>. Exit 0 and "valid 3.1" when it is.
import { Validator } from "@seriousme/openapi-schema-validator";

const file = process.argv[2];
const validator = new Validator();
const result = await validator.validate(file);
if (validator.version !== "3.1") {
  console.error(`expected an OpenAPI 3.1 document, found ${validator.version}`);
  process.exit(2);
}
if (!result.valid) {
  console.error(JSON.stringify(result.errors, null, 2));
  process.exit(1);
}
console.log(`valid ${validator.version}`);
