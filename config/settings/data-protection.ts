import { z } from 'zod';

/**
 * Data-protection settings (owned by the KMS, secrets, parameter and storage modules).
 * Strict objects: unknown keys are errors.
 */
export const organizationDataProtectionSchema = z.strictObject({});

export const accountDataProtectionSchema = z.strictObject({});
