import ExcelJS from 'exceljs';
import { enrolmentColumns, frenchHeader, optionalColumns, type Column } from '../../src/enrolment/columns.ts';
import type { templateFormats, templateLanguages } from '../../contract/admin.ts';

export type TemplateFormat = (typeof templateFormats)[number];
export type TemplateLanguage = (typeof templateLanguages)[number];

const columns: Column[] = [...enrolmentColumns, ...optionalColumns];

/** Two example rows, one per role, as a person would type them in each language's spreadsheet. */
const examples: Record<TemplateLanguage, Record<Column, string>[]> = {
  fr: [
    { email: 'prenom.nom@exemple.fr', role: 'mentor', offers: 'ai, data', wants: '', languages: 'fr, en', format: 'video', workingDays: 'lun-ven', workingHours: '09:00-18:00' },
    { email: 'autre.personne@exemple.fr', role: 'mentee', offers: '', wants: 'social-networks', languages: 'fr', format: 'either', workingDays: '', workingHours: '' },
  ],
  en: [
    { email: 'first.last@example.com', role: 'mentor', offers: 'ai;data', wants: '', languages: 'en;fr', format: 'video', workingDays: 'mon-fri', workingHours: '09:00-18:00' },
    { email: 'someone.else@example.com', role: 'mentee', offers: '', wants: 'social-networks', languages: 'en', format: 'either', workingDays: '', workingHours: '' },
  ],
};

const headerFor = (lang: TemplateLanguage): string[] => columns.map((c) => (lang === 'fr' ? frenchHeader[c] : c));

/**
 * The enrolment template: French with semicolons between cells and commas
 * inside them (what French Excel reads and writes), English with commas and
 * semicolons. A UTF-8 byte order mark makes Excel read the accents right.
 */
export function csvTemplate(lang: TemplateLanguage): Buffer {
  const delimiter = lang === 'fr' ? ';' : ',';
  const quote = (cell: string): string => (cell.includes(delimiter) || cell.includes('"') ? `"${cell.replaceAll('"', '""')}"` : cell);
  const lines = [headerFor(lang), ...examples[lang].map((row) => columns.map((c) => row[c]))].map((cells) => cells.map(quote).join(delimiter));
  return Buffer.from(`\ufeff${lines.join('\r\n')}\r\n`, 'utf8');
}

const help: Record<TemplateLanguage, { sheet: string; title: string; lines: [string, string][] }> = {
  fr: {
    sheet: 'Aide',
    title: 'Une ligne par volontaire ; les lignes d’exemple sont à remplacer.',
    lines: [
      ['rôle', 'mentor (junior qui transmet) ou mentee (senior qui apprend)'],
      ['propose, souhaite', 'thèmes du catalogue, séparés par des virgules'],
      ['langues', 'codes ISO 639 séparés par des virgules : fr, en, es…'],
      ['format', 'in-person, video ou either (vide : either)'],
      ['jours (facultatif)', 'lun, mar, mer, jeu, ven, sam, dim, ou une plage : lun-ven'],
      ['horaires (facultatif)', '09:00-18:00 ; utilisés seulement si l’agenda ne donne pas d’horaires'],
    ],
  },
  en: {
    sheet: 'Help',
    title: 'One row per volunteer; replace the example rows.',
    lines: [
      ['role', 'mentor (the junior who teaches) or mentee (the senior who learns)'],
      ['offers, wants', 'theme keys from the catalogue, separated by semicolons'],
      ['languages', 'ISO 639 codes separated by semicolons: en, fr, es…'],
      ['format', 'in-person, video or either (empty: either)'],
      ['workingDays (optional)', 'mon, tue, wed, thu, fri, sat, sun, or a run: mon-fri'],
      ['workingHours (optional)', '09:00-18:00; used only where the calendar gives no working hours'],
    ],
  },
};

/** The same template as a workbook: the enrolment sheet first (the one an import reads), then a help sheet. */
export async function xlsxTemplate(lang: TemplateLanguage, themes: readonly string[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(lang === 'fr' ? 'Inscriptions' : 'Enrolments');
  sheet.addRow(headerFor(lang)).font = { bold: true };
  for (const row of examples[lang]) sheet.addRow(columns.map((c) => row[c]));
  sheet.columns.forEach((column, i) => {
    column.width = i === 0 ? 32 : 18;
  });
  const aide = workbook.addWorksheet(help[lang].sheet);
  aide.addRow([help[lang].title]).font = { bold: true };
  for (const line of help[lang].lines) aide.addRow(line);
  aide.addRow([lang === 'fr' ? 'thèmes du catalogue' : 'catalogue themes', themes.join(', ')]);
  aide.getColumn(1).width = 24;
  aide.getColumn(2).width = 90;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
