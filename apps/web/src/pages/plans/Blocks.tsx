/**
 * A workout's content blocks as a nested list: a step reads "Run 400 m at z5", an interval
 * "3 × " over its own list of child blocks, indented (the contract nests them up to 3 deep).
 */
import type { components } from '@astral/openapi';
import { clock } from '../activities/format.js';
import { planDistance, useUnitSystem, type UnitSystem } from '../../units.js';

type ContentBlock = components['schemas']['ContentBlock'];
type PlanWorkout = components['schemas']['PlanWorkout'];

const blockNames: Record<ContentBlock['type'], string> = {
  'warm-up': 'Warm-up',
  run: 'Run',
  interval: 'Repeat',
  'recovery-run': 'Recovery',
  'cool-down': 'Cool-down',
};

/** The length a step is governed by (its `block_length_target`), as words. */
function length(block: ContentBlock, units: UnitSystem): string {
  const byDistance = block.block_length_target === 'distance' || (!block.block_length_target && block.block_distance_in_meters);
  if (byDistance && block.block_distance_in_meters) return planDistance(block.block_distance_in_meters, units);
  if (block.block_duration_in_seconds) return clock(block.block_duration_in_seconds);
  return '';
}

/** One block in words, in the viewer's units: `Run 400 m at z5` (`Run 437 yd at z5`), `Repeat 3 ×`. */
export function blockText(block: ContentBlock, units: UnitSystem): string {
  if (block.type === 'interval') return `${blockNames.interval} ${block.block_repeat ?? 1} ×`;
  return [blockNames[block.type], length(block, units), block.block_pace ? `at ${block.block_pace}` : ''].filter(Boolean).join(' ');
}

export function Blocks({ blocks }: { blocks: readonly ContentBlock[] }) {
  const units = useUnitSystem();
  return (
    <ol className="blocks">
      {blocks.map((block, index) => (
        <li key={index}>
          {blockText(block, units)}
          {block.blocks?.length ? <Blocks blocks={block.blocks} /> : null}
        </li>
      ))}
    </ol>
  );
}

/** A workout's name, its kind and targets, and its blocks. */
export function Workout({ workout }: { workout: PlanWorkout }) {
  const units = useUnitSystem();
  const targets = [
    workout.target_distance_in_meters ? planDistance(workout.target_distance_in_meters, units) : '',
    workout.target_duration_in_seconds ? clock(workout.target_duration_in_seconds) : '',
  ].filter(Boolean);
  return (
    <>
      <p className="workout-name">
        <strong>{workout.workout_name}</strong>
        <br />
        <small>{[workout.workout_sub_type ?? workout.workout_type, ...targets].join(' · ')}</small>
      </p>
      <Blocks blocks={workout.blocks} />
    </>
  );
}
