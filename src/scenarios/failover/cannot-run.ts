import { ArcError, EXIT } from '../../errors/index.js';

/** The trial cannot run as asked (exit 2), as opposed to a run whose numbers breach a threshold (exit 1). */
export class CannotRunError extends ArcError {
  constructor(message: string) {
    super(message, EXIT.usage);
  }
}
