import { z } from 'zod';
import { fieldsOf } from '../flags/field.js';
import { LOGS_FLAGS } from '../flags/logs.js';

export const logsOptions = z.object(fieldsOf(LOGS_FLAGS));
export type LogsOptions = z.output<typeof logsOptions>;
