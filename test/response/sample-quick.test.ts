import * as path from 'path';
import { loadOrganizationFile } from '../../config';
import { synthOrg } from '../support/orgs';
it('synths', () => {
  const org = loadOrganizationFile(path.resolve(__dirname, '..', '..', 'examples', 'configs', 'incident-response.yaml'));
  const r = synthOrg(org);
  require('fs').rmSync('/tmp/respond-out', { recursive: true, force: true }); require('fs').cpSync(r.outdir, '/tmp/respond-out', { recursive: true });
});
