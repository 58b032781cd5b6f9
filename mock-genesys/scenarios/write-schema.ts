// `npx tsx mock-genesys/scenarios/write-schema.ts`: regenerates scenarios/scenario.schema.json
// from the fault registry (a test fails while the file is out of date).
import { writeFileSync } from 'node:fs';
import { SCENARIO_SCHEMA_FILE } from './limits.js';
import { scenarioSchemaText } from './schema.js';

writeFileSync(SCENARIO_SCHEMA_FILE, scenarioSchemaText());
console.log(`wrote ${SCENARIO_SCHEMA_FILE}`);
