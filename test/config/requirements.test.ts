import { describe, expect, it } from 'vitest';
import { bulletRequirements } from '../../src/config/requirements.js';

describe('bulletRequirements', () => {
  it('takes the "- " and "* " lines of a description', () => {
    const description =
      'Add a User model.\n- email is unique\n  * password is hashed  \nNot a bullet\n-no space\n';
    expect(bulletRequirements(description)).toEqual(['email is unique', 'password is hashed']);
  });

  it('is empty when the description has no bullets', () => {
    expect(bulletRequirements('Just prose.')).toEqual([]);
  });
});
