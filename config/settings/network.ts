import { z } from 'zod';

/**
 * Network settings (owned by the network modules). Strict objects: unknown keys are errors.
 */
export const organizationNetworkSchema = z.strictObject({});

export const accountNetworkSchema = z.strictObject({});
