import { withInputRules } from './input-rules';
import { organizationSchema } from './schema';
import { whenValid } from './settings/refine';
import { organizationRuleProblems } from './settings/organization-rules';
import { organizationPolicyProblems } from './settings/organization-policies-rules';
import { policyAttachmentProblems } from './settings/organization-policy-targets-rules';
import { responseRuleProblems } from './settings/response-rules';
import { edgeProtectionProblems } from './settings/edge-protection-rules';

/**
 * What parseOrganization runs: the schema, the rules relating accounts to each other and to the organisation (on a
 * config whose every field is valid), and the raw-input rules (no Terraform template text, size limits). Built here,
 * not in schema.ts, because the organisation rules read the schema's output type: one place each, no import cycle.
 */
export const organizationInputSchema = withInputRules(
  organizationSchema.check(
    whenValid((config, ctx) => {
      for (const problem of [...organizationRuleProblems(config), ...organizationPolicyProblems(config), ...policyAttachmentProblems(config), ...responseRuleProblems(config), ...edgeProtectionProblems(config)]) ctx.addIssue({ code: 'custom', path: [...problem.path], message: problem.message });
    }),
  ),
);
