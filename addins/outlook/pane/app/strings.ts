import type { Resources } from '../../../shared/i18n.ts';
import sharedFr from '../../../shared/ui/fr.json' with { type: 'json' };
import sharedEn from '../../../shared/ui/en.json' with { type: 'json' };
import appFr from './fr.json' with { type: 'json' };
import appEn from './en.json' with { type: 'json' };
import partsFr from '../parts/fr.json' with { type: 'json' };
import partsEn from '../parts/en.json' with { type: 'json' };
import catalogueFr from '../../../../contract/messages/fr.json' with { type: 'json' };
import catalogueEn from '../../../../contract/messages/en.json' with { type: 'json' };
import homeFr from '../home/fr.json' with { type: 'json' };
import homeEn from '../home/en.json' with { type: 'json' };
import pairFr from '../pair/fr.json' with { type: 'json' };
import pairEn from '../pair/en.json' with { type: 'json' };
import sessionsFr from '../sessions/fr.json' with { type: 'json' };
import sessionsEn from '../sessions/en.json' with { type: 'json' };
import sessionFr from '../session/fr.json' with { type: 'json' };
import sessionEn from '../session/en.json' with { type: 'json' };
import trainingFr from '../training/fr.json' with { type: 'json' };
import trainingEn from '../training/en.json' with { type: 'json' };

/** Each feature's words under its own key; the features' folders hold the files; theme labels are the message catalogue's, shared by every surface. */
export const paneStrings: Resources = {
  fr: { shared: sharedFr, app: appFr, parts: { ...partsFr, themes: catalogueFr.theme }, home: homeFr, pair: pairFr, sessions: sessionsFr, session: sessionFr, training: trainingFr },
  en: { shared: sharedEn, app: appEn, parts: { ...partsEn, themes: catalogueEn.theme }, home: homeEn, pair: pairEn, sessions: sessionsEn, session: sessionEn, training: trainingEn },
};
