import { TrainingDocument } from './schema.ts';

/** What a senior mentee reads before the first session. */
export const menteePreparation = TrainingDocument.parse({
  key: 'mentee-preparation',
  version: 1,
  audience: 'mentee',
  title: {
    fr: 'Bien préparer votre mentorat',
    en: 'Preparing for your mentoring',
  },
  summary: {
    fr: 'Un collègue plus jeune va vous transmettre ce qu’il pratique au quotidien. Voici comment en tirer le meilleur en quelques heures sur six mois.',
    en: 'A younger colleague is going to share what they practise every day. Here is how to get the most out of a few hours over six months.',
  },
  sections: [
    {
      key: 'learner',
      title: { fr: 'Accepter d’être l’apprenant', en: 'Accepting to be the learner' },
      paragraphs: [
        {
          fr: 'Pendant ces séances, c’est vous qui apprenez. Ce n’est pas toujours confortable quand on a l’habitude de décider et de savoir. C’est pourtant là que se trouve tout l’intérêt.',
          en: 'In these sessions, you are the one learning. That is not always comfortable when you are used to deciding and knowing. Yet that is where all the value lies.',
        },
      ],
      points: [
        { fr: 'Dites quand vous ne comprenez pas : c’est le meilleur service à rendre à votre mentor.', en: 'Say when you do not understand: it is the best help you can give your mentor.' },
        { fr: 'Posez les questions que vous n’oseriez pas poser en réunion.', en: 'Ask the questions you would not dare ask in a meeting.' },
      ],
    },
    {
      key: 'before',
      title: { fr: 'Avant la première séance', en: 'Before the first session' },
      paragraphs: [],
      points: [
        { fr: 'Fixez un ou deux objectifs concrets : « publier un post par mois », « lire seul notre tableau de bord ».', en: 'Set one or two concrete goals: “post once a month”, “read our dashboard on my own”.' },
        { fr: 'Apportez une tâche réelle, en cours, sur laquelle travailler ensemble.', en: 'Bring a real task, one you are working on, to tackle together.' },
        { fr: 'Venez avec votre ordinateur ou votre téléphone : c’est sur vos outils que vous apprendrez.', en: 'Bring your laptop or phone: you will learn on your own tools.' },
        { fr: 'Relisez le contrat moral pour en discuter ensemble.', en: 'Read the charter so you can discuss it together.' },
      ],
    },
    {
      key: 'during',
      title: { fr: 'Pendant les séances', en: 'During sessions' },
      paragraphs: [
        {
          fr: 'Protégez ce créneau comme un rendez-vous client. Commencez et terminez à l’heure : un temps limité garde la séance concentrée et respecte l’agenda de votre mentor.',
          en: 'Protect this slot like a client meeting. Start and finish on time: a time box keeps the session focused and respects your mentor’s schedule.',
        },
      ],
      points: [
        { fr: 'Faites vous-même, même lentement. Ne laissez pas votre mentor faire à votre place.', en: 'Do it yourself, even slowly. Do not let your mentor do it for you.' },
        { fr: 'Notez en une ligne ce que vous allez essayer d’ici la prochaine fois.', en: 'Write down in one line what you will try before next time.' },
        { fr: 'Coupez les notifications pendant la séance.', en: 'Turn off notifications during the session.' },
      ],
    },
    {
      key: 'between',
      title: { fr: 'Entre deux séances', en: 'Between sessions' },
      paragraphs: [
        {
          fr: 'L’essentiel se joue entre les séances. Quinze minutes de pratique par semaine valent mieux qu’une longue séance par mois. Arrivez à la suivante avec ce qui a marché et ce qui a coincé.',
          en: 'Most of the learning happens between sessions. Fifteen minutes of practice a week beats one long session a month. Come to the next one with what worked and what got stuck.',
        },
      ],
      points: [],
    },
    {
      key: 'comfort',
      title: { fr: 'Mettre votre mentor à l’aise', en: 'Making your mentor comfortable' },
      paragraphs: [
        {
          fr: 'Votre mentor est peut-être impressionné par votre poste. Quelques gestes simples l’aident à oser vous dire les choses franchement.',
          en: 'Your mentor may be impressed by your position. A few simple gestures help them dare to speak frankly.',
        },
      ],
      points: [
        { fr: 'Proposez le prénom et le tutoiement si c’est l’usage chez vous.', en: 'Suggest first names, and keep the tone informal if that is your company’s custom.' },
        { fr: 'Demandez explicitement ses retours : « Dites-moi si je m’y prends mal. »', en: 'Ask for feedback explicitly: “Tell me if I am going about it the wrong way.”' },
        { fr: 'Remerciez pour un retour, même s’il vous surprend.', en: 'Thank them for feedback, even when it surprises you.' },
        { fr: 'Intéressez-vous à son parcours et à ses projets : l’échange va dans les deux sens.', en: 'Take an interest in their path and projects: the exchange runs both ways.' },
        { fr: 'Ne parlez jamais de vos séances à son manager.', en: 'Never discuss your sessions with their manager.' },
      ],
    },
  ],
});
