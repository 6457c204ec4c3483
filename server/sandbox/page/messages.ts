/** The calendar page's text, French first. */
export const pageLanguages = ['fr', 'en'] as const;
export type PageLanguage = (typeof pageLanguages)[number];

export interface PageMessages {
  locale: string;
  title: string;
  sandboxNotice: string;
  people: string;
  search: string;
  searchButton: string;
  noMatch: string;
  choosePerson: string;
  week: string;
  previousWeek: string;
  nextWeek: string;
  thisWeek: string;
  timeZone: string;
  workingHours: string;
  noWorkingHours: string;
  noEvents: string;
  binomeSession: string;
  cohort: string;
  pair: string;
  session: string;
  organizer: string;
  attendees: string;
  joinMeeting: string;
  cancelled: string;
  responses: Record<string, string>;
  unknownPerson: (ref: string) => string;
  badWeek: (value: string) => string;
  switchTo: string;
}

export const messages: Record<PageLanguage, PageMessages> = {
  fr: {
    locale: 'fr-FR',
    title: 'Agendas du bac à sable',
    sandboxNotice: 'Bac à sable local : données fictives, lecture seule.',
    people: 'Personnes',
    search: 'Rechercher un nom, un e-mail, un service',
    searchButton: 'Rechercher',
    noMatch: 'Personne ne correspond à cette recherche.',
    choosePerson: 'Choisissez une personne pour voir sa semaine.',
    week: 'Semaine',
    previousWeek: '← Semaine précédente',
    nextWeek: 'Semaine suivante →',
    thisWeek: 'Cette semaine',
    timeZone: 'Fuseau horaire :',
    workingHours: 'Heures de travail :',
    noWorkingHours: 'non renseignées dans le calendrier',
    noEvents: 'Rien de prévu',
    binomeSession: 'Séance Binome',
    cohort: 'Cohorte',
    pair: 'Binôme',
    session: 'Séance',
    organizer: 'Organisateur :',
    attendees: 'Participants :',
    joinMeeting: 'Rejoindre la réunion Teams',
    cancelled: 'Réunion annulée par l’organisateur',
    responses: { none: 'sans réponse', organizer: 'organisateur', accepted: 'accepté', tentativelyAccepted: 'provisoire', declined: 'refusé', notResponded: 'sans réponse' },
    unknownPerson: (ref) => `Aucune personne « ${ref} » dans ce locataire.`,
    badWeek: (value) => `Semaine « ${value} » illisible : attendu AAAA-Wnn, par exemple 2027-W02.`,
    switchTo: 'English',
  },
  en: {
    locale: 'en-GB',
    title: 'Sandbox calendars',
    sandboxNotice: 'Local sandbox: fictitious data, read only.',
    people: 'People',
    search: 'Search a name, an email, a department',
    searchButton: 'Search',
    noMatch: 'Nobody matches this search.',
    choosePerson: 'Choose a person to see their week.',
    week: 'Week',
    previousWeek: '← Previous week',
    nextWeek: 'Next week →',
    thisWeek: 'This week',
    timeZone: 'Time zone:',
    workingHours: 'Working hours:',
    noWorkingHours: 'not set in the calendar',
    noEvents: 'Nothing planned',
    binomeSession: 'Binome session',
    cohort: 'Cohort',
    pair: 'Pair',
    session: 'Session',
    organizer: 'Organizer:',
    attendees: 'Attendees:',
    joinMeeting: 'Join the Teams meeting',
    cancelled: 'Meeting cancelled by the organizer',
    responses: { none: 'no answer', organizer: 'organizer', accepted: 'accepted', tentativelyAccepted: 'tentative', declined: 'declined', notResponded: 'no answer' },
    unknownPerson: (ref) => `No person "${ref}" in this tenant.`,
    badWeek: (value) => `Cannot read week "${value}": expected YYYY-Wnn, for example 2027-W02.`,
    switchTo: 'Français',
  },
};
