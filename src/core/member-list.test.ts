import { describe, expect, it } from 'vitest';
import { memberListLimits, parseMemberList } from './member-list.js';

const questions = [
  {
    id: 10,
    prompt: 'Which valley do you live in?',
    kind: 'region',
    options: [
      { id: 101, label: 'Rhondda' },
      { id: 102, label: 'Cynon' },
    ],
  },
  { id: 20, prompt: 'Your role?', kind: 'other', options: [{ id: 201, label: 'Member' }] },
  { id: 30, prompt: 'Anything else?', kind: 'other', options: [{ id: 301, label: 'Yes' }] },
];
const none = new Set<string>();

function problemsOf(text: string, invited: ReadonlySet<string> = none) {
  const result = parseMemberList(text, questions, invited);
  if (result.ok) throw new Error('expected problems');
  return result.problems.map((problem) => [problem.line, problem.column, problem.code]);
}

describe('parseMemberList', () => {
  it('reads emails (lower-cased), names and answers by prompt or kind, case and spacing aside', () => {
    const result = parseMemberList(
      '\uFEFFEmail , Name,which valley  do you live in?\nAnn@Example.org,Ann Jones, cynon \nbob@example.org,,\n',
      questions,
      none,
    );
    expect(result).toEqual({
      ok: true,
      members: [
        { line: 2, email: 'ann@example.org', name: 'Ann Jones', answers: [{ questionId: 10, optionId: 102 }] },
        { line: 3, email: 'bob@example.org', name: null, answers: [] },
      ],
    });
    const byKind = parseMemberList('email,region\nann@example.org,Rhondda', questions, none);
    expect(byKind.ok && byKind.members[0]?.answers).toEqual([{ questionId: 10, optionId: 101 }]);
  });

  it('reads a list pasted from a spreadsheet (tabs), with Welsh headers and a trailing empty column', () => {
    const result = parseMemberList('e-bost\tenw\t\nann@example.org\tAnn\t\n', questions, none);
    expect(result).toEqual({ ok: true, members: [{ line: 2, email: 'ann@example.org', name: 'Ann', answers: [] }] });
  });

  it('numbers lines as the file does, counting blank lines and values that span lines', () => {
    const text = 'email,name\n\nann@example.org,"Ann\nJones"\nnot-an-email,Bob\n';
    expect(problemsOf(text)).toEqual([[5, 'email', 'bad_email']]);
  });

  it('reports every bad line at once, in line order', () => {
    const text = [
      'email,name,region',
      'ann@example.org,Ann,Swansea',
      'bad,Bob,Cynon',
      'ann@example.org,Ann again,',
      'dai@example.org,Dai,',
    ].join('\n');
    expect(problemsOf(text, new Set(['dai@example.org']))).toEqual([
      [2, 'region', 'unknown_option'],
      [3, 'email', 'bad_email'],
      [4, 'email', 'duplicate_email'],
      [5, 'email', 'already_invited'],
    ]);
  });

  it('refuses a column whose kind matches more than one question, or none', () => {
    expect(problemsOf('email,other,colour\nann@example.org,Yes,red')).toEqual([
      [1, 'other', 'ambiguous_column'],
      [1, 'colour', 'unknown_column'],
    ]);
  });

  it('names the duplicate line and a short list of options in its messages', () => {
    const result = parseMemberList('email,region\nann@example.org,Swansea\nann@example.org,', questions, none);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0]?.message).toContain('(Rhondda, Cynon)');
    expect(result.problems[1]).toMatchObject({ code: 'duplicate_email', params: { firstLine: 2 } });
  });

  it('refuses an empty file, and more members than a list may hold', () => {
    expect(problemsOf('')).toEqual([[1, null, 'empty_file']]);
    const many = ['email', ...Array.from({ length: memberListLimits.maxMembers + 1 }, (_, i) => `m${i}@example.org`)];
    expect(problemsOf(many.join('\n'))).toEqual([[memberListLimits.maxMembers + 2, null, 'too_many_members']]);
  });
});
