/**
 * The demo review's content, written for Common Ground: a fictional movement ("the Alliance")
 * reviewing a general-election defeat. Each statement carries how likely each of three planted
 * opinion groups is to agree, so the synthetic votes have real structure for the analysis to find:
 * some statements divide, some hold across every group.
 */

export const demoReview = {
  slug: 'after-the-defeat',
  title: 'After the defeat: what went wrong, and where do we agree?',
  introduction: [
    'We lost. Before anyone writes the official story, we want to hear from **everyone**: members, supporters, councillors, and the voters who turned away from us.',
    '',
    'Here you will see short statements written by people across the movement. For each one, say whether you **agree**, **disagree**, or want to **pass**. There are no right answers. You can add a statement of your own, and change any vote later.',
    '',
    'Your votes are pseudonymous: we never ask for your name. The optional questions about where you stand help us check that what we find holds across every tradition, not just the loudest one. Skip any of them.',
  ].join('\n'),
};

/** Three planted groups: roughly "modernisers", "heartland traditionalists" and "green left". */
export const demoStatements: Array<{ text: string; agree: [number, number, number] }> = [
  { text: 'We stopped listening to the places that used to vote for us.', agree: [0.8, 0.95, 0.75] },
  { text: 'Our candidates in marginal seats needed more support from the centre, earlier.', agree: [0.85, 0.8, 0.8] },
  { text: 'Volunteers on the doorstep should have a real say in the next manifesto.', agree: [0.7, 0.9, 0.9] },
  {
    text: 'The manifesto promised too much and voters did not believe we could pay for it.',
    agree: [0.85, 0.45, 0.15],
  },
  { text: 'Our economic offer was bold enough; the problem was how we explained it.', agree: [0.2, 0.5, 0.85] },
  { text: 'We should have taken a clear position on immigration much earlier.', agree: [0.6, 0.85, 0.2] },
  { text: 'Climate policy should sit at the centre of everything we campaign on.', agree: [0.45, 0.2, 0.95] },
  { text: 'Factional fighting cost us more votes than any single policy did.', agree: [0.9, 0.85, 0.7] },
  { text: 'Our leader was a liability on the doorstep.', agree: [0.8, 0.6, 0.25] },
  { text: 'The media treated us unfairly and we should say so more loudly.', agree: [0.15, 0.55, 0.8] },
  { text: 'We need more candidates who have worked outside politics.', agree: [0.85, 0.9, 0.7] },
  { text: 'Working with other parties at the next election is worth exploring.', agree: [0.55, 0.2, 0.85] },
  { text: 'Local councillors know their communities better than head office does.', agree: [0.75, 0.95, 0.8] },
  { text: 'We should pledge to rejoin the European single market.', agree: [0.6, 0.1, 0.8] },
  { text: 'Our online campaign talked to people who already agreed with us.', agree: [0.8, 0.7, 0.75] },
  { text: 'Trade unions should keep their formal role in choosing our leader.', agree: [0.2, 0.8, 0.6] },
  { text: 'We treated rural seats as a lost cause and it showed.', agree: [0.7, 0.85, 0.55] },
  { text: 'Members should be able to see how campaign money was spent.', agree: [0.85, 0.9, 0.9] },
  { text: 'Public ownership of rail and water should stay in our programme.', agree: [0.35, 0.7, 0.95] },
  { text: 'Tax rises on high earners frightened away voters we needed.', agree: [0.75, 0.4, 0.1] },
  { text: 'Every member should get training before the next campaign starts.', agree: [0.7, 0.75, 0.8] },
  { text: 'We should apologise for the way the last leadership contest was run.', agree: [0.5, 0.55, 0.6] },
  { text: 'Our messages were written in the language of activists, not voters.', agree: [0.9, 0.85, 0.5] },
  { text: 'A four-day working week should be a headline policy.', agree: [0.2, 0.3, 0.9] },
];

export const demoQuestions: Array<{
  prompt: string;
  kind: 'tradition' | 'referendum' | 'role' | 'region';
  options: string[];
  /** Likelihood of each option in each planted group (rows need not sum to 1; they are normalised). */
  weights: [number[], number[], number[]];
}> = [
  {
    prompt: 'Which tradition in the movement do you feel closest to?',
    kind: 'tradition',
    options: ['Social democrat', 'Democratic socialist', 'Green left', 'Trade unionist', 'None of these'],
    weights: [
      [6, 1, 1, 1, 2],
      [2, 3, 0.5, 5, 1],
      [1, 4, 5, 1, 1],
    ],
  },
  {
    prompt: 'How did you vote in the 2016 EU referendum?',
    kind: 'referendum',
    options: ['Remain', 'Leave', 'Did not vote'],
    weights: [
      [6, 2, 1],
      [3, 5, 1],
      [7, 1, 1],
    ],
  },
  {
    prompt: 'How are you connected to the movement?',
    kind: 'role',
    options: [
      'Member',
      'Supporter',
      'Voted for us before, not this time',
      'Elected representative',
      'Staff or volunteer',
    ],
    weights: [
      [5, 2, 2, 1, 1],
      [5, 2, 3, 1, 1],
      [6, 3, 1, 0.5, 1],
    ],
  },
  {
    prompt: 'Which part of the UK do you live in?',
    kind: 'region',
    options: ['Scotland', 'Wales', 'Northern Ireland', 'North of England', 'Midlands', 'South of England', 'London'],
    weights: [
      [1, 1, 0.3, 2, 2, 3, 3],
      [1, 2, 0.3, 4, 3, 1, 1],
      [2, 1.5, 0.3, 2, 1, 2, 3],
    ],
  },
];
