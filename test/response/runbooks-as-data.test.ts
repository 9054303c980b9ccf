import * as fs from 'fs';
import * as path from 'path';
import { loadOrganizationFile } from '../../config';
import { CONTAINABLE_FINDING_TYPES, REMEDIATION_RUNBOOKS, TERRAFORM_MANAGED_RUNBOOKS } from '../../modules/detection/remediation';
import { SAVED_QUERIES } from '../../modules/investigation';

/**
 * Runbooks as data: the README's incident-response section is held to the code. Every pinned runbook, every
 * finding type a route can contain (each with its quarterly-drill command) and every saved query is there, and the
 * section names no runbook, finding type or query the code does not know.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');

function section(title: string): string {
  const start = readme.indexOf(`### ${title}`);
  if (start < 0) throw new Error(`README has no "### ${title}" section`);
  const end = readme.indexOf('\n## ', start);
  const next = readme.indexOf('\n### ', start + 4);
  return readme.slice(start, Math.min(...[end, next].filter((i) => i > 0)));
}

const incident = section('Incident response');
const drillRows = new Map(
  [...incident.matchAll(/^\| `([^`]+)` \| `aws guardduty create-sample-findings --detector-id "\$DETECTOR" --finding-types '([^']+)'` \|$/gm)].map((m) => [m[1]!, m[2]!]),
);

describe('README incident-response section', () => {
  it.each(REMEDIATION_RUNBOOKS.map((r) => r.name))('documents the pinned runbook %s', (name) => {
    expect(incident).toMatch(new RegExp(`^\\| \`${name}\` \\|`, 'm'));
  });

  it.each(Object.keys(TERRAFORM_MANAGED_RUNBOOKS))('documents why %s is refused', (name) => {
    expect(incident).toContain(`\`${name}\``);
  });

  it('lists no remediation runbook the code does not pin', () => {
    const listed = [...incident.matchAll(/^\| `((?:AWS|AWSConfigRemediation)-[A-Za-z0-9]+)` \|/gm)].map((m) => m[1]);
    expect(listed.sort()).toEqual(REMEDIATION_RUNBOOKS.map((r) => r.name).sort());
  });

  it('has a quarterly drill command for every finding type a route can contain, and for no other', () => {
    for (const type of CONTAINABLE_FINDING_TYPES) expect(drillRows.get(type)).toBe(type);
    expect([...drillRows.keys()].sort()).toEqual([...CONTAINABLE_FINDING_TYPES].sort());
    expect(incident).toMatch(/Break-glass: sign in to the break-glass role/);
  });

  it('covers every finding type the incident-response sample routes', () => {
    const org = loadOrganizationFile(path.join(ROOT, 'examples', 'configs', 'incident-response.yaml'));
    const routed = org.response.containment.flatMap((r) => r.findingTypes);
    expect(routed.length).toBeGreaterThan(0);
    for (const type of routed) expect(drillRows.has(type)).toBe(true);
  });

  it.each(SAVED_QUERIES.map((q) => [q.id, q] as const))('documents the saved query %s', (_id, query) => {
    expect(incident).toContain(`| ${query.name} | \`${query.id}\` |`);
  });

  it('starts every alert with a saved query the code has', () => {
    const alertTable = incident.slice(incident.indexOf('| alert |'), incident.indexOf('**Remediation'));
    const named = [...alertTable.matchAll(/`([a-z]+(?:-[a-z]+)+)`/g)].map((m) => m[1]!).filter((id) => !id.startsWith('aws-'));
    expect(named.length).toBeGreaterThan(0);
    for (const id of named) expect(SAVED_QUERIES.map((q) => q.id)).toContain(id);
  });
});
