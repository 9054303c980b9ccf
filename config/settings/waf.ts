import { z } from 'zod';

/**
 * Waf settings (owned by the waf modules). Strict objects: unknown keys are errors.
 */
export const organizationWafSchema = z.strictObject({});

export const accountWafSchema = z.strictObject({});
