/** A scan that could not run (Checkov install, Checkov run, report shape, config naming); printed without a stack trace. */
export class ScanError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScanError';
  }
}
