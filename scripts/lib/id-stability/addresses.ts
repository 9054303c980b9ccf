import * as fs from 'fs';
import * as path from 'path';
import { EXAMPLE_CONFIG_PATH } from '../../../config';
import { MOVED_RESOURCES, REMOVED_RESOURCES, type MovedResource, type RemovedResource } from '../../../stacks/id-stability/moved';
import { stackMatches } from '../../../stacks/id-stability/stack-pattern';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

/** Where the recorded addresses live: one file per config, `<stack>\t<address>` per line, sorted. */
export const ADDRESSES_DIR = path.join(REPO_ROOT, 'stacks', 'id-stability', 'addresses');

/** A config whose stacks' addresses are recorded: the built-in example and every sample in `examples/configs/`. */
export interface RecordedConfig {
  readonly name: string;
  readonly file: string;
}

export function recordedConfigs(): RecordedConfig[] {
  const samples = path.join(REPO_ROOT, 'examples', 'configs');
  const sampleFiles = fs.readdirSync(samples).filter((f) => /\.ya?ml$/.test(f)).sort();
  return [
    { name: 'example', file: EXAMPLE_CONFIG_PATH },
    ...sampleFiles.map((f) => ({ name: f.replace(/\.ya?ml$/, ''), file: path.join(samples, f) })),
  ];
}

/** stack name -> sorted resource addresses (`<type>.<logical id>`). */
export type AddressesByStack = ReadonlyMap<string, readonly string[]>;

/** The resource addresses of every stack in a synthesized output folder. */
export function synthesizedAddresses(outdir: string): AddressesByStack {
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8')) as {
    stacks: Record<string, { synthesizedStackPath: string }>;
  };
  const out = new Map<string, string[]>();
  for (const [name, stack] of Object.entries(manifest.stacks).sort(([a], [b]) => a.localeCompare(b))) {
    const json = JSON.parse(fs.readFileSync(path.join(outdir, stack.synthesizedStackPath), 'utf8')) as {
      resource?: Record<string, Record<string, unknown>>;
    };
    const addresses = Object.entries(json.resource ?? {}).flatMap(([type, byId]) => Object.keys(byId).map((id) => `${type}.${id}`));
    out.set(name, addresses.sort());
  }
  return out;
}

export function formatAddresses(addresses: AddressesByStack): string {
  return [...addresses].flatMap(([stack, list]) => list.map((a) => `${stack}\t${a}`)).join('\n') + '\n';
}

export function parseAddresses(text: string): AddressesByStack {
  const out = new Map<string, string[]>();
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const [stack, address] = line.split('\t') as [string, string];
    out.set(stack, [...(out.get(stack) ?? []), address]);
  }
  return out;
}

export function recordedAddressesFile(config: RecordedConfig): string {
  return path.join(ADDRESSES_DIR, `${config.name}.txt`);
}

export function readRecordedAddresses(config: RecordedConfig): AddressesByStack {
  const file = recordedAddressesFile(config);
  return fs.existsSync(file) ? parseAddresses(fs.readFileSync(file, 'utf8')) : new Map();
}

/** One address that differs between the recording and the current synth. */
export interface AddressChange {
  readonly stack: string;
  readonly address: string;
}

/** What differs from the recording, after the id-stability file's moves and removals are accounted for. */
export interface AddressComparison {
  /** Recorded addresses gone without a `moved` or removed entry: each would destroy a deployed resource. */
  readonly unexplainedMissing: readonly AddressChange[];
  /** Current addresses not in the recording (new resources, or a move target): record them with `npm run ids:record`. */
  readonly unrecorded: readonly AddressChange[];
  /** Moves applied: the old address recorded, the new one present. */
  readonly moves: ReadonlyArray<AddressChange & { readonly to: string }>;
}

export function compareAddresses(
  recorded: AddressesByStack,
  current: AddressesByStack,
  moved: readonly MovedResource[] = MOVED_RESOURCES,
  removed: readonly RemovedResource[] = REMOVED_RESOURCES,
): AddressComparison {
  const unexplainedMissing: AddressChange[] = [];
  const unrecorded: AddressChange[] = [];
  const moves: Array<AddressChange & { to: string }> = [];
  for (const stack of new Set([...recorded.keys(), ...current.keys()])) {
    const before = new Set(recorded.get(stack) ?? []);
    const now = new Set(current.get(stack) ?? []);
    for (const address of before) {
      if (now.has(address)) continue;
      const move = moved.find((m) => m.from === address && now.has(m.to) && stackMatches(m.stacks, stack));
      if (move) moves.push({ stack, address, to: move.to });
      else if (!removed.some((r) => r.address === address && stackMatches(r.stacks, stack))) unexplainedMissing.push({ stack, address });
    }
    for (const address of now) if (!before.has(address)) unrecorded.push({ stack, address });
  }
  return { unexplainedMissing, unrecorded, moves };
}
