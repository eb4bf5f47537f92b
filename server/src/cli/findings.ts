/** The CLI's findings at their places: made in the core (core/placed.ts), which the letters to suppliers share. */
export { placedFindings } from '../core/placed';
export type { JsonFinding } from '../core/placed';
