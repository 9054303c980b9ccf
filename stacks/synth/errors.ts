import { ConfigError, type ConfigProblem } from '../../config/errors';
import { ValidationError } from '../../modules/core/errors';

/** An error thrown in a synth worker, as it crosses the process boundary. */
export interface WorkerError {
  readonly name: string;
  readonly message: string;
  readonly stack: string | undefined;
  /** ConfigError only. */
  readonly source?: string;
  readonly problems?: readonly ConfigProblem[];
}

export function describeError(error: unknown): WorkerError {
  if (error instanceof ConfigError) return { name: error.name, message: error.message, stack: error.stack, source: error.source, problems: error.problems };
  if (error instanceof Error) return { name: error.name, message: error.message, stack: error.stack };
  return { name: 'Error', message: String(error), stack: undefined };
}

/**
 * The worker's error rebuilt in this process with its class (ConfigError, ValidationError, else Error), so callers
 * (main.ts prints config and validation errors without a trace) treat it as if the synth had run here.
 */
export function rebuildError(described: WorkerError): Error {
  if (described.name === 'ConfigError' && described.source !== undefined && described.problems) return new ConfigError(described.source, described.problems);
  const error: Error = described.name === 'ValidationError' ? Object.create(ValidationError.prototype) : new Error(described.message);
  Object.defineProperty(error, 'message', { value: described.message, writable: true, configurable: true });
  Object.defineProperty(error, 'name', { value: described.name, writable: true, configurable: true });
  Object.defineProperty(error, 'stack', { value: described.stack ?? `${described.name}: ${described.message}`, writable: true, configurable: true });
  return error;
}
