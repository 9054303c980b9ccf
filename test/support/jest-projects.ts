/** Set in the jest parent process by the first project's global setup of a run. */
const RUN_MARKER = 'BASELINE_JEST_PROJECT';

/**
 * Fails a jest run that holds both projects: the terraform project plans the stacks the unit project records, so it
 * must run after it, in its own run (`npm run jest` does both, in order). Both global setups run in the jest parent
 * process, so the second one sees the first one's marker.
 */
export function claimJestRun(project: 'unit' | 'terraform'): void {
  const other = process.env[RUN_MARKER];
  if (other !== undefined && other !== project) {
    throw new Error(
      'the unit and terraform jest projects cannot run together (the terraform project plans what the unit project records): ' +
        'run `npm run jest`, or `npx jest <files> --selectProjects unit` then `npx jest --selectProjects terraform`',
    );
  }
  process.env[RUN_MARKER] = project;
}

/** The jest project this run holds (set by its global setup in the parent process; workers inherit it). */
export function currentJestProject(): 'unit' | 'terraform' | undefined {
  const project = process.env[RUN_MARKER];
  return project === 'unit' || project === 'terraform' ? project : undefined;
}
