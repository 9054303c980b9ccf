import { Construct } from 'constructs';
import { CeCostAllocationTag } from '@cdktf/provider-aws/lib/ce-cost-allocation-tag';
import { ValidationError } from '../core/errors';

export interface CostAllocationTagsProps {
  /** User-defined tag keys to activate for cost allocation (they must have been used on a resource once). */
  readonly tagKeys: readonly string[];
}

/** Activates tags for cost allocation (management account), so Cost Explorer and budgets can group by them. */
export class CostAllocationTags extends Construct {
  constructor(scope: Construct, id: string, props: CostAllocationTagsProps) {
    super(scope, id);
    props.tagKeys.forEach((key, i) => {
      if (props.tagKeys.indexOf(key) !== i) throw new ValidationError(this, 'tagKeys', key, 'is listed twice');
      new CeCostAllocationTag(this, `tag-${key.replace(/[^A-Za-z0-9_-]+/g, '-')}`, { tagKey: key, status: 'Active' });
    });
  }
}
