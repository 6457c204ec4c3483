import { z } from 'zod';
import { ThemeGuide } from './schema.ts';

/** Every guide opens and closes the same way, so a pair knows the rhythm from one theme to the next. */
const opening = {
  key: 'check-in',
  minutes: 5,
  title: { fr: 'Point de départ', en: 'Check-in' },
  detail: {
    fr: 'Le mentoré dit où il en est depuis la dernière fois et ce qu’il attend de cette séance.',
    en: 'The mentee says where they stand since last time and what they want from this session.',
  },
};

const closing = {
  key: 'next-step',
  minutes: 5,
  title: { fr: 'À essayer d’ici la prochaine fois', en: 'To try before next time' },
  detail: {
    fr: 'Le mentoré choisit une action précise à pratiquer seul, et vous fixez la prochaine séance.',
    en: 'The mentee picks one precise action to practise alone, and you set the next session.',
  },
};

const guides = [
  {
    key: 'ai-guide',
    version: 1,
    theme: 'ai',
    title: { fr: 'IA générative : s’y mettre pour de vrai', en: 'Generative AI: getting started for real' },
    summary: {
      fr: 'Utiliser un assistant d’IA sur une tâche réelle, comprendre ses limites et garder les données de l’entreprise à l’abri.',
      en: 'Use an AI assistant on a real task, understand its limits and keep company data safe.',
    },
    sessionMinutes: 45,
    agenda: [
      opening,
      {
        key: 'demo',
        minutes: 10,
        title: { fr: 'Démonstration sur un cas réel', en: 'Demo on a real case' },
        detail: {
          fr: 'Le mentor montre comment il formule une demande à l’outil d’IA autorisé dans l’entreprise, sur une tâche courante.',
          en: 'The mentor shows how they word a request to the company-approved AI tool, on an everyday task.',
        },
      },
      {
        key: 'practice',
        minutes: 15,
        title: { fr: 'À vous de rédiger', en: 'Your turn to prompt' },
        detail: {
          fr: 'Le mentoré écrit ses propres demandes sur une tâche qu’il a apportée, puis les affine.',
          en: 'The mentee writes their own prompts for a task they brought, then refines them.',
        },
      },
      {
        key: 'limits',
        minutes: 10,
        title: { fr: 'Limites et vérification', en: 'Limits and verification' },
        detail: {
          fr: 'Repérer une erreur ou une invention dans une réponse, et décider ce qu’on ne confie jamais à l’outil.',
          en: 'Spot an error or a made-up fact in an answer, and decide what you never give the tool.',
        },
      },
      closing,
    ],
    exercises: [
      {
        key: 'real-prompt',
        title: { fr: 'Une demande sur une vraie tâche', en: 'A prompt for a real task' },
        text: {
          fr: 'Choisissez un courriel à écrire ou une note à résumer. Rédigez une demande avec le contexte, le rôle attendu, le format et la longueur. Comparez le résultat avec une demande d’une seule ligne.',
          en: 'Pick an email to write or a note to summarise. Write a prompt with the context, the role expected, the format and the length. Compare the result with a one-line prompt.',
        },
      },
      {
        key: 'verify',
        title: { fr: 'Vérifier une réponse', en: 'Check an answer' },
        text: {
          fr: 'Posez une question dont vous connaissez la réponse, sur votre secteur. Relevez ce qui est juste, faux ou invérifiable. Concluez : pour quels usages faut-il toujours vérifier ?',
          en: 'Ask a question you know the answer to, about your industry. Note what is right, wrong or unverifiable. Conclude: for which uses must you always check?',
        },
      },
      {
        key: 'privacy',
        title: { fr: 'Ce qu’on ne colle pas', en: 'What you never paste' },
        text: {
          fr: 'Ensemble, listez les informations à ne jamais donner à un outil d’IA : données clients, chiffres non publiés, informations RH. Vérifiez quelle est la règle de votre entreprise.',
          en: 'Together, list the information never to give an AI tool: customer data, unpublished figures, HR information. Check what your company’s policy says.',
        },
      },
    ],
    questions: [
      { key: 'daily-use', askedBy: 'mentee', text: { fr: 'Pour quelles tâches utilisez-vous l’IA chaque semaine ?', en: 'Which tasks do you use AI for each week?' } },
      { key: 'trust', askedBy: 'mentee', text: { fr: 'Comment savez-vous qu’une réponse est fiable ?', en: 'How do you know an answer can be trusted?' } },
      { key: 'allowed', askedBy: 'mentee', text: { fr: 'Quels outils sont autorisés chez nous, et pour quelles données ?', en: 'Which tools are allowed here, and for which data?' } },
      { key: 'time-sink', askedBy: 'mentor', text: { fr: 'Quelle tâche vous prend le plus de temps chaque semaine ?', en: 'Which task takes most of your time each week?' } },
      { key: 'worry', askedBy: 'mentor', text: { fr: 'Qu’est-ce qui vous inquiète dans l’IA pour votre équipe ?', en: 'What worries you about AI for your team?' } },
    ],
    resources: [
      {
        key: 'policy',
        title: { fr: 'La charte IA de l’entreprise', en: 'The company’s AI policy' },
        description: { fr: 'Les outils autorisés et les données interdites. Demandez-la à la DSI si vous ne la trouvez pas.', en: 'Approved tools and forbidden data. Ask IT if you cannot find it.' },
      },
      {
        key: 'prompt-guide',
        title: { fr: 'Le guide de l’éditeur de votre outil', en: 'Your tool vendor’s prompting guide' },
        description: { fr: 'Chaque éditeur publie des conseils pour bien formuler une demande.', en: 'Each vendor publishes advice on writing good prompts.' },
      },
    ],
  },
  {
    key: 'automation-guide',
    version: 1,
    theme: 'automation',
    title: { fr: 'Automatiser sans coder', en: 'Automating without code' },
    summary: {
      fr: 'Repérer une tâche répétitive et construire ensemble un premier flux sans code, avec l’outil de l’entreprise.',
      en: 'Spot a repetitive task and build a first no-code flow together, with the company’s tool.',
    },
    sessionMinutes: 45,
    agenda: [
      opening,
      {
        key: 'spot',
        minutes: 10,
        title: { fr: 'Repérer la tâche répétitive', en: 'Spot the repetitive task' },
        detail: {
          fr: 'Le mentoré décrit ce qu’il fait chaque semaine à la main : copier, relancer, classer, prévenir.',
          en: 'The mentee describes what they do by hand every week: copying, chasing, filing, notifying.',
        },
      },
      {
        key: 'build',
        minutes: 20,
        title: { fr: 'Construire le flux', en: 'Build the flow' },
        detail: {
          fr: 'Avec Power Automate, Zapier ou l’outil en place : un déclencheur, une action, un test.',
          en: 'With Power Automate, Zapier or the tool in place: one trigger, one action, one test.',
        },
      },
      {
        key: 'risks',
        minutes: 5,
        title: { fr: 'Ce qui peut mal tourner', en: 'What can go wrong' },
        detail: {
          fr: 'Qui est prévenu si le flux échoue, et qui le maintient si vous changez de poste ?',
          en: 'Who is told if the flow fails, and who maintains it if you change roles?',
        },
      },
      closing,
    ],
    exercises: [
      {
        key: 'map',
        title: { fr: 'Dessiner la tâche', en: 'Draw the task' },
        text: {
          fr: 'Sur une feuille, écrivez la tâche en étapes : « quand… alors… ». Entourez les étapes qui ne demandent aucune décision : ce sont les candidates à l’automatisation.',
          en: 'On a sheet, write the task as steps: “when… then…”. Circle the steps that need no decision: those are the ones to automate.',
        },
      },
      {
        key: 'first-flow',
        title: { fr: 'Un premier flux', en: 'A first flow' },
        text: {
          fr: 'Créez un flux simple : enregistrer les pièces jointes d’un courriel dans un dossier partagé, ou recevoir un rappel quand un formulaire est rempli. Testez-le devant le mentor.',
          en: 'Build a simple flow: save email attachments to a shared folder, or get a reminder when a form is filled. Test it in front of the mentor.',
        },
      },
    ],
    questions: [
      { key: 'what-you-automated', askedBy: 'mentee', text: { fr: 'Qu’avez-vous automatisé dans votre propre travail ?', en: 'What have you automated in your own work?' } },
      { key: 'when-not', askedBy: 'mentee', text: { fr: 'Quand vaut-il mieux ne pas automatiser ?', en: 'When is it better not to automate?' } },
      { key: 'permissions', askedBy: 'mentee', text: { fr: 'Ai-je le droit de créer ces flux, et avec quels comptes ?', en: 'Am I allowed to build these flows, and with which accounts?' } },
      { key: 'repeat', askedBy: 'mentor', text: { fr: 'Que faites-vous plus de trois fois par semaine de la même façon ?', en: 'What do you do the same way more than three times a week?' } },
      { key: 'team', askedBy: 'mentor', text: { fr: 'Qui dans votre équipe gagnerait le plus à automatiser ?', en: 'Who in your team would gain most from automation?' } },
    ],
    resources: [
      {
        key: 'templates',
        title: { fr: 'Les modèles de flux de l’outil', en: 'The tool’s flow templates' },
        description: { fr: 'La plupart des outils sans code proposent des modèles prêts à l’emploi : partez de là.', en: 'Most no-code tools offer ready-made templates: start there.' },
      },
      {
        key: 'it-rules',
        title: { fr: 'Les règles de la DSI', en: 'IT’s rules' },
        description: { fr: 'Les connecteurs autorisés et la marche à suivre pour un flux partagé par une équipe.', en: 'The approved connectors and the process for a flow a team shares.' },
      },
    ],
  },
  {
    key: 'collaboration-tools-guide',
    version: 1,
    theme: 'collaboration-tools',
    title: { fr: 'Outils collaboratifs : moins de courriels, plus d’échanges', en: 'Collaboration tools: fewer emails, better exchanges' },
    summary: {
      fr: 'Canaux Teams ou Slack, documents partagés et règles du travail asynchrone, appliqués à une équipe réelle.',
      en: 'Teams or Slack channels, shared documents and the etiquette of async work, applied to a real team.',
    },
    sessionMinutes: 45,
    agenda: [
      opening,
      {
        key: 'tour',
        minutes: 10,
        title: { fr: 'Tour des espaces', en: 'Tour of the spaces' },
        detail: {
          fr: 'Le mentor montre comment il organise ses canaux, ses notifications et ses fichiers partagés.',
          en: 'The mentor shows how they organise their channels, notifications and shared files.',
        },
      },
      {
        key: 'practice',
        minutes: 20,
        title: { fr: 'Pratique sur l’équipe du mentoré', en: 'Practice on the mentee’s team' },
        detail: {
          fr: 'Le mentoré remplace un échange de courriels par un canal ou un document partagé.',
          en: 'The mentee replaces an email thread with a channel or a shared document.',
        },
      },
      {
        key: 'etiquette',
        minutes: 5,
        title: { fr: 'Règles de l’asynchrone', en: 'Async etiquette' },
        detail: {
          fr: 'Délais de réponse, mentions, messages hors horaires : ce qu’on attend de chacun.',
          en: 'Response times, mentions, messages after hours: what everyone expects.',
        },
      },
      closing,
    ],
    exercises: [
      {
        key: 'channel',
        title: { fr: 'Ouvrir le bon canal', en: 'Open the right channel' },
        text: {
          fr: 'Choisissez un sujet qui circule aujourd’hui par courriel. Créez un canal ou un fil dédié, rédigez le premier message et épinglez le document de référence.',
          en: 'Pick a topic that travels by email today. Create a dedicated channel or thread, write the first message and pin the reference document.',
        },
      },
      {
        key: 'co-edit',
        title: { fr: 'Coécrire un document', en: 'Co-write a document' },
        text: {
          fr: 'Ouvrez un document partagé, écrivez-y tous les deux en même temps, ajoutez un commentaire et une mention. Retrouvez ensuite une version antérieure.',
          en: 'Open a shared document, write in it together at the same time, add a comment and a mention. Then restore an earlier version.',
        },
      },
      {
        key: 'notifications',
        title: { fr: 'Régler ses notifications', en: 'Tune notifications' },
        text: {
          fr: 'Passez en revue les notifications du mentoré. Gardez les mentions directes, coupez le reste, et fixez des plages sans notification.',
          en: 'Go through the mentee’s notifications. Keep direct mentions, mute the rest, and set notification-free hours.',
        },
      },
    ],
    questions: [
      { key: 'email-or-chat', askedBy: 'mentee', text: { fr: 'Quand choisissez-vous un message plutôt qu’un courriel ?', en: 'When do you choose a chat message over an email?' } },
      { key: 'overload', askedBy: 'mentee', text: { fr: 'Comment ne rien rater sans être noyé ?', en: 'How do you miss nothing without drowning?' } },
      { key: 'reply-time', askedBy: 'mentee', text: { fr: 'Quel délai de réponse est normal pour vous ?', en: 'What reply time feels normal to you?' } },
      { key: 'pain', askedBy: 'mentor', text: { fr: 'Quel échange de courriels vous fait perdre le plus de temps ?', en: 'Which email exchange wastes most of your time?' } },
      { key: 'signal', askedBy: 'mentor', text: { fr: 'Quel signal envoyez-vous quand vous répondez à 22 h ?', en: 'What signal do you send when you reply at 10 pm?' } },
    ],
    resources: [
      {
        key: 'team-charter',
        title: { fr: 'Une charte d’équipe sur les outils', en: 'A team agreement on tools' },
        description: { fr: 'Une page qui dit quel outil sert à quoi et quels délais de réponse on s’accorde.', en: 'One page saying which tool is for what and which reply times the team agrees on.' },
      },
      {
        key: 'vendor-tips',
        title: { fr: 'Les astuces de l’éditeur', en: 'The vendor’s tips' },
        description: { fr: 'Microsoft et Slack publient de courts guides de prise en main par fonctionnalité.', en: 'Microsoft and Slack publish short getting-started guides per feature.' },
      },
    ],
  },
  {
    key: 'social-networks-guide',
    version: 1,
    theme: 'social-networks',
    title: { fr: 'Réseaux sociaux : comprendre et participer', en: 'Social networks: understanding and taking part' },
    summary: {
      fr: 'Comprendre comment fonctionnent les réseaux, lire un fil avec recul et publier sur LinkedIn avec un rythme tenable.',
      en: 'Understand how networks work, read a feed with hindsight and post on LinkedIn at a pace you can keep.',
    },
    sessionMinutes: 45,
    agenda: [
      opening,
      {
        key: 'landscape',
        minutes: 10,
        title: { fr: 'Quel réseau pour quoi', en: 'Which network for what' },
        detail: {
          fr: 'LinkedIn, Instagram, TikTok, X : qui y est, ce qu’on y dit, ce que l’entreprise y fait.',
          en: 'LinkedIn, Instagram, TikTok, X: who is there, what people say, what the company does there.',
        },
      },
      {
        key: 'feed',
        minutes: 10,
        title: { fr: 'Lire un fil', en: 'Reading a feed' },
        detail: {
          fr: 'Comprendre pourquoi un post apparaît, ce que sont l’algorithme et l’engagement.',
          en: 'Understand why a post shows up, what the algorithm and engagement are.',
        },
      },
      {
        key: 'post',
        minutes: 15,
        title: { fr: 'Préparer un post', en: 'Prepare a post' },
        detail: {
          fr: 'Le mentoré rédige un premier post sur son travail et décide d’un rythme de publication.',
          en: 'The mentee drafts a first post about their work and decides on a posting cadence.',
        },
      },
      closing,
    ],
    exercises: [
      {
        key: 'comment',
        title: { fr: 'Commenter avant de publier', en: 'Comment before posting' },
        text: {
          fr: 'Trouvez trois posts de personnes de votre secteur. Rédigez pour chacun un commentaire qui apporte une idée, pas seulement un bravo.',
          en: 'Find three posts by people in your industry. Write a comment on each that adds an idea, not just congratulations.',
        },
      },
      {
        key: 'first-post',
        title: { fr: 'Un premier post', en: 'A first post' },
        text: {
          fr: 'Écrivez un post de cinq lignes sur une réussite de votre équipe : une accroche, un fait, un remerciement. Le mentor relit et propose une seule amélioration.',
          en: 'Write a five-line post about a team success: a hook, a fact, a thank-you. The mentor reads it and suggests one improvement.',
        },
      },
    ],
    questions: [
      { key: 'cadence', askedBy: 'mentee', text: { fr: 'À quel rythme faut-il publier pour exister ?', en: 'How often do I need to post to be seen?' } },
      { key: 'critics', askedBy: 'mentee', text: { fr: 'Comment réagir à un commentaire négatif ?', en: 'How should I react to a negative comment?' } },
      { key: 'private', askedBy: 'mentee', text: { fr: 'Où placer la frontière entre vie pro et vie perso ?', en: 'Where do I draw the line between work and private life?' } },
      { key: 'audience', askedBy: 'mentor', text: { fr: 'À qui aimeriez-vous parler sur les réseaux ?', en: 'Who would you like to reach on social networks?' } },
      { key: 'reading', askedBy: 'mentor', text: { fr: 'Quels comptes lisez-vous déjà, même sans publier ?', en: 'Which accounts do you already read, even without posting?' } },
    ],
    resources: [
      {
        key: 'social-policy',
        title: { fr: 'La charte réseaux sociaux de l’entreprise', en: 'The company’s social media policy' },
        description: { fr: 'Ce qu’un salarié peut dire de l’entreprise, et qui contacter en cas de doute.', en: 'What an employee may say about the company, and whom to ask when in doubt.' },
      },
      {
        key: 'help-centre',
        title: { fr: 'Le centre d’aide de LinkedIn', en: 'LinkedIn’s help centre' },
        description: { fr: 'Réglages de confidentialité, visibilité des posts, gestion des abonnés.', en: 'Privacy settings, post visibility, managing followers.' },
      },
    ],
  },
  {
    key: 'personal-branding-guide',
    version: 1,
    theme: 'personal-branding',
    title: { fr: 'Marque personnelle : un profil qui vous ressemble', en: 'Personal branding: a profile that sounds like you' },
    summary: {
      fr: 'Revoir ensemble le profil LinkedIn du mentoré, clarifier ce qu’il veut montrer et fixer une cadence de publication réaliste.',
      en: 'Review the mentee’s LinkedIn profile together, clarify what they want to show and set a realistic posting cadence.',
    },
    sessionMinutes: 45,
    agenda: [
      opening,
      {
        key: 'message',
        minutes: 10,
        title: { fr: 'Ce que vous voulez montrer', en: 'What you want to show' },
        detail: {
          fr: 'Trois mots que vos interlocuteurs devraient retenir de vous, et pour quel public.',
          en: 'Three words people should remember about you, and for which audience.',
        },
      },
      {
        key: 'profile-review',
        minutes: 20,
        title: { fr: 'Revue du profil', en: 'Profile review' },
        detail: {
          fr: 'Photo, titre, infos, expérience : le mentoré modifie lui-même son profil, section par section.',
          en: 'Photo, headline, about, experience: the mentee edits their own profile, section by section.',
        },
      },
      {
        key: 'cadence',
        minutes: 5,
        title: { fr: 'Cadence de publication', en: 'Posting cadence' },
        detail: {
          fr: 'Un rythme tenable, par exemple un post par mois et deux commentaires par semaine.',
          en: 'A pace you can keep, for example one post a month and two comments a week.',
        },
      },
      closing,
    ],
    exercises: [
      {
        key: 'headline',
        title: { fr: 'Réécrire le titre', en: 'Rewrite the headline' },
        text: {
          fr: 'Remplacez l’intitulé de poste par une phrase qui dit ce que vous apportez et à qui. Écrivez trois versions, le mentor choisit la plus claire et explique pourquoi.',
          en: 'Replace the job title with a sentence saying what you bring and to whom. Write three versions; the mentor picks the clearest and says why.',
        },
      },
      {
        key: 'about',
        title: { fr: 'La section Infos', en: 'The About section' },
        text: {
          fr: 'Rédigez cinq phrases : votre métier, une conviction, une réalisation chiffrée, ce qui vous anime, comment vous contacter.',
          en: 'Write five sentences: your job, a belief, a result with a number, what drives you, how to reach you.',
        },
      },
      {
        key: 'calendar',
        title: { fr: 'Un calendrier de trois mois', en: 'A three-month calendar' },
        text: {
          fr: 'Listez trois sujets de posts liés à l’actualité de votre équipe, un par mois, et bloquez 20 minutes dans votre agenda pour chacun.',
          en: 'List three post topics linked to your team’s news, one a month, and block 20 minutes in your calendar for each.',
        },
      },
    ],
    questions: [
      { key: 'seen-as', askedBy: 'mentee', text: { fr: 'Qu’est-ce que mon profil dit de moi aujourd’hui ?', en: 'What does my profile say about me today?' } },
      { key: 'authentic', askedBy: 'mentee', text: { fr: 'Comment rester authentique sans trop en dire ?', en: 'How do I stay genuine without oversharing?' } },
      { key: 'examples', askedBy: 'mentee', text: { fr: 'Quels dirigeants publient d’une façon que vous trouvez juste ?', en: 'Which leaders post in a way you find right?' } },
      { key: 'reputation', askedBy: 'mentor', text: { fr: 'Pour quoi aimeriez-vous être reconnu ?', en: 'What would you like to be known for?' } },
      { key: 'obstacle', askedBy: 'mentor', text: { fr: 'Qu’est-ce qui vous retient de publier aujourd’hui ?', en: 'What holds you back from posting today?' } },
    ],
    resources: [
      {
        key: 'comms-team',
        title: { fr: 'L’équipe communication', en: 'The communications team' },
        description: { fr: 'Elle peut relire un premier post et partager les messages clés de l’entreprise.', en: 'They can proofread a first post and share the company’s key messages.' },
      },
      {
        key: 'profile-tips',
        title: { fr: 'Les conseils de profil de LinkedIn', en: 'LinkedIn’s profile tips' },
        description: { fr: 'Les recommandations officielles pour la photo, le titre et la section Infos.', en: 'The official advice on photo, headline and About section.' },
      },
    ],
  },
  {
    key: 'data-guide',
    version: 1,
    theme: 'data',
    title: { fr: 'Données : lire, croiser, questionner', en: 'Data: read, cross, question' },
    summary: {
      fr: 'Lire un tableau de bord sans se tromper, faire un tableau croisé dynamique et poser les bonnes questions aux chiffres.',
      en: 'Read a dashboard without being misled, build a pivot table and ask good questions of the numbers.',
    },
    sessionMinutes: 45,
    agenda: [
      opening,
      {
        key: 'dashboard',
        minutes: 10,
        title: { fr: 'Lire un tableau de bord', en: 'Read a dashboard' },
        detail: {
          fr: 'Sur un tableau de bord que le mentoré reçoit déjà : sources, période, unités, ce qui manque.',
          en: 'On a dashboard the mentee already receives: sources, period, units, what is missing.',
        },
      },
      {
        key: 'pivot',
        minutes: 15,
        title: { fr: 'Un tableau croisé', en: 'A pivot table' },
        detail: {
          fr: 'Le mentoré construit lui-même un tableau croisé dynamique dans Excel ou Google Sheets.',
          en: 'The mentee builds a pivot table themselves in Excel or Google Sheets.',
        },
      },
      {
        key: 'questions',
        minutes: 10,
        title: { fr: 'Questionner les chiffres', en: 'Question the numbers' },
        detail: {
          fr: 'Corrélation ou cause, moyenne ou médiane, échantillon trop petit : les pièges courants.',
          en: 'Correlation or cause, mean or median, a sample too small: the usual traps.',
        },
      },
      closing,
    ],
    exercises: [
      {
        key: 'three-questions',
        title: { fr: 'Trois questions à un graphique', en: 'Three questions for a chart' },
        text: {
          fr: 'Prenez un graphique de votre dernier comité. Demandez : d’où viennent les données ? Sur quelle période ? Qu’est-ce qui changerait ma décision ? Notez ce que vous ne savez pas.',
          en: 'Take a chart from your last committee. Ask: where does the data come from? Over which period? What would change my decision? Note what you do not know.',
        },
      },
      {
        key: 'pivot-table',
        title: { fr: 'Votre premier tableau croisé', en: 'Your first pivot table' },
        text: {
          fr: 'À partir d’un export de ventes ou d’effectifs, construisez un tableau croisé par mois et par équipe, puis ajoutez un filtre. Le mentor ne touche pas le clavier.',
          en: 'From a sales or headcount export, build a pivot table by month and by team, then add a filter. The mentor does not touch the keyboard.',
        },
      },
    ],
    questions: [
      { key: 'trust-source', askedBy: 'mentee', text: { fr: 'Comment savoir si une source de données est fiable ?', en: 'How do I know whether a data source is reliable?' } },
      { key: 'tools', askedBy: 'mentee', text: { fr: 'Quels outils utilisez-vous pour explorer des données ?', en: 'Which tools do you use to explore data?' } },
      { key: 'ask-analyst', askedBy: 'mentee', text: { fr: 'Comment formuler une demande claire à un analyste ?', en: 'How do I word a clear request to an analyst?' } },
      { key: 'decision', askedBy: 'mentor', text: { fr: 'Quelle décision récente auriez-vous aimé mieux appuyer sur des chiffres ?', en: 'Which recent decision would you have liked to base more on numbers?' } },
      { key: 'reports', askedBy: 'mentor', text: { fr: 'Quels rapports recevez-vous sans vraiment les lire ?', en: 'Which reports do you receive without really reading them?' } },
    ],
    resources: [
      {
        key: 'data-team',
        title: { fr: 'L’équipe data ou contrôle de gestion', en: 'The data or controlling team' },
        description: { fr: 'Elle sait d’où viennent les chiffres et comment ils sont calculés.', en: 'They know where the numbers come from and how they are computed.' },
      },
      {
        key: 'pivot-help',
        title: { fr: 'L’aide du tableur', en: 'The spreadsheet’s help pages' },
        description: { fr: 'Excel et Google Sheets ont chacun un pas-à-pas sur les tableaux croisés.', en: 'Excel and Google Sheets each have a step-by-step on pivot tables.' },
      },
    ],
  },
  {
    key: 'video-guide',
    version: 1,
    theme: 'video',
    title: { fr: 'Vidéo : un message d’une minute', en: 'Video: a one-minute message' },
    summary: {
      fr: 'Enregistrer un court message vidéo avec son téléphone : cadre, lumière, son, texte, et le publier en interne.',
      en: 'Record a short video message on your phone: framing, light, sound, script, and share it internally.',
    },
    sessionMinutes: 45,
    agenda: [
      opening,
      {
        key: 'basics',
        minutes: 10,
        title: { fr: 'Les bases', en: 'The basics' },
        detail: {
          fr: 'Téléphone à l’horizontale, regard vers l’objectif, lumière de face, pièce calme.',
          en: 'Phone held horizontally, eyes on the lens, light in front, a quiet room.',
        },
      },
      {
        key: 'script',
        minutes: 5,
        title: { fr: 'Écrire le message', en: 'Write the message' },
        detail: {
          fr: 'Une idée, trois phrases, une conclusion : environ 150 mots pour une minute.',
          en: 'One idea, three sentences, one close: about 150 words for a minute.',
        },
      },
      {
        key: 'record',
        minutes: 20,
        title: { fr: 'Tourner et revoir', en: 'Record and review' },
        detail: {
          fr: 'Le mentoré tourne trois prises, les regarde avec le mentor et garde la meilleure.',
          en: 'The mentee records three takes, watches them with the mentor and keeps the best.',
        },
      },
      closing,
    ],
    exercises: [
      {
        key: 'one-minute',
        title: { fr: 'Le message d’une minute', en: 'The one-minute message' },
        text: {
          fr: 'Enregistrez un message à votre équipe : une nouvelle, ce qu’elle change, un merci. Pas de lecture mot à mot : quelques mots-clés suffisent.',
          en: 'Record a message to your team: one piece of news, what it changes, a thank-you. Do not read word for word: a few keywords are enough.',
        },
      },
      {
        key: 'edit',
        title: { fr: 'Couper et sous-titrer', en: 'Trim and caption' },
        text: {
          fr: 'Coupez le début et la fin avec l’outil de montage du téléphone, puis ajoutez des sous-titres automatiques et corrigez-les. Beaucoup regardent sans le son.',
          en: 'Trim the start and end with the phone’s editor, then add automatic captions and correct them. Many people watch without sound.',
        },
      },
    ],
    questions: [
      { key: 'camera-shy', askedBy: 'mentee', text: { fr: 'Comment être naturel face à la caméra ?', en: 'How do I look natural on camera?' } },
      { key: 'length', askedBy: 'mentee', text: { fr: 'Quelle durée est vraiment regardée jusqu’au bout ?', en: 'What length do people really watch to the end?' } },
      { key: 'where', askedBy: 'mentee', text: { fr: 'Où publier une vidéo interne pour qu’elle soit vue ?', en: 'Where should an internal video go to be seen?' } },
      { key: 'use-case', askedBy: 'mentor', text: { fr: 'Quel message passeriez-vous mieux en vidéo qu’en courriel ?', en: 'Which message would work better as a video than an email?' } },
      { key: 'fear', askedBy: 'mentor', text: { fr: 'Qu’est-ce qui vous gêne le plus quand vous vous voyez filmé ?', en: 'What bothers you most when you see yourself on video?' } },
    ],
    resources: [
      {
        key: 'internal-video',
        title: { fr: 'La plateforme vidéo interne', en: 'The internal video platform' },
        description: { fr: 'Stream, Drive ou l’intranet : là où vos collègues regardent déjà des vidéos.', en: 'Stream, Drive or the intranet: where your colleagues already watch videos.' },
      },
      {
        key: 'phone-editor',
        title: { fr: 'L’éditeur vidéo du téléphone', en: 'The phone’s video editor' },
        description: { fr: 'Couper, recadrer et sous-titrer se fait sans application supplémentaire.', en: 'Trimming, cropping and captioning need no extra app.' },
      },
    ],
  },
  {
    key: 'digital-culture-guide',
    version: 1,
    theme: 'digital-culture',
    title: { fr: 'Culture numérique : les usages d’une génération', en: 'Digital culture: how a generation lives online' },
    summary: {
      fr: 'Découvrir les usages, les codes et les plateformes de la génération du mentor, pour mieux comprendre clients et collaborateurs.',
      en: 'Discover the habits, codes and platforms of the mentor’s generation, to better understand customers and colleagues.',
    },
    sessionMinutes: 45,
    agenda: [
      opening,
      {
        key: 'a-day',
        minutes: 10,
        title: { fr: 'Une journée connectée', en: 'A connected day' },
        detail: {
          fr: 'Le mentor raconte sa journée numérique : applications, médias, achats, messageries.',
          en: 'The mentor walks through their digital day: apps, media, shopping, messaging.',
        },
      },
      {
        key: 'explore',
        minutes: 15,
        title: { fr: 'Exploration guidée', en: 'Guided exploration' },
        detail: {
          fr: 'Le mentoré installe ou ouvre une plateforme qu’il ne connaît pas et s’y promène.',
          en: 'The mentee installs or opens a platform they do not know and looks around.',
        },
      },
      {
        key: 'business',
        minutes: 10,
        title: { fr: 'Et pour l’entreprise ?', en: 'And for the company?' },
        detail: {
          fr: 'Ce que ces usages changent pour les clients, le recrutement et la marque.',
          en: 'What these habits change for customers, hiring and the brand.',
        },
      },
      closing,
    ],
    exercises: [
      {
        key: 'new-platform',
        title: { fr: 'Une plateforme inconnue', en: 'An unknown platform' },
        text: {
          fr: 'Choisissez une plateforme que vous n’utilisez pas (TikTok, Discord, Twitch, BeReal…). Passez dix minutes à observer, puis dites au mentor ce qui vous a surpris.',
          en: 'Pick a platform you do not use (TikTok, Discord, Twitch, BeReal…). Spend ten minutes observing, then tell the mentor what surprised you.',
        },
      },
      {
        key: 'vocabulary',
        title: { fr: 'Le petit lexique', en: 'The little glossary' },
        text: {
          fr: 'Le mentor cite cinq mots ou expressions du quotidien en ligne. Le mentoré devine leur sens, puis ils notent ensemble une définition simple pour chacun.',
          en: 'The mentor names five words or phrases from everyday online life. The mentee guesses their meaning, then together they write a simple definition for each.',
        },
      },
    ],
    questions: [
      { key: 'news', askedBy: 'mentee', text: { fr: 'Où vous informez-vous, et comment triez-vous le vrai du faux ?', en: 'Where do you get news, and how do you sort true from false?' } },
      { key: 'employer', askedBy: 'mentee', text: { fr: 'Qu’attendez-vous d’un employeur en matière de numérique ?', en: 'What do you expect from an employer when it comes to digital?' } },
      { key: 'disconnect', askedBy: 'mentee', text: { fr: 'Comment vous déconnectez-vous ?', en: 'How do you disconnect?' } },
      { key: 'kids', askedBy: 'mentor', text: { fr: 'Quels usages numériques observez-vous autour de vous qui vous intriguent ?', en: 'Which digital habits around you intrigue you?' } },
      { key: 'customers', askedBy: 'mentor', text: { fr: 'Comment vos clients vous trouvent-ils aujourd’hui ?', en: 'How do your customers find you today?' } },
    ],
    resources: [
      {
        key: 'barometer',
        title: { fr: 'Les baromètres des usages numériques', en: 'Digital-usage surveys' },
        description: { fr: 'Des études annuelles publiques décrivent les usages par tranche d’âge.', en: 'Public yearly studies describe online habits by age group.' },
      },
      {
        key: 'newsletter',
        title: { fr: 'Une newsletter tech grand public', en: 'A general-audience tech newsletter' },
        description: { fr: 'Le mentor recommande celle qu’il lit : cinq minutes par semaine suffisent.', en: 'The mentor recommends the one they read: five minutes a week is enough.' },
      },
    ],
  },
  {
    key: 'e-commerce-guide',
    version: 1,
    theme: 'e-commerce',
    title: { fr: 'E-commerce : le parcours d’achat en ligne', en: 'E-commerce: the online buying journey' },
    summary: {
      fr: 'Vivre un parcours d’achat en ligne comme un client, repérer ce qui fait acheter ou abandonner, et le comparer à l’offre de l’entreprise.',
      en: 'Go through an online purchase as a customer, spot what makes people buy or give up, and compare it with the company’s offer.',
    },
    sessionMinutes: 45,
    agenda: [
      opening,
      {
        key: 'journey',
        minutes: 15,
        title: { fr: 'Un achat en direct', en: 'A live purchase' },
        detail: {
          fr: 'Le mentoré suit un parcours d’achat sur son téléphone, de la recherche au paiement, en commentant à voix haute.',
          en: 'The mentee follows a buying journey on their phone, from search to payment, thinking aloud.',
        },
      },
      {
        key: 'key-figures',
        minutes: 10,
        title: { fr: 'Les chiffres qui comptent', en: 'The numbers that matter' },
        detail: {
          fr: 'Taux de conversion, panier moyen, taux d’abandon, avis clients : ce qu’ils disent.',
          en: 'Conversion rate, average basket, abandonment rate, customer reviews: what they say.',
        },
      },
      {
        key: 'compare',
        minutes: 10,
        title: { fr: 'Comparer avec chez nous', en: 'Compare with our own' },
        detail: {
          fr: 'Refaire le même parcours sur le site ou l’application de l’entreprise.',
          en: 'Go through the same journey on the company’s site or app.',
        },
      },
      closing,
    ],
    exercises: [
      {
        key: 'mystery-shopper',
        title: { fr: 'Client mystère', en: 'Mystery shopper' },
        text: {
          fr: 'Achetez ou simulez l’achat d’un produit sur deux sites concurrents. Notez le nombre d’étapes, les moments d’hésitation et ce qui vous aurait fait abandonner.',
          en: 'Buy, or pretend to buy, a product on two competing sites. Note the number of steps, the moments you hesitated and what would have made you give up.',
        },
      },
      {
        key: 'reviews',
        title: { fr: 'Lire les avis', en: 'Read the reviews' },
        text: {
          fr: 'Lisez dix avis clients récents sur un produit de l’entreprise. Classez-les en trois colonnes : produit, livraison, service. Que change-t-on en premier ?',
          en: 'Read ten recent customer reviews of a company product. Sort them into three columns: product, delivery, service. What do we fix first?',
        },
      },
    ],
    questions: [
      { key: 'buy-online', askedBy: 'mentee', text: { fr: 'Qu’est-ce qui vous fait acheter en ligne plutôt qu’en magasin ?', en: 'What makes you buy online rather than in a shop?' } },
      { key: 'trust', askedBy: 'mentee', text: { fr: 'À quoi voyez-vous qu’un site est digne de confiance ?', en: 'How can you tell a site is trustworthy?' } },
      { key: 'social-shopping', askedBy: 'mentee', text: { fr: 'Achetez-vous depuis les réseaux sociaux ?', en: 'Do you buy through social networks?' } },
      { key: 'last-purchase', askedBy: 'mentor', text: { fr: 'Quel a été votre dernier achat en ligne, et comment s’est-il passé ?', en: 'What was your last online purchase, and how did it go?' } },
      { key: 'our-channel', askedBy: 'mentor', text: { fr: 'Quelle part de notre chiffre d’affaires passe par le numérique ?', en: 'What share of our revenue goes through digital channels?' } },
    ],
    resources: [
      {
        key: 'ecommerce-team',
        title: { fr: 'L’équipe e-commerce ou marketing', en: 'The e-commerce or marketing team' },
        description: { fr: 'Elle suit les chiffres du site et connaît les points de friction.', en: 'They track the site’s numbers and know the friction points.' },
      },
      {
        key: 'benchmarks',
        title: { fr: 'Les études sectorielles du e-commerce', en: 'E-commerce industry studies' },
        description: { fr: 'Les fédérations professionnelles publient chaque année les chiffres clés du secteur.', en: 'Trade bodies publish the sector’s key figures every year.' },
      },
    ],
  },
  {
    key: 'csr-guide',
    version: 1,
    theme: 'csr',
    title: { fr: 'RSE : l’empreinte de l’entreprise', en: 'CSR: the company’s footprint' },
    summary: {
      fr: 'Comprendre l’empreinte carbone de l’entreprise, ses principaux postes d’émission et ce que chaque équipe peut y changer.',
      en: 'Understand the company’s carbon footprint, its main sources of emissions and what each team can change.',
    },
    sessionMinutes: 45,
    agenda: [
      opening,
      {
        key: 'carbon-basics',
        minutes: 10,
        title: { fr: 'Les bases du carbone', en: 'Carbon basics' },
        detail: {
          fr: 'Scopes 1, 2 et 3, tonnes équivalent CO2, ordres de grandeur d’un trajet, d’un repas, d’un ordinateur.',
          en: 'Scopes 1, 2 and 3, tonnes of CO2 equivalent, orders of magnitude for a trip, a meal, a laptop.',
        },
      },
      {
        key: 'footprint',
        minutes: 15,
        title: { fr: 'Lire le bilan de l’entreprise', en: 'Read the company’s report' },
        detail: {
          fr: 'Ensemble, repérer dans le rapport RSE les trois plus gros postes d’émission.',
          en: 'Together, find the three largest sources of emissions in the CSR report.',
        },
      },
      {
        key: 'levers',
        minutes: 10,
        title: { fr: 'Les leviers de l’équipe', en: 'The team’s levers' },
        detail: {
          fr: 'Ce que l’équipe du mentoré peut changer : déplacements, achats, numérique, fournisseurs.',
          en: 'What the mentee’s team can change: travel, purchasing, digital, suppliers.',
        },
      },
      closing,
    ],
    exercises: [
      {
        key: 'personal-footprint',
        title: { fr: 'Son empreinte personnelle', en: 'Your own footprint' },
        text: {
          fr: 'Calculez votre empreinte avec un simulateur public en dix minutes. Comparez avec l’objectif de deux tonnes par an et repérez votre premier poste.',
          en: 'Work out your footprint with a public calculator in ten minutes. Compare it with the two-tonnes-a-year target and find your largest item.',
        },
      },
      {
        key: 'team-action',
        title: { fr: 'Une action d’équipe', en: 'One team action' },
        text: {
          fr: 'Choisissez une décision courante de votre équipe (un déplacement, un achat, un événement). Estimez son empreinte et proposez une alternative réaliste.',
          en: 'Pick an everyday team decision (a trip, a purchase, an event). Estimate its footprint and suggest a realistic alternative.',
        },
      },
    ],
    questions: [
      { key: 'expectations', askedBy: 'mentee', text: { fr: 'Qu’attendez-vous de l’entreprise sur le climat ?', en: 'What do you expect from the company on climate?' } },
      { key: 'greenwashing', askedBy: 'mentee', text: { fr: 'À partir de quand un discours devient-il du greenwashing ?', en: 'When does a message become greenwashing?' } },
      { key: 'job-choice', askedBy: 'mentee', text: { fr: 'La RSE compte-t-elle dans le choix d’un employeur ?', en: 'Does CSR count when choosing an employer?' } },
      { key: 'influence', askedBy: 'mentor', text: { fr: 'Sur quelle décision avez-vous le plus d’influence ?', en: 'Which decision do you have most influence on?' } },
      { key: 'trade-off', askedBy: 'mentor', text: { fr: 'Quel arbitrage entre coût et impact avez-vous fait récemment ?', en: 'Which trade-off between cost and impact have you made lately?' } },
    ],
    resources: [
      {
        key: 'csr-report',
        title: { fr: 'Le rapport RSE de l’entreprise', en: 'The company’s CSR report' },
        description: { fr: 'Le bilan des émissions et les engagements chiffrés, souvent publié chaque année.', en: 'The emissions inventory and numbered commitments, often published yearly.' },
      },
      {
        key: 'climate-workshop',
        title: { fr: 'Un atelier de sensibilisation au climat', en: 'A climate awareness workshop' },
        description: { fr: 'Des ateliers collaboratifs de trois heures expliquent les causes et effets du changement climatique.', en: 'Three-hour collaborative workshops explain the causes and effects of climate change.' },
      },
    ],
  },
  {
    key: 'diversity-inclusion-guide',
    version: 1,
    theme: 'diversity-inclusion',
    title: { fr: 'Diversité et inclusion au quotidien', en: 'Diversity and inclusion, day to day' },
    summary: {
      fr: 'Repérer les biais dans les réunions et les écrits, adopter un langage inclusif et donner à chacun sa place.',
      en: 'Spot bias in meetings and writing, use inclusive language and give everyone their place.',
    },
    sessionMinutes: 45,
    agenda: [
      opening,
      {
        key: 'experience',
        minutes: 10,
        title: { fr: 'Un vécu partagé', en: 'A shared experience' },
        detail: {
          fr: 'Le mentor raconte, s’il le souhaite, une situation où il s’est senti mis à l’écart ou au contraire inclus.',
          en: 'If they wish, the mentor tells of a time they felt left out, or on the contrary included.',
        },
      },
      {
        key: 'meetings',
        minutes: 15,
        title: { fr: 'Les biais en réunion', en: 'Bias in meetings' },
        detail: {
          fr: 'Qui parle, qui est interrompu, à qui on attribue une idée : relire une réunion récente.',
          en: 'Who speaks, who is interrupted, who gets credit for an idea: look back at a recent meeting.',
        },
      },
      {
        key: 'language',
        minutes: 10,
        title: { fr: 'Un langage inclusif', en: 'Inclusive language' },
        detail: {
          fr: 'Relire ensemble une offre d’emploi ou un courriel d’équipe et en reformuler les passages excluants.',
          en: 'Review a job ad or a team email together and rephrase what could exclude.',
        },
      },
      closing,
    ],
    exercises: [
      {
        key: 'meeting-audit',
        title: { fr: 'Observer sa prochaine réunion', en: 'Observe your next meeting' },
        text: {
          fr: 'Pendant votre prochaine réunion, notez qui prend la parole et combien de temps. Invitez une personne restée silencieuse à donner son avis. Racontez le résultat à la séance suivante.',
          en: 'In your next meeting, note who speaks and for how long. Invite someone who stayed silent to share their view. Report back at the next session.',
        },
      },
      {
        key: 'rewrite',
        title: { fr: 'Reformuler un texte', en: 'Rewrite a text' },
        text: {
          fr: 'Prenez une offre d’emploi de votre équipe. Repérez les termes genrés, le jargon et les exigences inutiles. Proposez une version ouverte à plus de profils.',
          en: 'Take a job ad from your team. Spot gendered terms, jargon and needless requirements. Suggest a version open to more profiles.',
        },
      },
    ],
    questions: [
      { key: 'included', askedBy: 'mentee', text: { fr: 'Qu’est-ce qui vous fait vous sentir inclus dans une équipe ?', en: 'What makes you feel included in a team?' } },
      { key: 'blind-spot', askedBy: 'mentee', text: { fr: 'Qu’est-ce que les managers ne voient pas, selon vous ?', en: 'What do managers not see, in your view?' } },
      { key: 'words', askedBy: 'mentee', text: { fr: 'Quelles expressions courantes peuvent blesser sans qu’on le veuille ?', en: 'Which common phrases can hurt without meaning to?' } },
      { key: 'hiring', askedBy: 'mentor', text: { fr: 'Comment votre équipe a-t-elle recruté ses trois dernières personnes ?', en: 'How did your team hire its last three people?' } },
      { key: 'voice', askedBy: 'mentor', text: { fr: 'Qui s’exprime rarement dans vos réunions, et pourquoi ?', en: 'Who rarely speaks in your meetings, and why?' } },
    ],
    resources: [
      {
        key: 'di-policy',
        title: { fr: 'La politique diversité de l’entreprise', en: 'The company’s diversity policy' },
        description: { fr: 'Engagements, index et référents : ce qui existe déjà chez vous.', en: 'Commitments, indexes and contacts: what already exists in your company.' },
      },
      {
        key: 'inclusive-writing',
        title: { fr: 'Un guide d’écriture inclusive', en: 'An inclusive writing guide' },
        description: { fr: 'Des guides publics proposent des tournures neutres et lisibles.', en: 'Public guides suggest neutral, readable phrasing.' },
      },
    ],
  },
  {
    key: 'new-ways-of-working-guide',
    version: 1,
    theme: 'new-ways-of-working',
    title: { fr: 'Nouveaux modes de travail', en: 'New ways of working' },
    summary: {
      fr: 'Travail hybride, réunions plus courtes, agilité et droit à la déconnexion : ce qu’attend la nouvelle génération et ce qui marche.',
      en: 'Hybrid work, shorter meetings, agility and the right to disconnect: what the new generation expects and what works.',
    },
    sessionMinutes: 45,
    agenda: [
      opening,
      {
        key: 'expectations',
        minutes: 10,
        title: { fr: 'Ce qui compte pour le mentor', en: 'What matters to the mentor' },
        detail: {
          fr: 'Autonomie, sens, flexibilité, feedback : le mentor explique ce qui le motive au travail.',
          en: 'Autonomy, purpose, flexibility, feedback: the mentor explains what motivates them at work.',
        },
      },
      {
        key: 'week-review',
        minutes: 15,
        title: { fr: 'Relire une semaine', en: 'Review a week' },
        detail: {
          fr: 'Ouvrir l’agenda du mentoré : réunions, temps de concentration, présence sur site.',
          en: 'Open the mentee’s calendar: meetings, focus time, days on site.',
        },
      },
      {
        key: 'experiment',
        minutes: 10,
        title: { fr: 'Choisir une expérience', en: 'Choose an experiment' },
        detail: {
          fr: 'Une pratique à tester un mois avec l’équipe : réunion debout, journée sans réunion, point asynchrone.',
          en: 'A practice to test with the team for a month: stand-up, meeting-free day, async update.',
        },
      },
      closing,
    ],
    exercises: [
      {
        key: 'calendar-cleanup',
        title: { fr: 'Alléger son agenda', en: 'Lighten your calendar' },
        text: {
          fr: 'Passez en revue vos réunions récurrentes. Pour chacune : la garder, la raccourcir à 25 minutes, la remplacer par un écrit ou la supprimer.',
          en: 'Go through your recurring meetings. For each one: keep it, cut it to 25 minutes, replace it with a written update or drop it.',
        },
      },
      {
        key: 'hybrid-meeting',
        title: { fr: 'Une réunion hybride équitable', en: 'A fair hybrid meeting' },
        text: {
          fr: 'Préparez votre prochaine réunion hybride : ordre du jour envoyé la veille, chacun sur son écran, prise de parole des personnes à distance en premier.',
          en: 'Prepare your next hybrid meeting: agenda sent the day before, everyone on their own screen, remote people speak first.',
        },
      },
    ],
    questions: [
      { key: 'ideal-week', askedBy: 'mentee', text: { fr: 'À quoi ressemble votre semaine de travail idéale ?', en: 'What does your ideal working week look like?' } },
      { key: 'feedback-rhythm', askedBy: 'mentee', text: { fr: 'À quelle fréquence aimeriez-vous un retour de votre manager ?', en: 'How often would you like feedback from your manager?' } },
      { key: 'remote', askedBy: 'mentee', text: { fr: 'Qu’est-ce qui vous fait venir au bureau ?', en: 'What makes you come to the office?' } },
      { key: 'trust', askedBy: 'mentor', text: { fr: 'Comment savez-vous que votre équipe avance quand vous ne la voyez pas ?', en: 'How do you know your team is making progress when you do not see them?' } },
      { key: 'meetings', askedBy: 'mentor', text: { fr: 'Quelle réunion pourriez-vous supprimer dès demain ?', en: 'Which meeting could you drop tomorrow?' } },
    ],
    resources: [
      {
        key: 'hybrid-agreement',
        title: { fr: 'L’accord de télétravail', en: 'The remote-work agreement' },
        description: { fr: 'Ce que prévoit l’entreprise sur le télétravail et le droit à la déconnexion.', en: 'What the company provides for remote work and the right to disconnect.' },
      },
      {
        key: 'team-retro',
        title: { fr: 'Le format de la rétrospective', en: 'The retrospective format' },
        description: { fr: 'Un rituel agile simple : ce qui a marché, ce qui a coincé, ce qu’on essaie.', en: 'A simple agile ritual: what worked, what got stuck, what we try next.' },
      },
    ],
  },
  {
    key: 'cybersecurity-guide',
    version: 1,
    theme: 'cybersecurity',
    title: { fr: 'Cybersécurité : les bons réflexes', en: 'Cybersecurity: the right reflexes' },
    summary: {
      fr: 'Reconnaître un hameçonnage, protéger ses comptes et savoir quoi faire en cas de doute, à partir des outils du mentoré.',
      en: 'Recognise phishing, protect your accounts and know what to do when in doubt, using the mentee’s own tools.',
    },
    sessionMinutes: 45,
    agenda: [
      opening,
      {
        key: 'threats',
        minutes: 10,
        title: { fr: 'Pourquoi les dirigeants sont visés', en: 'Why leaders are targeted' },
        detail: {
          fr: 'Fraude au président, faux fournisseur, vol de compte : les attaques les plus courantes.',
          en: 'CEO fraud, fake suppliers, account takeover: the most common attacks.',
        },
      },
      {
        key: 'phishing',
        minutes: 15,
        title: { fr: 'Repérer un hameçonnage', en: 'Spot phishing' },
        detail: {
          fr: 'Examiner ensemble des exemples : expéditeur, lien, urgence, demande inhabituelle.',
          en: 'Look at examples together: sender, link, urgency, unusual request.',
        },
      },
      {
        key: 'accounts',
        minutes: 10,
        title: { fr: 'Protéger ses comptes', en: 'Protect your accounts' },
        detail: {
          fr: 'Le mentoré vérifie lui-même sa double authentification et son gestionnaire de mots de passe.',
          en: 'The mentee checks their own two-step sign-in and password manager.',
        },
      },
      closing,
    ],
    exercises: [
      {
        key: 'inbox-check',
        title: { fr: 'Trier sa boîte de réception', en: 'Sort your inbox' },
        text: {
          fr: 'Parcourez vos courriels de la semaine et trouvez-en un suspect. Montrez au mentor les indices : adresse, lien survolé, ton pressant. Signalez-le avec le bouton prévu.',
          en: 'Go through this week’s emails and find a suspicious one. Show the mentor the clues: address, hovered link, pressing tone. Report it with the button provided.',
        },
      },
      {
        key: 'two-step',
        title: { fr: 'Activer la double authentification', en: 'Turn on two-step sign-in' },
        text: {
          fr: 'Sur un compte personnel important (messagerie, banque, réseau social), activez la double authentification avec une application plutôt que par SMS.',
          en: 'On an important personal account (email, bank, social network), turn on two-step sign-in with an app rather than text messages.',
        },
      },
    ],
    questions: [
      { key: 'clicked', askedBy: 'mentee', text: { fr: 'Que faire si j’ai cliqué sur un lien douteux ?', en: 'What should I do if I clicked a dubious link?' } },
      { key: 'passwords', askedBy: 'mentee', text: { fr: 'Comment gérez-vous vos mots de passe ?', en: 'How do you manage your passwords?' } },
      { key: 'travel', askedBy: 'mentee', text: { fr: 'Quelles précautions prendre en déplacement ?', en: 'What precautions should I take when travelling?' } },
      { key: 'urgent-request', askedBy: 'mentor', text: { fr: 'Votre équipe sait-elle vérifier une demande urgente qui semble venir de vous ?', en: 'Does your team know how to check an urgent request that seems to come from you?' } },
      { key: 'public-info', askedBy: 'mentor', text: { fr: 'Quelles informations sur vous sont publiques en ligne ?', en: 'What information about you is public online?' } },
    ],
    resources: [
      {
        key: 'security-team',
        title: { fr: 'L’équipe sécurité de la DSI', en: 'IT’s security team' },
        description: { fr: 'Le bon contact au moindre doute, et la procédure de signalement.', en: 'The right contact at the slightest doubt, and the reporting process.' },
      },
      {
        key: 'national-agency',
        title: { fr: 'Les guides de l’agence nationale de cybersécurité', en: 'The national cybersecurity agency’s guides' },
        description: { fr: 'Des fiches pratiques gratuites sur les bons réflexes au travail.', en: 'Free practical sheets on good habits at work.' },
      },
    ],
  },
  {
    key: 'mobile-apps-guide',
    version: 1,
    theme: 'mobile-apps',
    title: { fr: 'Applications mobiles : tirer parti de son téléphone', en: 'Mobile apps: getting more from your phone' },
    summary: {
      fr: 'Trouver, régler et utiliser les applications qui font gagner du temps au travail, sans s’exposer.',
      en: 'Find, set up and use the apps that save time at work, without putting yourself at risk.',
    },
    sessionMinutes: 45,
    agenda: [
      opening,
      {
        key: 'home-screen',
        minutes: 10,
        title: { fr: 'L’écran d’accueil du mentor', en: 'The mentor’s home screen' },
        detail: {
          fr: 'Le mentor montre les applications qu’il utilise chaque jour et pourquoi.',
          en: 'The mentor shows the apps they use every day and why.',
        },
      },
      {
        key: 'setup',
        minutes: 20,
        title: { fr: 'Réglages sur le téléphone du mentoré', en: 'Setting up the mentee’s phone' },
        detail: {
          fr: 'Le mentoré installe une application utile, règle ses notifications et range son écran.',
          en: 'The mentee installs a useful app, sets its notifications and tidies their screen.',
        },
      },
      {
        key: 'permissions',
        minutes: 5,
        title: { fr: 'Autorisations et données', en: 'Permissions and data' },
        detail: {
          fr: 'Localisation, contacts, micro : quelles autorisations accorder, lesquelles retirer.',
          en: 'Location, contacts, microphone: which permissions to grant, which to remove.',
        },
      },
      closing,
    ],
    exercises: [
      {
        key: 'scan',
        title: { fr: 'Scanner un document', en: 'Scan a document' },
        text: {
          fr: 'Scannez un document papier avec l’appareil photo ou l’application de bureautique, enregistrez-le en PDF dans votre espace de travail et partagez-le avec le mentor.',
          en: 'Scan a paper document with the camera or the office app, save it as a PDF in your work space and share it with the mentor.',
        },
      },
      {
        key: 'focus',
        title: { fr: 'Un mode concentration', en: 'A focus mode' },
        text: {
          fr: 'Créez un mode concentration qui ne laisse passer que vos proches et votre assistant, et programmez-le sur vos plages de travail de fond.',
          en: 'Create a focus mode that only lets through your family and your assistant, and schedule it for your deep-work hours.',
        },
      },
    ],
    questions: [
      { key: 'must-have', askedBy: 'mentee', text: { fr: 'Quelles sont les trois applications dont vous ne vous passeriez pas ?', en: 'Which three apps could you not do without?' } },
      { key: 'trust-app', askedBy: 'mentee', text: { fr: 'Comment savoir si une application est sûre ?', en: 'How can I tell whether an app is safe?' } },
      { key: 'work-personal', askedBy: 'mentee', text: { fr: 'Faut-il séparer applications pro et perso ?', en: 'Should work and personal apps be kept apart?' } },
      { key: 'phone-moments', askedBy: 'mentor', text: { fr: 'À quels moments de la journée utilisez-vous le plus votre téléphone ?', en: 'When in the day do you use your phone the most?' } },
      { key: 'annoyance', askedBy: 'mentor', text: { fr: 'Qu’est-ce qui vous agace le plus sur votre téléphone ?', en: 'What annoys you most about your phone?' } },
    ],
    resources: [
      {
        key: 'company-store',
        title: { fr: 'Le catalogue d’applications de l’entreprise', en: 'The company’s app catalogue' },
        description: { fr: 'Les applications validées par la DSI pour un usage professionnel.', en: 'The apps IT has approved for work use.' },
      },
      {
        key: 'phone-guide',
        title: { fr: 'Le guide du fabricant du téléphone', en: 'The phone maker’s user guide' },
        description: { fr: 'Modes de concentration, accessibilité et réglages de confidentialité expliqués pas à pas.', en: 'Focus modes, accessibility and privacy settings explained step by step.' },
      },
    ],
  },
];

export const themeGuides: ThemeGuide[] = z.array(ThemeGuide).parse(guides);
