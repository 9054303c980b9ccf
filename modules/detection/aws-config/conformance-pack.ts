import { Construct } from 'constructs';
import { ConfigConformancePack } from '@cdktf/provider-aws/lib/config-conformance-pack';
import { ValidationError } from '../../core/errors';
import { CONFORMANCE_PACK_NAME } from './managed-rules';
import type { IConfigRecorder } from './recorder';

export interface ConformancePackProps {
  /** Pack name (a letter, then letters, digits and `-`; up to 256). */
  readonly packName: string;
  /** The pack's YAML template (its text; stacks read the file, modules never do). */
  readonly templateBody: string;
  /**
   * The recorder the pack's rules evaluate.
   * @default - none: the Region's recorder is managed outside this stack (Control Tower's), nothing to wait for
   */
  readonly recorder?: IConfigRecorder;
}

/** An AWS Config conformance pack deployed from a template. */
export class ConformancePack extends Construct {
  readonly resource: ConfigConformancePack;

  constructor(scope: Construct, id: string, props: ConformancePackProps) {
    super(scope, id);
    if (!CONFORMANCE_PACK_NAME.test(props.packName)) {
      throw new ValidationError(this, 'packName', props.packName, 'must start with a letter and be up to 256 letters, digits and "-"');
    }
    const body = props.templateBody.trim();
    if (body.length === 0) throw new ValidationError(this, 'templateBody', props.templateBody, 'must not be empty');
    if (!/^Resources\s*:/m.test(body)) {
      throw new ValidationError(this, 'templateBody', body.slice(0, 60), 'must be a conformance pack template with a top-level "Resources:" section');
    }
    // The API limit for an inline template body.
    if (Buffer.byteLength(body, 'utf8') > 51200) {
      throw new ValidationError(this, 'templateBody', `${Buffer.byteLength(body, 'utf8')} bytes`, 'must be at most 51,200 bytes (larger templates go through S3)');
    }
    this.resource = new ConfigConformancePack(this, 'Resource', {
      name: props.packName,
      templateBody: body,
      dependsOn: props.recorder ? [props.recorder.status] : undefined,
    });
  }
}
