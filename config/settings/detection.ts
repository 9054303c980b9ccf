import { z } from 'zod';

/**
 * Detection settings (owned by the detection modules). Strict objects: unknown keys are errors.
 */
export const organizationDetectionSchema = z.strictObject({});

export const accountDetectionSchema = z.strictObject({});
