import * as fs from 'fs';
import * as path from 'path';
import type { Organization } from '../../../config/organization';
import type { SynthResult } from '../../../stacks/synth';
import { accountMatrix, type AccountMatrix } from './accounts';
import { loadCheckovSection, type CheckovLocations, type CheckovSection } from './checkov-load';
import { checkCisTests, parseCisTable, type CheckedCisControl } from './cis';
import { parseControlTowerTable, type ControlTowerDelivery } from './control-tower';
import { deployOrder, graphFromManifest, type DeployPlan } from './graph';
import { readJson } from './json';
import { stackContents, type StackContents } from './stack-contents';

/** The CIS part of the report: the checked table, or why it could not be read. */
export type CisSection =
  | {
      readonly source: string;
      readonly rows: readonly CheckedCisControl[];
      /** Control Tower mode only: who delivers each control (the doc's "Control Tower mode" table). */
      readonly controlTower?: readonly ControlTowerDelivery[];
    }
  | { readonly source: string; readonly error: string };

/** Everything the report shows, gathered from the synth and the project files. */
export interface ReportData {
  readonly generatedAt: Date;
  /** The organisation config, as shown (relative to the project root when inside it). */
  readonly configFile: string;
  readonly org: Organization;
  /** Stacks in build order. */
  readonly stackNames: readonly string[];
  readonly stacks: ReadonlyMap<string, StackContents>;
  readonly matrix: AccountMatrix;
  readonly deploy: DeployPlan;
  readonly cis: CisSection;
  readonly checkov: CheckovSection;
}

/** What {@link buildReport} reads. */
export interface ReportInputs {
  readonly org: Organization;
  /** Absolute path of the organisation config. */
  readonly configFile: string;
  /** The config's Checkov scan name (`example`, or the file's basename). */
  readonly configName: string;
  /** The organisation synthesized from {@link ReportInputs.org}. */
  readonly synth: SynthResult;
  /** Project root: test files named in the CIS table are looked up from here. */
  readonly projectRoot: string;
  /** Absolute path of `docs/cis-controls.md`. */
  readonly cisDoc: string;
  readonly checkov: CheckovLocations;
  readonly now?: Date;
}

function shown(file: string, root: string): string {
  const rel = path.relative(root, file);
  return rel === '' || rel.startsWith('..') || path.isAbsolute(rel) ? file : rel.split(path.sep).join('/');
}

function readCis(cisDoc: string, projectRoot: string, controlTowerMode: boolean): CisSection {
  const source = shown(cisDoc, projectRoot);
  if (!fs.existsSync(cisDoc)) return { source, error: `${source} does not exist` };
  try {
    const markdown = fs.readFileSync(cisDoc, 'utf8');
    const rows = checkCisTests(parseCisTable(markdown), (file) => fs.existsSync(path.join(projectRoot, file)));
    return controlTowerMode ? { source, rows, controlTower: parseControlTowerTable(markdown) } : { source, rows };
  } catch (error) {
    return { source, error: error instanceof Error ? error.message : String(error) };
  }
}

/** Reads the synthesized stacks, manifest, CIS document and Checkov results into the report's data. */
export function buildReport(inputs: ReportInputs): ReportData {
  const { synth } = inputs;
  const stacksDir = path.join(synth.outdir, 'stacks');
  const stacks = new Map<string, StackContents>(synth.stackNames.map((name) => [name, stackContents(readJson(path.join(stacksDir, name, 'cdk.tf.json')))]));
  const graph = graphFromManifest(readJson(path.join(synth.outdir, 'manifest.json')));
  return {
    generatedAt: inputs.now ?? new Date(),
    configFile: shown(inputs.configFile, inputs.projectRoot),
    org: inputs.org,
    stackNames: synth.stackNames,
    stacks,
    matrix: accountMatrix(inputs.org, stacks),
    deploy: deployOrder(graph, synth.stackNames),
    cis: readCis(inputs.cisDoc, inputs.projectRoot, inputs.org.controlTower?.enabled === true),
    checkov: relativeFiles(loadCheckovSection(inputs.configName, stacksDir, synth.stackNames, inputs.checkov), inputs.projectRoot),
  };
}

function relativeFiles(section: CheckovSection, root: string): CheckovSection {
  if (section.kind !== 'results') return section;
  const resultsFile = shown(section.resultsFile, root);
  return section.summaryFile === undefined ? { ...section, resultsFile } : { ...section, resultsFile, summaryFile: shown(section.summaryFile, root) };
}
