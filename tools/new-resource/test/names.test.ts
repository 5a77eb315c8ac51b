// The spellings a resource name derives, the names refused, and the template substitution.
import { describe, expect, it } from 'vitest';
import { plural, resourceNames, substitute } from '../src/names.mjs';

/** The spellings of a name this file expects to be valid. */
function namesOf(name: string, options?: { plural?: string }) {
  const { names, error } = resourceNames(name, options);
  if (!names) throw new Error(error);
  return names;
}

describe('resourceNames', () => {
  it('derives every spelling of a one-word name', () => {
    expect(namesOf('Shoe')).toEqual({
      pascal: 'Shoe',
      pascalPlural: 'Shoes',
      camel: 'shoe',
      camelPlural: 'shoes',
      snake: 'shoe',
      snakePlural: 'shoes',
      kebab: 'shoe',
      kebabPlural: 'shoes',
      lower: 'shoe',
      lowerPlural: 'shoes',
      sentence: 'Shoe',
      sentencePlural: 'Shoes',
      tag: 'Shoes',
      article: 'a',
      idPrefix: 'shoe',
    });
  });

  it('reads words separated by spaces or hyphens, or PascalCase, alike', () => {
    for (const name of ['Training Plan', 'training plan', 'Training-Plan', 'TrainingPlan']) {
      expect(namesOf(name)).toMatchObject({
        pascalPlural: 'TrainingPlans',
        camelPlural: 'trainingPlans',
        snakePlural: 'training_plans',
        kebabPlural: 'training-plans',
        tag: 'Training Plans',
        idPrefix: 'training_plan',
      });
    }
  });

  it('pluralises the last word only, and takes --plural for an irregular one', () => {
    expect(namesOf('Activity').snakePlural).toBe('activities');
    expect(namesOf('Shoe Box').kebabPlural).toBe('shoe-boxes');
    expect(namesOf('Person', { plural: 'People' })).toMatchObject({ pascalPlural: 'People', kebab: 'person' });
    expect(['race', 'day', 'match', 'bus'].map(plural)).toEqual(['races', 'days', 'matches', 'buses']);
  });

  it('uses "an" before a vowel', () => {
    expect(namesOf('Activity').article).toBe('an');
  });

  it('refuses malformed names with a reason', () => {
    for (const name of ['', '  ', '2 shoes', 'shoe_box', 'Shoe!', 'ab', 'x'.repeat(41)]) {
      expect(resourceNames(name).error, name).toMatch(/is not a resource name/);
    }
    expect(resourceNames('Sheep', { plural: 'Sheep' }).error).toMatch(/same singular and plural/);
    expect(resourceNames('Class').error).toMatch(/reserved word/);
  });
});

describe('substitute', () => {
  const names = namesOf('Training Plan');

  it('rewrites every spelling of the template name, longest first', () => {
    expect(
      substitute('listSampleItems getSampleItem /sample-items/{sample_item_id} sample_items SampleItemStorage sampleItems', names),
    ).toBe('listTrainingPlans getTrainingPlan /training-plans/{training_plan_id} training_plans TrainingPlanStorage trainingPlans');
    expect(substitute('tags: [Sample Items] Sample item created. Sample items. a sample item, sample item', names)).toBe(
      'tags: [Training Plans] Training plan created. Training plans. a training plan, training plan',
    );
    expect(substitute('Create a sample item', namesOf('Activity'))).toBe('Create an activity');
  });

  it("sizes the id's maxLength to the new prefix and rewrites the example cursor", () => {
    expect(substitute('pattern: ^sample_item_[A-Za-z0-9]{1,64}$\nmaxLength: 76', namesOf('Shoe'))).toBe(
      'pattern: ^shoe_[A-Za-z0-9]{1,64}$\nmaxLength: 69',
    );
    const cursor = substitute('eyJpIjoic2FtcGxlX2l0ZW1feHl6NDU2In0', namesOf('Shoe'));
    expect(JSON.parse(Buffer.from(cursor, 'base64url').toString())).toEqual({ i: 'shoe_xyz456' });
  });
});
