/**
 * `npm run ids:record`: records the resource addresses of every stack of the example and the sample configs in
 * `stacks/id-stability/addresses/`. Refuses to record while a recorded address is gone without an entry in the
 * id-stability file (`stacks/id-stability/moved.ts`): a rename needs a `moved` entry, a removal a reason.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadOrganizationFile } from '../config';
import { synthOrganization } from '../stacks/synth';
import {
  ADDRESSES_DIR, compareAddresses, formatAddresses, readRecordedAddresses, recordedAddressesFile, recordedConfigs, synthesizedAddresses,
} from './lib/id-stability/addresses';

function main(): void {
  fs.mkdirSync(ADDRESSES_DIR, { recursive: true });
  let refused = 0;
  for (const config of recordedConfigs()) {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'ids-record-'));
    try {
      const current = synthesizedAddresses(synthOrganization(loadOrganizationFile(config.file), outdir).outdir);
      const { unexplainedMissing, unrecorded } = compareAddresses(readRecordedAddresses(config), current);
      if (unexplainedMissing.length > 0) {
        refused += unexplainedMissing.length;
        process.stderr.write(`${config.name}: ${unexplainedMissing.length} recorded addresses are gone with no entry in stacks/id-stability/moved.ts:\n`);
        for (const m of unexplainedMissing) process.stderr.write(`  ${m.stack}  ${m.address}\n`);
        continue;
      }
      fs.writeFileSync(recordedAddressesFile(config), formatAddresses(current));
      const total = [...current.values()].reduce((n, list) => n + list.length, 0);
      process.stdout.write(`${config.name}: ${total} addresses in ${current.size} stacks recorded (${unrecorded.length} new)\n`);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  }
  if (refused > 0) process.exit(1);
}

main();
