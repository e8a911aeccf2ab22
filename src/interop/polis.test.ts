import { describe, expect, it } from 'vitest';
import { PolisImportError, parsePolisExport } from './polis.js';

const comments = [
  'timestamp,comment-id,author-id,agrees,disagrees,moderated,is-meta,comment-body',
  '1,10,1,0,0,1,0,"Kept, with a comma"',
  '2,2,1,0,0,-1,0,Rejected',
  '3,5,2,0,0,0,1,Meta',
  '4,7,2,0,0,0,false,Plain',
].join('\n');

describe('Pol.is export import', () => {
  it('orders statements by id and excludes rejected and meta comments', () => {
    const conversation = parsePolisExport(comments, 'timestamp,datetime,comment-id,voter-id,vote\n');
    expect(conversation.statements).toEqual([
      { id: '2', excluded: true },
      { id: '5', excluded: true, isMeta: true },
      { id: '7', excluded: false },
      { id: '10', excluded: false },
    ]);
  });

  it('keeps the latest vote by timestamp, whatever the file order', () => {
    const votes = [
      'timestamp,datetime,comment-id,voter-id,vote',
      '300,x,10,4,-1',
      '100,x,10,4,1',
      '200,x,7,9,0',
      '250,x,7,9,1',
      '50,x,99,9,1',
    ].join('\n');
    const conversation = parsePolisExport(comments, votes);
    expect(conversation.participantIds).toEqual(['4', '9']);
    const triplets = Array.from(conversation.votes.values, (value, vote) => [
      conversation.participantIds[conversation.votes.participantIndex[vote] as number],
      conversation.statements[conversation.votes.statementIndex[vote] as number]?.id,
      value,
    ]);
    // Voter 4's later disagree wins; voter 9's agree at 250 wins; the vote on unknown comment 99 is dropped.
    expect(triplets).toEqual([
      ['4', '10', -1],
      ['9', '7', 1],
    ]);
    expect(conversation.voteEventCount).toBe(5);
  });

  it('names the file and line of a malformed row', () => {
    const votes = 'timestamp,datetime,comment-id,voter-id,vote\n1,x,10,4,1\n2,x,10,5,yes\n';
    expect(() => parsePolisExport(comments, votes)).toThrow(PolisImportError);
    expect(() => parsePolisExport(comments, votes)).toThrow('votes.csv:3: column "vote" must be an integer, got "yes"');
    expect(() => parsePolisExport(comments, 'timestamp,comment-id,voter-id,vote\n1,10,4,1,extra\n')).toThrow(
      /votes\.csv:2: malformed CSV/,
    );
    expect(() => parsePolisExport(comments, 'timestamp,comment-id,vote\n')).toThrow(
      'votes.csv:1: missing column "voter-id"',
    );
  });
});
