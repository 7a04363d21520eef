import { z } from 'zod';
import { fieldsOf } from '../flags/field.js';
import { REPORT_FLAGS } from '../flags/report.js';

export const reportOptions = z.object(fieldsOf(REPORT_FLAGS));
export type ReportOptions = z.output<typeof reportOptions>;
