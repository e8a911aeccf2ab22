import { z } from 'zod';

/**
 * RFC 9457 problem details. Every error the API sends has this shape, with a stable
 * snake_case `code` a client can switch on and, for validation errors, the fields at fault.
 */
export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  code: z.string(),
  detail: z.string(),
  errors: z
    .array(
      z.object({
        field: z.string(),
        message: z.string(),
      }),
    )
    .optional(),
});
export type Problem = z.infer<typeof problemSchema>;
