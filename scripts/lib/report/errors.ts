/** The report could not be built (malformed input such as the CIS document or the manifest); printed without a stack trace. */
export class ReportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReportError';
  }
}
