/**
 * Built-in run sheets: the roundtable guide and a workshop, each item with its minutes and the
 * facilitator's prompts, in English and Welsh. Pure data; a host copies one onto an event and edits
 * the copy, so changing a template here never rewrites an event's agenda.
 */

export const runSheetLanguages = ['en', 'cy'] as const;
export type RunSheetLanguage = (typeof runSheetLanguages)[number];

export const runSheetTemplateIds = ['roundtable', 'workshop'] as const;
export type RunSheetTemplateId = (typeof runSheetTemplateIds)[number];

type Bilingual<T> = Record<RunSheetLanguage, T>;

interface TemplateItem {
  minutes: number;
  title: Bilingual<string>;
  prompts: Bilingual<string[]>;
}

export interface RunSheetTemplate {
  id: RunSheetTemplateId;
  name: Bilingual<string>;
  items: TemplateItem[];
}

/** One agenda item as an event holds it: in the language the host chose. */
export interface AgendaItemDraft {
  title: string;
  minutes: number;
  prompts: string[];
}

const roundtable: RunSheetTemplate = {
  id: 'roundtable',
  name: { en: 'Roundtable', cy: 'Bord gron' },
  items: [
    {
      minutes: 10,
      title: { en: 'Welcome', cy: 'Croeso' },
      prompts: {
        en: [
          'Thank everyone for coming and say who you are.',
          'Go round the table: your first name and one place that matters to you.',
        ],
        cy: [
          'Diolchwch i bawb am ddod a dywedwch pwy ydych chi.',
          'Ewch o amgylch y bwrdd: eich enw cyntaf ac un lle sy’n bwysig i chi.',
        ],
      },
    },
    {
      minutes: 10,
      title: { en: 'Ground rules', cy: 'Rheolau sylfaenol' },
      prompts: {
        en: [
          'One voice at a time; listen to understand, not to answer.',
          'Speak for yourself, not for a group.',
          'What is said here stays here; outcomes are shared without names.',
        ],
        cy: [
          'Un llais ar y tro; gwrandewch er mwyn deall, nid er mwyn ateb.',
          'Siaradwch drosoch eich hun, nid dros grŵp.',
          'Mae’r hyn a ddywedir yma yn aros yma; rhennir y canlyniadau heb enwau.',
        ],
      },
    },
    {
      minutes: 25,
      title: {
        en: 'The world a child born today will see',
        cy: 'Y byd y bydd plentyn a anwyd heddiw yn ei weld',
      },
      prompts: {
        en: [
          'Picture a child born today. What world do you hope they grow up in?',
          'What do you fear they will inherit?',
          'What would have to change, and who would have to change it?',
        ],
        cy: [
          'Dychmygwch blentyn a anwyd heddiw. Ym mha fyd rydych chi’n gobeithio y bydd yn tyfu?',
          'Beth rydych chi’n ofni y bydd yn ei etifeddu?',
          'Beth fyddai’n rhaid iddo newid, a phwy fyddai’n gorfod ei newid?',
        ],
      },
    },
    {
      minutes: 40,
      title: { en: 'Open discussion', cy: 'Trafodaeth agored' },
      prompts: {
        en: [
          'Where did you hear something you had not considered?',
          'Who has not spoken yet? Invite them in.',
          'Note any statement worth putting to the whole review.',
        ],
        cy: [
          'Ble clywsoch chi rywbeth nad oeddech chi wedi’i ystyried?',
          'Pwy sydd heb siarad eto? Gwahoddwch nhw i mewn.',
          'Nodwch unrhyw ddatganiad sy’n werth ei roi i’r adolygiad cyfan.',
        ],
      },
    },
    {
      minutes: 20,
      title: { en: 'What we agree on', cy: 'Yr hyn rydym yn cytuno arno' },
      prompts: {
        en: [
          'Name one thing everyone at this table could sign up to.',
          'Where do we still disagree, and why?',
          'What question should we take away?',
        ],
        cy: [
          'Enwch un peth y gallai pawb wrth y bwrdd hwn gytuno ag ef.',
          'Ble rydym ni’n dal i anghytuno, a pham?',
          'Pa gwestiwn y dylem ei gymryd gyda ni?',
        ],
      },
    },
    {
      minutes: 10,
      title: { en: 'Close', cy: 'Cloi' },
      prompts: {
        en: [
          'One word each on how you leave.',
          'Explain that a draft report will follow and everyone who came can suggest changes for 72 hours.',
        ],
        cy: [
          'Un gair yr un am sut rydych chi’n gadael.',
          'Esboniwch y daw adroddiad drafft ac y gall pawb a ddaeth awgrymu newidiadau am 72 awr.',
        ],
      },
    },
  ],
};

const workshop: RunSheetTemplate = {
  id: 'workshop',
  name: { en: 'Workshop', cy: 'Gweithdy' },
  items: [
    {
      minutes: 10,
      title: { en: 'Welcome and purpose', cy: 'Croeso a phwrpas' },
      prompts: {
        en: ['Say what the workshop is for and what will happen to its results.'],
        cy: ['Dywedwch beth yw pwrpas y gweithdy a beth fydd yn digwydd i’w ganlyniadau.'],
      },
    },
    {
      minutes: 20,
      title: { en: 'Framing the problem', cy: 'Fframio’r broblem' },
      prompts: {
        en: ['What problem are we solving, and for whom?', 'What do we already know?'],
        cy: ['Pa broblem rydym ni’n ei datrys, ac i bwy?', 'Beth rydym ni’n ei wybod yn barod?'],
      },
    },
    {
      minutes: 40,
      title: { en: 'Small groups', cy: 'Grwpiau bach' },
      prompts: {
        en: ['Each group takes one part of the problem.', 'Write ideas on cards, one idea per card.'],
        cy: [
          'Mae pob grŵp yn cymryd un rhan o’r broblem.',
          'Ysgrifennwch syniadau ar gardiau, un syniad i bob cerdyn.',
        ],
      },
    },
    {
      minutes: 20,
      title: { en: 'Report back', cy: 'Adrodd yn ôl' },
      prompts: {
        en: ['Two minutes per group: the best idea and the biggest doubt.'],
        cy: ['Dau funud i bob grŵp: y syniad gorau a’r amheuaeth fwyaf.'],
      },
    },
    {
      minutes: 15,
      title: { en: 'Next steps', cy: 'Camau nesaf' },
      prompts: {
        en: ['Who will do what, by when?'],
        cy: ['Pwy fydd yn gwneud beth, erbyn pryd?'],
      },
    },
    {
      minutes: 5,
      title: { en: 'Close', cy: 'Cloi' },
      prompts: {
        en: ['Thank everyone; say when the report will come.'],
        cy: ['Diolchwch i bawb; dywedwch pryd y daw’r adroddiad.'],
      },
    },
  ],
};

export const runSheetTemplates: Readonly<Record<RunSheetTemplateId, RunSheetTemplate>> = { roundtable, workshop };

/** The template's items in one language, as new agenda items for an event. */
export function agendaFromTemplate(templateId: RunSheetTemplateId, language: RunSheetLanguage): AgendaItemDraft[] {
  return runSheetTemplates[templateId].items.map((item) => ({
    title: item.title[language],
    minutes: item.minutes,
    prompts: [...item.prompts[language]],
  }));
}

/** Total minutes of an agenda. */
export function agendaMinutes(items: ReadonlyArray<{ minutes: number }>): number {
  return items.reduce((total, item) => total + item.minutes, 0);
}
