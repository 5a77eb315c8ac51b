/**
 * One content block in the plan editor, and for an interval its children, recursively: a
 * step's kind, whether a distance or a duration governs it, that length and its pace zone;
 * an interval's repeat count and child blocks. Children can be added only while the contract's
 * `x-astral-max-depth` allows (`mayNest`), and a block at the deepest level cannot become an
 * interval. The API's 400 shows at the input its `details.field` names (`…blocks[1].blocks[0]`
 * at the block's kind, `…blocks[0].block_repeat` at the repeat count).
 */
import { Field } from '../../../ui/Field.js';
import { Options } from '../../../ui/Options.js';
import { blockTypesAt, errorAt, mayNest, newStep, withType, type Block } from './plan-model.js';

interface BlockProps {
  block: Block;
  /** The block's request path: `weeks[0].days.tuesday.blocks[1]`. */
  path: string;
  /** 1 for a workout's blocks, 2 for their children, and so on. */
  depth: number;
  /** Names the block for the ear: "Block 2", "Block 2.1". */
  name: string;
  error: unknown;
  onChange: (block: Block) => void;
  onRemove: (() => void) | undefined;
}

const positive = (value: string): number => Math.max(1, Math.round(Number(value)));

export function BlockEditor({ block, path, depth, name, error, onChange, onRemove }: BlockProps) {
  const set = (change: Partial<Block>) => onChange({ ...block, ...change });
  return (
    <fieldset className="block-editor" aria-label={name}>
      <legend>{name}</legend>
      <div className="block-row">
        <Field label="Kind" error={errorAt(error, path) ?? errorAt(error, `${path}.type`)}>
          <select value={block.type} onChange={(e) => onChange(withType(block, e.target.value as Block['type']))}>
            <Options values={blockTypesAt(depth)} />
          </select>
        </Field>
        {block.type === 'interval' ? (
          <Field label="Repeat (times)" error={errorAt(error, `${path}.block_repeat`)}>
            <input
              type="number"
              min={1}
              required
              value={block.block_repeat ?? 1}
              onChange={(e) => set({ block_repeat: positive(e.target.value) })}
            />
          </Field>
        ) : (
          <StepInputs block={block} path={path} error={error} set={set} />
        )}
        {onRemove ? (
          <button type="button" className="outline secondary" onClick={onRemove} aria-label={`Remove ${name}`}>
            Remove
          </button>
        ) : null}
      </div>
      {block.type === 'interval' ? (
        <ChildBlocks block={block} path={path} depth={depth} name={name} error={error} onChange={onChange} />
      ) : null}
    </fieldset>
  );
}

function StepInputs({ block, path, error, set }: { block: Block; path: string; error: unknown; set: (change: Partial<Block>) => void }) {
  const byDistance = block.block_length_target !== 'duration';
  // The one length field the target asks for: its name in the contract and its label.
  const length = byDistance
    ? ({ key: 'block_distance_in_meters', label: 'Distance (m)' } as const)
    : ({ key: 'block_duration_in_seconds', label: 'Duration (s)' } as const);
  return (
    <>
      <Field label="By" error={errorAt(error, `${path}.block_length_target`)}>
        <select
          value={byDistance ? 'distance' : 'duration'}
          onChange={(e) =>
            set(
              e.target.value === 'duration'
                ? { block_length_target: 'duration', block_duration_in_seconds: block.block_duration_in_seconds ?? 600 }
                : { block_length_target: 'distance', block_distance_in_meters: block.block_distance_in_meters ?? 1000 },
            )
          }
        >
          <option value="distance">distance</option>
          <option value="duration">duration</option>
        </select>
      </Field>
      <Field label={length.label} error={errorAt(error, `${path}.${length.key}`)}>
        <input
          type="number"
          min={1}
          required
          value={block[length.key] ?? ''}
          onChange={(e) => set({ [length.key]: positive(e.target.value) })}
        />
      </Field>
      <Field label="Pace zone" error={errorAt(error, `${path}.block_pace`)}>
        <select value={block.block_pace ?? 'z2'} onChange={(e) => set({ block_pace: e.target.value as Block['block_pace'] })}>
          <Options values={__ASTRAL_BLOCK_PACES__} />
        </select>
      </Field>
    </>
  );
}

/** An interval's children, each a block one level deeper, and "Add a block" while the contract allows it. */
function ChildBlocks({ block, path, depth, name, error, onChange }: Omit<BlockProps, 'onRemove'>) {
  const children = block.blocks ?? [];
  const setChildren = (blocks: Block[]) => onChange({ ...block, blocks });
  return (
    <div className="child-blocks">
      {children.map((child, index) => (
        <BlockEditor
          key={index}
          block={child}
          path={`${path}.blocks[${index}]`}
          depth={depth + 1}
          name={`${name}.${index + 1}`}
          error={error}
          onChange={(changed) => setChildren(children.map((b, i) => (i === index ? changed : b)))}
          onRemove={children.length > 1 ? () => setChildren(children.filter((_, i) => i !== index)) : undefined}
        />
      ))}
      {mayNest(depth) ? (
        <button type="button" className="secondary" onClick={() => setChildren([...children, newStep('recovery-run')])}>
          Add a block to {name}
        </button>
      ) : null}
    </div>
  );
}
