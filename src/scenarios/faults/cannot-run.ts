// The trial cannot run as asked (exit 4), as opposed to a run whose numbers breach a threshold (exit 1).
export { CannotRunError } from '../../errors/index.js';
