/**
 * A failure of the synth machinery itself (a shard that crashed, shards that disagree, a bad worker count), as
 * opposed to bad input, which is a ConfigError or ValidationError. The app prints its message without a stack trace.
 */
export class SynthError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SynthError';
  }
}
