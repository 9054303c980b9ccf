import { z } from 'zod';

/**
 * Identity settings (owned by the identity modules: IAM roles, GitHub OIDC, SCPs, Access Analyzer).
 * Strict objects: unknown keys are errors.
 */
export const organizationIdentitySchema = z.strictObject({});

export const accountIdentitySchema = z.strictObject({});
