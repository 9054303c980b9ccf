import * as fs from 'fs';
import * as path from 'path';
import { EXAMPLE_CONFIG_PATH, parseConfigText } from '../../../config/load';

/** A config the fuzzer mutates: the example organisation and the sample configs of examples/configs/. */
export interface Seed {
  readonly name: string;
  readonly raw: unknown;
}

const SAMPLES_DIR = path.resolve(__dirname, '..', '..', '..', 'examples', 'configs');

/** The seeds, in a fixed order (the example first), so a run is reproducible from its seed. */
export function loadSeeds(): Seed[] {
  const files = [EXAMPLE_CONFIG_PATH, ...fs.readdirSync(SAMPLES_DIR).filter((f) => f.endsWith('.yaml')).sort().map((f) => path.join(SAMPLES_DIR, f))];
  return files.map((file) => ({ name: path.basename(file), raw: parseConfigText(fs.readFileSync(file, 'utf8'), file) }));
}

/** A deep copy of plain JSON data (YAML anchors become copies). */
export function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
