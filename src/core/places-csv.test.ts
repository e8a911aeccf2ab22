import { describe, expect, it } from 'vitest';
import { type PlaceCsvProblem, parsePlaceCsv, placeListLimits } from './places-csv.js';

function problemsOf(text: string): PlaceCsvProblem[] {
  const result = parsePlaceCsv(text);
  if (result.ok) throw new Error(`expected problems, got ${result.places.length} places`);
  return result.problems;
}

describe('parsePlaceCsv', () => {
  it('reads code, name, region, the Welsh name and keeps extra columns as attributes', () => {
    const result = parsePlaceCsv(
      '\ufeffCode,Name,Region,name_cy,held,lost in 2019\n' +
        'W07000081,Ynys Môn,Wales,Ynys Môn,no,yes\n' +
        '\n' +
        'E14001063,"Aldershot, Farnborough",South East,,yes,no\r\n',
    );
    expect(result).toEqual({
      ok: true,
      attributeColumns: ['held', 'lost in 2019'],
      places: [
        {
          code: 'W07000081',
          name: 'Ynys Môn',
          nameCy: 'Ynys Môn',
          region: 'Wales',
          attributes: { held: 'no', 'lost in 2019': 'yes' },
        },
        {
          code: 'E14001063',
          name: 'Aldershot, Farnborough',
          nameCy: null,
          region: 'South East',
          attributes: { held: 'yes', 'lost in 2019': 'no' },
        },
      ],
    });
  });

  it('refuses an empty file and a header without places', () => {
    expect(problemsOf('')).toMatchObject([{ line: 1, column: null, code: 'empty_file' }]);
    expect(problemsOf('\n\n')).toMatchObject([{ line: 1, code: 'empty_file' }]);
    expect(problemsOf('code,name,region\n')).toMatchObject([{ line: 1, code: 'no_places' }]);
  });

  it('names every missing, blank and repeated header column', () => {
    expect(problemsOf('code,title\nA,Alpha\n')).toEqual([
      expect.objectContaining({ line: 1, column: 'name', code: 'missing_column' }),
      expect.objectContaining({ line: 1, column: 'region', code: 'missing_column' }),
    ]);
    expect(problemsOf('code,name,region,,Name\nA,Alpha,North,x,y\n')).toEqual([
      expect.objectContaining({ line: 1, column: '#4', code: 'blank_column_name' }),
      expect.objectContaining({ line: 1, column: 'Name', code: 'duplicate_column' }),
    ]);
  });

  it('reports every bad line with its line number, column and reason', () => {
    const problems = problemsOf(
      [
        'code,name,region,held',
        'A1,Alpha,North,yes', // 2: fine
        ',Beta,North,no', // 3: no code
        'C3,,South,no', // 4: no name
        'A1,Alpha again,North,yes', // 5: duplicate of line 2
        'a1,Alpha shouting,North,yes', // 6: duplicate ignoring case
        'D4,Delta,East', // 7: a value short
        'E5,Echo,West,no,extra', // 8: a value too many
        `F6,${'x'.repeat(placeListLimits.nameMaxLength + 1)},West,no`, // 9: name too long
      ].join('\n'),
    );
    expect(problems.map(({ line, column, code }) => ({ line, column, code }))).toEqual([
      { line: 3, column: 'code', code: 'missing_value' },
      { line: 4, column: 'name', code: 'missing_value' },
      { line: 5, column: 'code', code: 'duplicate_code' },
      { line: 6, column: 'code', code: 'duplicate_code' },
      { line: 7, column: null, code: 'column_count' },
      { line: 8, column: null, code: 'column_count' },
      { line: 9, column: 'name', code: 'too_long' },
    ]);
    expect(problems[2]?.message).toContain('line 2');
    expect(problems[2]?.params).toEqual({ firstLine: 2 });
    expect(problems[4]).toMatchObject({ params: { expected: 4, found: 3 } });
  });

  it('counts lines as the file does, blank lines and quoted line breaks included', () => {
    const problems = problemsOf('code,name,region\n\n"A1","Alpha\nNorth",North\n\nB2,,South\n');
    expect(problems).toMatchObject([{ line: 6, column: 'name', code: 'missing_value' }]);
  });

  it('reports quoting mistakes without hiding the other lines’ problems', () => {
    const stray = problemsOf('code,name,region\nA1,"Al"pha,North\nB2,,South\n');
    expect(stray[0]).toMatchObject({ line: 2, code: 'csv_syntax' });
    const unclosed = problemsOf('code,name,region\nA1,,North\nB2,"Beta,South\nC3,Gamma,East\n');
    expect(unclosed).toEqual([
      expect.objectContaining({ line: 2, column: 'name', code: 'missing_value' }),
      expect.objectContaining({ line: 3, column: null, code: 'csv_syntax' }),
    ]);
  });

  it(`refuses more than ${placeListLimits.maxPlaces} places, naming the first line over`, () => {
    const rows = Array.from({ length: placeListLimits.maxPlaces + 1 }, (_, index) => `P${index},Place ${index},R`);
    const problems = problemsOf(['code,name,region', ...rows].join('\n'));
    expect(problems).toEqual([
      expect.objectContaining({
        line: placeListLimits.maxPlaces + 2,
        code: 'too_many_places',
        params: { max: placeListLimits.maxPlaces, found: placeListLimits.maxPlaces + 1 },
      }),
    ]);
    const exactly = parsePlaceCsv(['code,name,region', ...rows.slice(0, -1)].join('\n'));
    expect(exactly.ok && exactly.places.length).toBe(placeListLimits.maxPlaces);
  });
});
