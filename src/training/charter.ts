import { Charter } from './schema.ts';

/** The "contrat moral": light, accepted by both before the first session. */
export const charter = Charter.parse({
  key: 'charter',
  version: 1,
  title: {
    fr: 'Notre contrat moral',
    en: 'Our mentoring charter',
  },
  intro: {
    fr: 'Ce contrat n’a rien de juridique. Il fixe en quelques lignes ce que vous attendez l’un de l’autre. Lisez-le ensemble lors de la première séance, complétez ce qui vous revient, puis acceptez-le chacun de votre côté.',
    en: 'This charter is not a legal document. In a few lines, it sets out what you expect of each other. Read it together in your first session, fill in what is yours to fill, then each accept it.',
  },
  clauses: [
    {
      key: 'goals',
      title: { fr: 'Nos objectifs', en: 'Our goals' },
      text: {
        fr: 'Le mentoré fixe un ou deux objectifs concrets, liés à son travail réel. Le mentor l’aide à les formuler de façon qu’on puisse dire, à la fin du programme, s’ils sont atteints.',
        en: 'The mentee sets one or two concrete goals, tied to their real work. The mentor helps word them so that, at the end of the programme, you can both tell whether they were met.',
      },
      prompt: {
        fr: 'À la fin du programme, je saurai… (un ou deux objectifs)',
        en: 'By the end of the programme, I will be able to… (one or two goals)',
      },
    },
    {
      key: 'themes',
      title: { fr: 'Nos thèmes', en: 'Our themes' },
      text: {
        fr: 'Vous partez des thèmes sur lesquels Binome vous a réunis. Vous pouvez en changer en cours de route si un autre sujet devient plus utile : il suffit d’en parler.',
        en: 'You start from the themes Binome paired you on. You may change them along the way if another topic becomes more useful: just talk about it.',
      },
      prompt: {
        fr: 'Les thèmes que nous retenons :',
        en: 'The themes we choose:',
      },
    },
    {
      key: 'rhythm',
      title: { fr: 'Notre rythme', en: 'Our rhythm' },
      text: {
        fr: 'En général, quatre à six séances de 30 à 60 minutes sur six mois : une par mois au début, plus espacées ensuite. En présentiel ou en visio. Une séance reportée est reprogrammée dans les deux semaines.',
        en: 'Usually four to six sessions of 30 to 60 minutes over six months: monthly at first, then further apart. In person or by video. A postponed session is rebooked within two weeks.',
      },
      prompt: {
        fr: 'Nombre de séances, durée, lieu ou visio :',
        en: 'Number of sessions, length, place or video:',
      },
    },
    {
      key: 'confidentiality',
      title: { fr: 'Confidentialité', en: 'Confidentiality' },
      text: {
        fr: 'Ce qui se dit en séance reste entre vous deux. Ni les hésitations du mentoré, ni ce que le mentor apprend de l’entreprise ne sont rapportés à quiconque. Seuls la tenue des séances et votre retour global sont partagés avec les RH.',
        en: 'What is said in a session stays between the two of you. Neither the mentee’s hesitations nor what the mentor learns about the company is reported to anyone. Only whether sessions took place and your overall feedback are shared with HR.',
      },
    },
    {
      key: 'right-to-stop',
      title: { fr: 'Le droit d’arrêter', en: 'The right to stop' },
      text: {
        fr: 'Chacun peut mettre fin au binôme à tout moment, sans avoir à se justifier et sans conséquence. Un simple message à l’autre et aux RH suffit. Arrêter n’est pas un échec : c’est une option prévue.',
        en: 'Either of you may end the pairing at any time, without having to explain and without consequence. A short message to the other and to HR is enough. Stopping is not a failure: it is an option built in.',
      },
    },
    {
      key: 'respect',
      title: { fr: 'Respect et bienveillance', en: 'Respect and goodwill' },
      text: {
        fr: 'Vous êtes à l’heure, vous prévenez en cas d’empêchement et vous protégez ce temps. Aucune question n’est bête. Chacun écoute l’autre sans juger, quels que soient l’âge, le poste ou l’expérience.',
        en: 'You are on time, you warn each other when you cannot make it, and you protect this time. No question is a silly one. Each listens to the other without judging, whatever the age, role or experience.',
      },
    },
    {
      key: 'no-evaluation',
      title: { fr: 'Aucune relation d’évaluation', en: 'No evaluation relationship' },
      text: {
        fr: 'Le mentor n’évalue pas le mentoré et le mentoré n’évalue pas le mentor. Rien de ce qui se passe en séance n’entre dans un entretien annuel. Binome ne réunit jamais deux personnes d’une même ligne hiérarchique.',
        en: 'The mentor does not assess the mentee, and the mentee does not assess the mentor. Nothing from a session goes into a performance review. Binome never pairs two people in the same reporting line.',
      },
    },
  ],
  acceptance: {
    fr: 'J’ai lu ce contrat avec mon binôme et je l’accepte. Je sais que je peux en reparler à tout moment, et arrêter si je le souhaite.',
    en: 'I have read this charter with my partner and I accept it. I know I can raise it again at any time, and stop if I wish.',
  },
});
