import * as fs from 'fs';
import * as path from 'path';
import { JSON_SCHEMA_FILE, organizationJsonSchemaText } from '../config/json-schema';

/** `npm run schema`: regenerates config/organization.schema.json from the zod schema in config/schema.ts. */
const target = path.join(__dirname, '..', JSON_SCHEMA_FILE);
fs.writeFileSync(target, organizationJsonSchemaText());
process.stdout.write(`wrote ${path.relative(process.cwd(), target) || target}\n`);
