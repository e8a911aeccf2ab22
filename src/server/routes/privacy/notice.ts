import type { PrivacyNotice } from '../../../contract/index.js';
import { retentionDueAt } from '../../../core/retention.js';
import type { ReviewRow } from '../../../store/store.js';

type Language = PrivacyNotice['language'];
type Section = PrivacyNotice['sections'][number];

/** Dates in the notice are days, the same in both languages (YYYY-MM-DD), so no locale data is needed. */
function day(iso: string): string {
  return iso.slice(0, 10);
}

/**
 * The review's privacy notice, written from its settings so that what it promises is what the code
 * does: erasure as `votesOnErasure` says, retention as `retentionDays` says. Both languages are
 * written here side by side so a change to one is seen next to the other.
 */
export function buildPrivacyNotice(review: ReviewRow, language: Language, now: string): PrivacyNotice {
  const dueAt = retentionDueAt(review);
  const text = language === 'cy' ? welsh : english;
  const sections: Section[] = [
    { id: 'who', heading: text.whoHeading, paragraphs: [text.who(review.title), text.contact(review.privacyContact)] },
    { id: 'collected', heading: text.collectedHeading, paragraphs: text.collected },
    { id: 'lawful-basis', heading: text.lawfulBasisHeading, paragraphs: text.lawfulBasis },
    {
      id: 'who-sees',
      heading: text.whoSeesHeading,
      paragraphs: [...text.whoSees, review.resultsVisibility === 'public' ? text.resultsPublic : text.resultsTeam],
    },
    { id: 'retention', heading: text.retentionHeading, paragraphs: retentionParagraphs(review, dueAt, now, text) },
    {
      id: 'erasure',
      heading: text.erasureHeading,
      paragraphs: [
        text.rights,
        ...(review.votesOnErasure === 'anonymise' ? text.erasureAnonymise : text.erasureRemove),
        text.complain,
      ],
    },
  ];
  return {
    language,
    review: { slug: review.slug, title: review.title },
    settings: {
      votesOnErasure: review.votesOnErasure,
      retentionDays: review.retentionDays,
      closedAt: review.closedAt,
      retentionDueAt: dueAt,
      contact: review.privacyContact,
    },
    sections,
  };
}

function retentionParagraphs(review: ReviewRow, dueAt: string | null, now: string, text: NoticeText): string[] {
  if (review.retentionDays === null) return [text.retentionNone];
  const paragraphs = [text.retentionDays(review.retentionDays), text.retentionKept];
  if (review.closedAt !== null && dueAt !== null) {
    const done =
      review.identifyingDataDeletedAt !== null &&
      Date.parse(review.identifyingDataDeletedAt) >= Date.parse(review.closedAt);
    if (done && review.identifyingDataDeletedAt !== null)
      paragraphs.push(text.retentionDone(day(review.identifyingDataDeletedAt)));
    else paragraphs.push(text.retentionDue(day(review.closedAt), day(dueAt), Date.parse(dueAt) <= Date.parse(now)));
  }
  return paragraphs;
}

interface NoticeText {
  whoHeading: string;
  who: (title: string) => string;
  contact: (contact: string | null) => string;
  collectedHeading: string;
  collected: string[];
  lawfulBasisHeading: string;
  lawfulBasis: string[];
  whoSeesHeading: string;
  whoSees: string[];
  resultsPublic: string;
  resultsTeam: string;
  retentionHeading: string;
  retentionNone: string;
  retentionDays: (days: number) => string;
  retentionKept: string;
  retentionDue: (closedOn: string, dueOn: string, pending: boolean) => string;
  retentionDone: (doneOn: string) => string;
  erasureHeading: string;
  rights: string;
  erasureRemove: string[];
  erasureAnonymise: string[];
  complain: string;
}

const english: NoticeText = {
  whoHeading: 'Who is responsible',
  who: (title) =>
    `The review “${title}” is run by its organisers, who decide why and how your data is used in it. This notice covers this review only: taking part in another review is kept entirely apart.`,
  contact: (contact) =>
    contact
      ? `To ask about your data, write to: ${contact}.`
      : 'To ask about your data, contact the organisers of this review through whoever invited you to take part.',
  collectedHeading: 'What we collect',
  collected: [
    'A random code kept in a cookie on your device, so your votes can be told apart without knowing who you are. We never ask for your name, email or address to take part.',
    'Your votes (agree, disagree or pass) on each statement, and when you cast them.',
    'Statements you write, your answers to open questions and any feedback you give.',
    'Your answers to the review’s questions about you (for example your region or tradition), if it asks any and you give them.',
    'If you joined through a personal invitation: the organisers hold your name and email on their member list, but nothing records which participant you became; we note only that you were invited.',
  ],
  lawfulBasisHeading: 'Why we may use it',
  lawfulBasis: [
    'Your votes and your answers about yourself can reveal your political opinions, which are special category data under Article 9 of the UK GDPR.',
    'We use them only with your explicit consent (Article 9(2)(a)), which you give by choosing to take part, and which is also our lawful basis under Article 6(1)(a). You can withdraw it at any time by erasing your data, as described below.',
  ],
  whoSeesHeading: 'Who sees what',
  whoSees: [
    'Other participants see the statements and nothing of your votes or answers.',
    'Nobody sees who wrote a statement. Moderators (and organisers) read statements to accept or reject them, without their authors.',
    'The review’s team (owners, organisers, moderators, facilitators and analysts) sees only totals and opinion groups. Counts of answers about people show fewer than 10 people as “fewer than 10”. Exports name participants only by a number.',
    'Owners and organisers see the names and emails on the member list of people they invited, never linked to votes or answers.',
  ],
  resultsPublic: 'The results (opinion groups and totals) can be read by anyone who can see this review.',
  resultsTeam: 'The results (opinion groups and totals) are for the review’s team only.',
  retentionHeading: 'How long we keep it',
  retentionNone:
    'This review has no set retention period: your data is kept until the organisers delete the review. You can erase it yourself at any time.',
  retentionDays: (days) =>
    `Identifying data is deleted ${days} ${days === 1 ? 'day' : 'days'} after the review closes: answers about yourself, answers to open questions, the link between you and statements you wrote or feedback you gave, names and emails of people invited, and the code that ties your device to your votes.`,
  retentionKept:
    'Votes and statement texts are kept after that, with nothing that identifies you, so the results still stand.',
  retentionDue: (closedOn, dueOn, pending) =>
    pending
      ? `The review closed on ${closedOn}; the deletion was due on ${dueOn} and happens within the hour.`
      : `The review closed on ${closedOn}; the deletion happens on ${dueOn}.`,
  retentionDone: (doneOn) => `This was done on ${doneOn}.`,
  erasureHeading: 'Your rights and what erasing does',
  rights:
    'You can download everything this review holds about you, and erase it, on the “Your data” page of the review. You may also ask the contact above to correct your data or restrict its use.',
  erasureRemove: [
    'Erasing deletes your answers about yourself, your answers to open questions, your feedback and all your votes, in one step.',
    'Statements you wrote are deleted, unless other people have voted on them: then they stay, since they are part of those people’s votes too, with nothing linking them to you.',
    'Your device’s code is forgotten: if you come back, you start as a new participant.',
  ],
  erasureAnonymise: [
    'Erasing deletes your answers about yourself, your answers to open questions, your feedback and the code that ties your device to you, in one step.',
    'Your votes are kept only as an anonymous contribution to the results: they move to a new record with no code, no answers about you and no times (only the day of erasure), so they cannot be linked back to you, even by the organisers.',
    'Statements you wrote are deleted, unless other people have voted on them: then they stay, with nothing linking them to you. If you come back, you start as a new participant.',
  ],
  complain:
    'If you are unhappy with how your data is handled, you can complain to the Information Commissioner’s Office (ico.org.uk).',
};

const welsh: NoticeText = {
  whoHeading: 'Pwy sy’n gyfrifol',
  who: (title) =>
    `Trefnwyr yr adolygiad “${title}” sy’n ei gynnal, a nhw sy’n penderfynu pam a sut y defnyddir eich data ynddo. Mae’r hysbysiad hwn yn ymwneud â’r adolygiad hwn yn unig: cedwir cymryd rhan mewn adolygiad arall yn gwbl ar wahân.`,
  contact: (contact) =>
    contact
      ? `I holi am eich data, ysgrifennwch at: ${contact}.`
      : 'I holi am eich data, cysylltwch â threfnwyr yr adolygiad hwn drwy bwy bynnag a’ch gwahoddodd i gymryd rhan.',
  collectedHeading: 'Beth rydym yn ei gasglu',
  collected: [
    'Cod ar hap a gedwir mewn cwci ar eich dyfais, er mwyn gwahaniaethu rhwng eich pleidleisiau heb wybod pwy ydych chi. Nid ydym byth yn gofyn am eich enw, e-bost na chyfeiriad er mwyn cymryd rhan.',
    'Eich pleidleisiau (cytuno, anghytuno neu basio) ar bob datganiad, a phryd y bwriwyd nhw.',
    'Datganiadau rydych yn eu hysgrifennu, eich atebion i gwestiynau agored ac unrhyw adborth a roddwch.',
    'Eich atebion i gwestiynau’r adolygiad amdanoch chi (er enghraifft eich rhanbarth neu’ch traddodiad), os yw’n gofyn rhai ac os ydych yn eu hateb.',
    'Os ymunoch drwy wahoddiad personol: mae gan y trefnwyr eich enw a’ch e-bost ar eu rhestr aelodau, ond nid oes dim yn cofnodi pa gyfranogwr y daethoch; dim ond nodi i chi gael eich gwahodd a wnawn.',
  ],
  lawfulBasisHeading: 'Pam y cawn ei ddefnyddio',
  lawfulBasis: [
    'Gall eich pleidleisiau a’ch atebion amdanoch eich hun ddatgelu eich barn wleidyddol, sy’n ddata categori arbennig o dan Erthygl 9 GDPR y DU.',
    'Rydym yn eu defnyddio gyda’ch caniatâd penodol yn unig (Erthygl 9(2)(a)), a roddwch drwy ddewis cymryd rhan, a dyna hefyd ein sail gyfreithlon o dan Erthygl 6(1)(a). Gallwch ei dynnu’n ôl unrhyw bryd drwy ddileu eich data, fel y disgrifir isod.',
  ],
  whoSeesHeading: 'Pwy sy’n gweld beth',
  whoSees: [
    'Mae cyfranogwyr eraill yn gweld y datganiadau a dim byd o’ch pleidleisiau na’ch atebion.',
    'Does neb yn gweld pwy ysgrifennodd ddatganiad. Mae cymedrolwyr (a threfnwyr) yn darllen datganiadau i’w derbyn neu eu gwrthod, heb eu hawduron.',
    'Dim ond cyfansymiau a grwpiau barn y mae tîm yr adolygiad (perchnogion, trefnwyr, cymedrolwyr, hwyluswyr a dadansoddwyr) yn eu gweld. Mae cyfrifon o atebion am bobl yn dangos llai na 10 o bobl fel “llai na 10”. Mae allforion yn enwi cyfranogwyr â rhif yn unig.',
    'Mae perchnogion a threfnwyr yn gweld yr enwau a’r cyfeiriadau e-bost ar restr aelodau’r bobl a wahoddwyd ganddynt, heb eu cysylltu byth â phleidleisiau nac atebion.',
  ],
  resultsPublic:
    'Gall unrhyw un sy’n gallu gweld yr adolygiad hwn ddarllen y canlyniadau (grwpiau barn a chyfansymiau).',
  resultsTeam: 'Mae’r canlyniadau (grwpiau barn a chyfansymiau) ar gyfer tîm yr adolygiad yn unig.',
  retentionHeading: 'Am ba hyd rydym yn ei gadw',
  retentionNone:
    'Nid oes cyfnod cadw penodol i’r adolygiad hwn: cedwir eich data nes i’r trefnwyr ddileu’r adolygiad. Gallwch ei ddileu eich hun unrhyw bryd.',
  retentionDays: (days) =>
    `Caiff data sy’n eich adnabod ei ddileu ${days} ${days === 1 ? 'diwrnod' : 'o ddiwrnodau'} ar ôl i’r adolygiad gau: atebion amdanoch eich hun, atebion i gwestiynau agored, y cysylltiad rhyngoch chi a datganiadau a ysgrifennoch neu adborth a roesoch, enwau a chyfeiriadau e-bost pobl a wahoddwyd, a’r cod sy’n clymu eich dyfais wrth eich pleidleisiau.`,
  retentionKept:
    'Cedwir pleidleisiau a thestun datganiadau ar ôl hynny, heb ddim sy’n eich adnabod, fel bod y canlyniadau’n dal i sefyll.',
  retentionDue: (closedOn, dueOn, pending) =>
    pending
      ? `Caeodd yr adolygiad ar ${closedOn}; roedd y dileu i fod ar ${dueOn} ac fe ddigwydd o fewn yr awr.`
      : `Caeodd yr adolygiad ar ${closedOn}; bydd y dileu’n digwydd ar ${dueOn}.`,
  retentionDone: (doneOn) => `Gwnaed hyn ar ${doneOn}.`,
  erasureHeading: 'Eich hawliau a beth mae dileu’n ei wneud',
  rights:
    'Gallwch lawrlwytho popeth sydd gan yr adolygiad hwn amdanoch, a’i ddileu, ar dudalen “Eich data” yr adolygiad. Gallwch hefyd ofyn i’r cyswllt uchod gywiro eich data neu gyfyngu ar ei ddefnydd.',
  erasureRemove: [
    'Mae dileu’n cael gwared ar eich atebion amdanoch eich hun, eich atebion i gwestiynau agored, eich adborth a’ch holl bleidleisiau, mewn un cam.',
    'Caiff datganiadau a ysgrifennoch eu dileu, oni bai bod pobl eraill wedi pleidleisio arnynt: yna maen nhw’n aros, gan eu bod yn rhan o bleidleisiau’r bobl hynny hefyd, heb ddim sy’n eu cysylltu â chi.',
    'Caiff cod eich dyfais ei anghofio: os dewch yn ôl, byddwch yn dechrau fel cyfranogwr newydd.',
  ],
  erasureAnonymise: [
    'Mae dileu’n cael gwared ar eich atebion amdanoch eich hun, eich atebion i gwestiynau agored, eich adborth a’r cod sy’n clymu eich dyfais wrthych, mewn un cam.',
    'Cedwir eich pleidleisiau fel cyfraniad dienw i’r canlyniadau yn unig: maen nhw’n symud i gofnod newydd heb god, heb atebion amdanoch a heb amseroedd (dim ond diwrnod y dileu), fel na ellir eu cysylltu’n ôl â chi, hyd yn oed gan y trefnwyr.',
    'Caiff datganiadau a ysgrifennoch eu dileu, oni bai bod pobl eraill wedi pleidleisio arnynt: yna maen nhw’n aros, heb ddim sy’n eu cysylltu â chi. Os dewch yn ôl, byddwch yn dechrau fel cyfranogwr newydd.',
  ],
  complain:
    'Os ydych yn anhapus â’r ffordd y caiff eich data ei drin, gallwch gwyno i Swyddfa’r Comisiynydd Gwybodaeth (ico.org.uk).',
};
