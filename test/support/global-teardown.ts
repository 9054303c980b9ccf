import { removeRunTempDir } from './run-temp';

/** Runs once after each jest project: removes the run's temp folder (test/support/run-temp.ts). */
export default function globalTeardown(): void {
  removeRunTempDir();
}
