/**
 * The rules of a plan's structure that its schemas cannot say, each written in the contract's
 * descriptions (`ContentBlock`, `PlanWeeks`): a week's number is its position; a step block
 * sets its length target, the value it names and a pace zone, and has no children; an
 * interval has `block_repeat` and children. Ajv has already checked every field at every
 * depth and the nesting depth (`x-astral-max-depth`); these checks name the block's path.
 */
import { InvalidError } from '../../domain/errors.js';
import type { ContentBlock, PlanWeek } from './model.js';

/** The first rule a block breaks, or `undefined`. */
function blockProblem(block: ContentBlock): string | undefined {
  if (block.type === 'interval') {
    if (block.block_repeat === undefined || block.blocks === undefined) return 'an interval needs block_repeat and blocks';
    return undefined;
  }
  if (block.blocks !== undefined || block.block_repeat !== undefined) return `a ${block.type} block has no blocks or block_repeat`;
  if (block.block_length_target === undefined || block.block_pace === undefined)
    return `a ${block.type} block needs block_length_target and block_pace`;
  if (block.block_length_target === 'distance' && block.block_distance_in_meters === undefined)
    return 'a block governed by distance needs block_distance_in_meters';
  if (block.block_length_target === 'duration' && block.block_duration_in_seconds === undefined)
    return 'a block governed by duration needs block_duration_in_seconds';
  return undefined;
}

function checkBlocks(blocks: readonly ContentBlock[], path: string): void {
  blocks.forEach((block, index) => {
    const at = `${path}[${index}]`;
    const problem = blockProblem(block);
    if (problem) throw new InvalidError(at, `${at}: ${problem}`);
    if (block.blocks) checkBlocks(block.blocks, `${at}.blocks`);
  });
}

/**
 * Throws a `400` naming the first week or block that breaks a rule.
 *
 * @example
 * ```ts
 * checkWeeks([{ week_number: 2, days: {} }]); // throws: 400 on weeks[0].week_number
 * ```
 */
export function checkWeeks(weeks: readonly PlanWeek[]): void {
  weeks.forEach((week, index) => {
    if (week.week_number !== index + 1) {
      throw new InvalidError(`weeks[${index}].week_number`, `weeks[${index}].week_number must be ${index + 1}, its position`);
    }
    for (const [day, workout] of Object.entries(week.days)) {
      if (workout) checkBlocks(workout.blocks, `weeks[${index}].days.${day}.blocks`);
    }
  });
}
