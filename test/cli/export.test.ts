import { describe, expect, it } from 'vitest';

import { csvCell } from '../../src/cli/commands/export.js';

describe('csvCell', () => {
  it.each([
    ['Ann', 'Ann'],
    ['Smith, Jo', '"Smith, Jo"'],
    ['Jo "JJ" Smith', '"Jo ""JJ"" Smith"'],
    ['Ann;Bo', '"Ann;Bo"'],
    ['two\nlines', '"two\nlines"'],
    [' padded ', '" padded "'],
    ['=SUM(A1)', "'=SUM(A1)"],
    ['+44', "'+44"],
    ['@home', "'@home"],
    ['-x, y', `"'-x, y"`],
  ])('writes %j as %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });
});
