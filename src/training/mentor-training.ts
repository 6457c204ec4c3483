import { TrainingDocument } from './schema.ts';

/** What a junior mentor reads before mentoring a senior. */
export const mentorTraining = TrainingDocument.parse({
  key: 'mentor-training',
  version: 1,
  audience: 'mentor',
  title: {
    fr: 'Guide du mentor',
    en: 'Mentor guide',
  },
  summary: {
    fr: 'Vous allez accompagner un cadre ou un dirigeant sur un sujet que vous maîtrisez. Ce guide vous donne l’essentiel en dix minutes de lecture.',
    en: 'You are about to help a manager or an executive with a topic you know well. This guide gives you the essentials in a ten-minute read.',
  },
  sections: [
    {
      key: 'what-it-is',
      title: { fr: 'Le mentorat inversé, en bref', en: 'Reverse mentoring in short' },
      paragraphs: [
        {
          fr: 'Dans un mentorat inversé, c’est le plus jeune qui transmet. Vous partagez ce que vous pratiquez au quotidien : outils, usages, codes. Votre mentoré, plus expérimenté, apprend à son rythme avec vous.',
          en: 'In reverse mentoring, the younger colleague is the one who teaches. You share what you practise every day: tools, habits, codes. Your mentee, more experienced, learns at their own pace with you.',
        },
        {
          fr: 'Ça marche parce que vous apprenez aussi : vous voyez comment un dirigeant décide, priorise et parle de l’entreprise. L’échange est à double sens, même si le thème vient de vous.',
          en: 'It works because you learn too: you see how a leader decides, prioritises and talks about the company. The exchange runs both ways, even if the topic comes from you.',
        },
      ],
      points: [
        { fr: 'Vous n’avez pas besoin d’être expert : il suffit d’avoir une longueur d’avance.', en: 'You do not need to be an expert: being one step ahead is enough.' },
        { fr: 'Votre regard neuf compte autant que votre savoir-faire.', en: 'Your fresh eye matters as much as your know-how.' },
        { fr: 'Votre mentoré a choisi de venir : il est demandeur.', en: 'Your mentee chose to take part: they want this.' },
      ],
    },
    {
      key: 'first-session',
      title: { fr: 'La première séance', en: 'The first session' },
      paragraphs: [
        {
          fr: 'La première séance sert à faire connaissance et à poser le cadre. Ne cherchez pas à tout enseigner : repartir avec une seule chose essayée ensemble, c’est déjà une réussite.',
          en: 'The first session is for getting to know each other and setting the frame. Do not try to teach everything: leaving with one thing tried together is already a success.',
        },
      ],
      points: [
        { fr: 'Présentez-vous : votre parcours, votre poste, ce que vous aimez dans le thème.', en: 'Introduce yourself: your background, your role, what you enjoy about the theme.' },
        { fr: 'Écoutez ses objectifs. Demandez : « Qu’aimeriez-vous savoir faire dans six mois ? »', en: 'Listen to their goals. Ask: “What would you like to be able to do in six months?”' },
        { fr: 'Lisez le contrat moral ensemble et complétez objectifs, thèmes et rythme.', en: 'Read the charter together and fill in goals, themes and rhythm.' },
        { fr: 'Choisissez une première chose concrète à essayer, tout de suite, sur son appareil.', en: 'Pick a first concrete thing to try, right away, on their own device.' },
        { fr: 'Fixez la date de la prochaine séance avant de vous quitter.', en: 'Set the date of the next session before you part.' },
      ],
    },
    {
      key: 'teaching',
      title: { fr: 'Transmettre à un senior', en: 'Teaching a senior' },
      paragraphs: [
        {
          fr: 'Un senior apprend mieux en faisant, sur ses propres outils et à partir de son vrai travail. Votre rôle est de montrer une fois, puis de le laisser faire, même si c’est plus lent.',
          en: 'A senior learns best by doing, on their own tools and from their real work. Your role is to show once, then let them do it, even if it is slower.',
        },
      ],
      points: [
        { fr: 'Montrez, puis laissez-le faire seul sur son ordinateur ou son téléphone. Ne reprenez pas la souris.', en: 'Show, then let them do it alone on their computer or phone. Do not take the mouse back.' },
        { fr: 'Partez d’une tâche réelle : un courriel à écrire, un rapport à lire, une réunion à préparer.', en: 'Start from a real task: an email to write, a report to read, a meeting to prepare.' },
        { fr: 'Pas de jargon. Si un terme technique est utile, expliquez-le en une phrase.', en: 'No jargon. If a technical term is useful, explain it in one sentence.' },
        { fr: 'Vérifiez la compréhension avec des questions ouvertes : « Comment le referiez-vous demain ? »', en: 'Check understanding with open questions: “How would you do it again tomorrow?”' },
        { fr: 'Évitez « C’est facile » : ce qui est simple pour vous ne l’est pas forcément pour lui.', en: 'Avoid “It’s easy”: what is simple for you may not be for them.' },
      ],
    },
    {
      key: 'feedback',
      title: { fr: 'Faire un retour à un senior', en: 'Giving feedback to a senior' },
      paragraphs: [
        {
          fr: 'Faire un retour à quelqu’un de plus haut placé intimide. Demandez d’abord la permission : « Puis-je vous faire un retour sur ce post ? » Un oui rend l’échange simple et attendu.',
          en: 'Giving feedback to someone more senior is daunting. Ask permission first: “May I give you some feedback on this post?” A yes makes the exchange simple and expected.',
        },
        {
          fr: 'Restez sur la pratique, jamais sur la personne. Utilisez la forme « Ce qui a marché / À essayer la prochaine fois » : un point fort précis, puis une seule piste d’amélioration.',
          en: 'Stay on the practice, never on the person. Use the “What worked / What to try next” form: one specific strength, then a single thing to improve.',
        },
      ],
      points: [
        { fr: 'Soyez précis : « Votre première phrase accroche » plutôt que « C’est bien ».', en: 'Be specific: “Your first sentence hooks the reader” rather than “It’s good”.' },
        { fr: 'Parlez de ce que vous avez vu, pas de ce que vous supposez.', en: 'Talk about what you saw, not what you assume.' },
        { fr: 'Le statut n’a pas sa place en séance : vous êtes deux personnes qui apprennent.', en: 'Status has no place in a session: you are two people learning.' },
        { fr: 'S’il se braque, reformulez en question : « Qu’en pensez-vous ? »', en: 'If they bristle, turn it into a question: “What do you think?”' },
      ],
    },
    {
      key: 'confidentiality',
      title: { fr: 'Confidentialité et droit d’arrêter', en: 'Confidentiality and the right to stop' },
      paragraphs: [
        {
          fr: 'Ce que votre mentoré vous confie reste entre vous, y compris ses difficultés et ce que vous apprenez sur l’entreprise. Ne citez pas vos séances à vos collègues ni à votre manager.',
          en: 'What your mentee tells you stays between you, including their difficulties and what you learn about the company. Do not quote your sessions to colleagues or to your manager.',
        },
        {
          fr: 'Vous pouvez arrêter à tout moment, sans vous justifier. Lui aussi. Si quelque chose vous met mal à l’aise, parlez-en aux RH : ils sont là pour ça.',
          en: 'You may stop at any time, without explaining. So may they. If anything makes you uncomfortable, talk to HR: that is what they are there for.',
        },
      ],
      points: [],
    },
    {
      key: 'drift-or-stall',
      title: { fr: 'Quand ça dérive ou que ça s’essouffle', en: 'When sessions drift or stall' },
      paragraphs: [
        {
          fr: 'Il arrive qu’une séance dérive vers d’autres sujets, ou que les rendez-vous soient reportés. C’est normal. Nommez-le simplement et revenez aux objectifs du contrat moral.',
          en: 'Sometimes a session drifts to other topics, or meetings keep being postponed. That is normal. Name it simply and go back to the goals in the charter.',
        },
      ],
      points: [
        { fr: 'Si ça dérive : « On a dix minutes, on revient à votre objectif ? »', en: 'If it drifts: “We have ten minutes left, shall we go back to your goal?”' },
        { fr: 'Si les séances sont reportées : proposez une séance plus courte, de 30 minutes.', en: 'If sessions keep moving: offer a shorter one, 30 minutes.' },
        { fr: 'Si l’objectif ne convient plus : changez-le ensemble, c’est prévu.', en: 'If the goal no longer fits: change it together, that is allowed.' },
        { fr: 'Après deux reports sans nouvelle date, prévenez les RH.', en: 'After two postponements with no new date, let HR know.' },
      ],
    },
  ],
});
