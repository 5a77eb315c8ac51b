/**
 * One week in the plan editor: its seven days, each a rest day ("Add a workout") or its one
 * workout (name, sport, and its content blocks in order, `BlockEditor`). The API's 400 on a
 * workout's field shows at that input.
 */
import { Field } from '../../../ui/Field.js';
import { Options } from '../../../ui/Options.js';
import { BlockEditor } from './BlockEditor.js';
import { dayPath, errorAt, newStep, newWorkout, type Block, type Week, type Weekday, type Workout } from './plan-model.js';

const dayName = (day: string): string => day.charAt(0).toUpperCase() + day.slice(1);

export function WeekEditor({
  week,
  index,
  error,
  onChange,
  onRemove,
}: {
  week: Week;
  index: number;
  error: unknown;
  onChange: (week: Week) => void;
  onRemove: (() => void) | undefined;
}) {
  const setDay = (day: Weekday, workout: Workout | null) => onChange({ ...week, days: { ...week.days, [day]: workout } });
  const heading = `edit-week-${week.week_number}`;
  return (
    <section aria-labelledby={heading} className="week-editor">
      <h2 id={heading}>Week {week.week_number}</h2>
      {onRemove ? (
        <button type="button" className="outline secondary" onClick={onRemove}>
          Remove week {week.week_number}
        </button>
      ) : null}
      <ol className="day-editors">
        {__ASTRAL_WEEKDAYS__.map((day) => {
          const workout = week.days[day];
          const label = `Week ${week.week_number} ${dayName(day)}`;
          return (
            <li key={day}>
              <h3>{dayName(day)}</h3>
              {workout ? (
                <WorkoutEditor
                  workout={workout}
                  path={dayPath(index, day)}
                  label={label}
                  error={error}
                  onChange={(changed) => setDay(day, changed)}
                  onRemove={() => setDay(day, null)}
                />
              ) : (
                <button
                  type="button"
                  className="secondary"
                  onClick={() => setDay(day, newWorkout())}
                  aria-label={`Add a workout on ${label}`}
                >
                  Add a workout
                </button>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

function WorkoutEditor({
  workout,
  path,
  label,
  error,
  onChange,
  onRemove,
}: {
  workout: Workout;
  path: string;
  label: string;
  error: unknown;
  onChange: (workout: Workout) => void;
  onRemove: () => void;
}) {
  const setBlocks = (blocks: Block[]) => onChange({ ...workout, blocks });
  return (
    <div className="workout-editor">
      <Field label="Workout" error={errorAt(error, `${path}.workout_name`) ?? errorAt(error, path)}>
        <input required value={workout.workout_name} onChange={(e) => onChange({ ...workout, workout_name: e.target.value })} />
      </Field>
      <Field label="Sport" error={errorAt(error, `${path}.workout_type`)}>
        <select
          value={workout.workout_type}
          onChange={(e) => onChange({ ...workout, workout_type: e.target.value as Workout['workout_type'] })}
        >
          <Options values={__ASTRAL_WORKOUT_TYPES__} />
        </select>
      </Field>
      {workout.blocks.map((block, index) => (
        <BlockEditor
          key={index}
          block={block}
          path={`${path}.blocks[${index}]`}
          depth={1}
          name={`${label} block ${index + 1}`}
          error={error}
          onChange={(changed) => setBlocks(workout.blocks.map((b, i) => (i === index ? changed : b)))}
          onRemove={() => setBlocks(workout.blocks.filter((_, i) => i !== index))}
        />
      ))}
      <div className="editor-actions">
        <button
          type="button"
          className="secondary"
          onClick={() => setBlocks([...workout.blocks, newStep()])}
          aria-label={`Add a block to ${label}`}
        >
          Add a block
        </button>
        <button type="button" className="outline secondary" onClick={onRemove} aria-label={`Make ${label} a rest day`}>
          Rest day
        </button>
      </div>
    </div>
  );
}
