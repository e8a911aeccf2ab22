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
  /** When a throttled request may be tried again (ISO time), on 429s that know it. */
  retryAt: z.string().optional(),
  /**
   * Every bad line of an uploaded CSV (a place list…): where, and a stable `code` with `params` the
   * browser words in its own language; `message` is English, for logs and API clients.
   */
  lines: z
    .array(
      z.object({
        line: z.number().int(),
        column: z.string().nullable(),
        code: z.string(),
        message: z.string(),
        params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
      }),
    )
    .optional(),
});
export type Problem = z.infer<typeof problemSchema>;
