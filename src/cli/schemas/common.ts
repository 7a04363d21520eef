import { z } from 'zod';
import { RUNTIME_CHOICES } from '../../runtime/choices.js';
import { DEFAULT_SENTINEL, DEFAULT_SPEC_FILE } from '../../specfile/defaults.js';

// Fields several commands share; each command's schema spreads the ones it declares.

export const specField = { spec: z.string().default(DEFAULT_SPEC_FILE) };
export const jsonField = { json: z.boolean().default(false) };
export const runtimeField = { runtime: z.enum(RUNTIME_CHOICES).default('auto') };
export const prefixField = { prefix: z.string().optional() };

/** The attach flags (src/cli/attach-options.ts); commander already refuses --sentinel with --cluster or --url. */
export const attachFields = {
  sentinel: z.string().optional(),
  masterName: z.string().default(DEFAULT_SENTINEL.masterName),
  cluster: z.string().optional(),
  url: z.string().optional(),
  password: z.string().optional(),
  passwordFile: z.string().optional(),
  user: z.string().optional(),
  userPasswordFile: z.string().optional(),
  tlsCa: z.string().optional(),
  tlsCert: z.string().optional(),
  tlsKey: z.string().optional(),
  map: z.string().optional(),
};

/** Whole numbers: commander has already checked each flag's range and says so in its own words. */
export const count = () => z.number().int();
