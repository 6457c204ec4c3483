import type { FastifyInstance } from 'fastify';
import { Temporal } from 'temporal-polyfill';
import type { SandboxContext } from '../context.ts';
import type { SandboxState, SandboxUser, StoredEvent } from '../state.ts';
import { weekdays } from '../../../src/model/schema.ts';
import { timeOfMinutes } from '../../../src/model/working-hours.ts';
import { windowsZoneOf } from '../zones.ts';
import { messages, type PageLanguage, type PageMessages } from './messages.ts';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/** The Monday of an ISO week ("2027-W02"); null when unreadable. */
export function mondayOfIsoWeek(week: string): Temporal.PlainDate | null {
  const match = /^(\d{4})-W(\d{2})$/.exec(week);
  if (match === null) return null;
  const year = Number(match[1]);
  const number = Number(match[2]);
  const jan4 = Temporal.PlainDate.from({ year, month: 1, day: 4 });
  const weeksInYear = Temporal.PlainDate.from({ year, month: 12, day: 28 }).weekOfYear ?? 52;
  if (number < 1 || number > weeksInYear) return null;
  return jan4.subtract({ days: jan4.dayOfWeek - 1 }).add({ weeks: number - 1 });
}

export function isoWeekOf(date: Temporal.PlainDate): string {
  return `${date.yearOfWeek ?? date.year}-W${String(date.weekOfYear ?? 1).padStart(2, '0')}`;
}

interface PageQuery {
  lang: PageLanguage;
  q: string;
  person: string | null;
  week: string | null;
}

function readQuery(query: unknown): PageQuery {
  const q = (typeof query === 'object' && query !== null ? query : {}) as Record<string, unknown>;
  const text = (key: string) => (typeof q[key] === 'string' ? (q[key] as string) : null);
  return { lang: text('lang') === 'en' ? 'en' : 'fr', q: text('q') ?? '', person: text('person'), week: text('week') };
}

function href(query: PageQuery, change: Partial<PageQuery>): string {
  const next = { ...query, ...change };
  const params = new URLSearchParams();
  if (next.lang !== 'fr') params.set('lang', next.lang);
  if (next.q !== '') params.set('q', next.q);
  if (next.person !== null) params.set('person', next.person);
  if (next.week !== null) params.set('week', next.week);
  const search = params.toString();
  return escapeHtml(`/calendar${search === '' ? '' : `?${search}`}`);
}

const styles = `
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1b1b1f;background:#f5f5f7}
header{background:#3b3a8f;color:#fff;padding:12px 24px;display:flex;justify-content:space-between;align-items:center}
header a{color:#fff}
.notice{font-size:.85em;opacity:.85}
main{display:grid;grid-template-columns:280px 1fr;gap:24px;padding:24px}
nav ul{list-style:none;padding:0;margin:8px 0;max-height:75vh;overflow:auto}
nav li a{display:block;padding:6px 8px;border-radius:6px;color:inherit;text-decoration:none}
nav li a:hover,nav li a[aria-current]{background:#e3e2f7}
nav small{color:#5f5f6b;display:block}
input[type=search]{width:100%;padding:6px;box-sizing:border-box}
.week{display:grid;grid-template-columns:repeat(7,minmax(110px,1fr));gap:8px}
.day{background:#fff;border-radius:8px;padding:8px;min-height:140px}
.day h3{font-size:.9em;margin:0 0 6px}
.event{border-left:4px solid #8a8a99;background:#f0f0f4;padding:4px 6px;margin-bottom:6px;border-radius:4px;font-size:.85em}
.event.binome{border-left-color:#3b3a8f;background:#e3e2f7}
.event .tag{font-weight:600;color:#3b3a8f}
.event.cancelled{opacity:.6;text-decoration:line-through}
.empty{color:#8a8a99;font-size:.85em}
.pager{display:flex;gap:16px;margin:12px 0}
.error{color:#a4262c}
`;

/** Binome's tag on an event, as the tenant's facade reads it. */
type TagReader = SandboxContext['binomeTagOf'];

function eventHtml(event: StoredEvent, zone: string, t: PageMessages, tagOf: TagReader): string {
  const time = (ms: number) =>
    new Intl.DateTimeFormat(t.locale, { timeZone: zone, hour: '2-digit', minute: '2-digit' }).format(new Date(ms));
  const tag = tagOf(event);
  const attendees = event.attendees.map((a) => `${escapeHtml(a.name)} (${escapeHtml(t.responses[a.response] ?? a.response)})`).join(', ');
  return [
    `<div class="event${tag === null ? '' : ' binome'}${event.isCancelled === true ? ' cancelled' : ''}"${event.isCancelled === true ? ` title="${escapeHtml(t.cancelled)}"` : ''}>`,
    `<div><strong>${escapeHtml(time(event.start))}–${escapeHtml(time(event.end))}</strong> ${escapeHtml(event.subject)}</div>`,
    tag === null
      ? ''
      : `<div class="tag" title="${escapeHtml(`${t.cohort} ${tag.cohortId} · ${t.pair} ${tag.pairId}`)}">${escapeHtml(t.binomeSession)} · ${escapeHtml(t.session)} ${tag.session}</div>`,
    event.attendees.length === 0 ? '' : `<div>${escapeHtml(t.organizer)} ${escapeHtml(event.organizer.name)}</div><div>${escapeHtml(t.attendees)} ${attendees}</div>`,
    event.joinUrl === null ? '' : `<div><a href="${escapeHtml(event.joinUrl)}" rel="noreferrer">${escapeHtml(t.joinMeeting)}</a></div>`,
    '</div>',
  ].join('');
}

function weekHtml(state: SandboxState, user: SandboxUser, monday: Temporal.PlainDate, query: PageQuery, t: PageMessages, tagOf: TagReader): string {
  const zone = user.timeZone;
  const events = state.events(user.id).sort((a, b) => a.start - b.start);
  const days: string[] = [];
  for (let i = 0; i < 7; i += 1) {
    const date = monday.add({ days: i });
    const from = date.toZonedDateTime({ timeZone: zone }).epochMilliseconds;
    const to = date.add({ days: 1 }).toZonedDateTime({ timeZone: zone }).epochMilliseconds;
    const label = new Intl.DateTimeFormat(t.locale, { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(
      new Date(Date.UTC(date.year, date.month - 1, date.day, 12)),
    );
    const inDay = events.filter((e) => e.start < to && e.end > from);
    days.push(
      `<section class="day"><h3>${escapeHtml(label)}</h3>${inDay.length === 0 ? `<p class="empty">${escapeHtml(t.noEvents)}</p>` : inDay.map((e) => eventHtml(e, zone, t, tagOf)).join('')}</section>`,
    );
  }
  const previous = isoWeekOf(monday.subtract({ weeks: 1 }));
  const next = isoWeekOf(monday.add({ weeks: 1 }));
  const current = isoWeekOf(monday);
  const dayOrder = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
  // 2027-01-04 is a Monday: it names the weekdays in the page's language.
  const dayName = (day: string) =>
    new Intl.DateTimeFormat(t.locale, { weekday: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(2027, 0, 4 + dayOrder.indexOf(day))));
  const week = user.workingHours;
  const hours =
    week === null
      ? t.noWorkingHours
      : weekdays
          .filter((day) => week[day].length > 0)
          .map((day) => `${dayName(day)} ${week[day].map(([start, end]) => `${timeOfMinutes(start)}–${timeOfMinutes(end)}`).join(', ')}`)
          .join(' · ');
  return [
    `<h2>${escapeHtml(user.displayName)}</h2>`,
    `<p>${escapeHtml([user.jobTitle, user.department, user.officeLocation].filter((x) => x !== null).join(' · '))}</p>`,
    `<p>${escapeHtml(t.timeZone)} ${escapeHtml(zone)} (${escapeHtml(windowsZoneOf(zone) ?? '')}) · ${escapeHtml(t.workingHours)} ${escapeHtml(hours)}</p>`,
    `<div class="pager"><a href="${href(query, { week: previous })}">${escapeHtml(t.previousWeek)}</a><strong>${escapeHtml(t.week)} ${escapeHtml(current)}</strong><a href="${href(query, { week: next })}">${escapeHtml(t.nextWeek)}</a></div>`,
    `<div class="week">${days.join('')}</div>`,
  ].join('');
}

/** The week to show when none is asked: the one holding the person's next Binome session, else their next event, else this week. */
function defaultMonday(state: SandboxState, user: SandboxUser, now: number, tagOf: TagReader): Temporal.PlainDate {
  const upcoming = state.events(user.id).filter((e) => e.end >= now && e.isCancelled !== true).sort((a, b) => a.start - b.start);
  const next = upcoming.find((e) => tagOf(e) !== null) ?? upcoming[0];
  const at = Temporal.Instant.fromEpochMilliseconds(next?.start ?? now).toZonedDateTimeISO(user.timeZone).toPlainDate();
  return at.subtract({ days: at.dayOfWeek - 1 });
}

export function renderCalendarPage(state: SandboxState, rawQuery: unknown, now: number, tagOf: TagReader): { status: number; html: string } {
  const query = readQuery(rawQuery);
  const t = messages[query.lang];
  const needle = query.q.trim().toLowerCase();
  const people = [...state.users.values()]
    .filter((u) => needle === '' || [u.displayName, u.email, u.department ?? '', u.jobTitle ?? ''].some((s) => s.toLowerCase().includes(needle)))
    .sort((a, b) => a.displayName.localeCompare(b.displayName, t.locale));
  const selected = query.person === null ? undefined : (state.findUser(query.person) ?? [...state.users.values()].find((u) => u.fixtureId === query.person));
  let status = 200;
  let content: string;
  if (query.person === null) {
    content = `<p>${escapeHtml(t.choosePerson)}</p>`;
  } else if (selected === undefined) {
    status = 404;
    content = `<p class="error">${escapeHtml(t.unknownPerson(query.person))}</p>`;
  } else {
    const monday = query.week === null ? defaultMonday(state, selected, now, tagOf) : mondayOfIsoWeek(query.week);
    if (monday === null) {
      status = 400;
      content = `<p class="error">${escapeHtml(t.badWeek(query.week ?? ''))}</p>`;
    } else {
      content = weekHtml(state, selected, monday, { ...query, person: selected.email }, t, tagOf);
    }
  }
  const list =
    people.length === 0
      ? `<p class="empty">${escapeHtml(t.noMatch)}</p>`
      : `<ul>${people
          .map((u) => {
            const current = selected?.id === u.id ? ' aria-current="page"' : '';
            return `<li><a href="${href(query, { person: u.email, week: null })}"${current}>${escapeHtml(u.displayName)}<small>${escapeHtml(u.email)}${u.department === null ? '' : ` · ${escapeHtml(u.department)}`}</small></a></li>`;
          })
          .join('')}</ul>`;
  const other: PageLanguage = query.lang === 'fr' ? 'en' : 'fr';
  const html = `<!doctype html>
<html lang="${query.lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(t.title)} · ${escapeHtml(state.tenant.name)}</title><style>${styles}</style></head>
<body>
<header><div><strong>${escapeHtml(t.title)} · ${escapeHtml(state.tenant.name)}</strong><div class="notice">${escapeHtml(t.sandboxNotice)}</div></div><a href="${href(query, { lang: other })}" hreflang="${other}" lang="${other}">${escapeHtml(t.switchTo)}</a></header>
<main>
<nav><h2>${escapeHtml(t.people)}</h2><form method="get" action="/calendar">${query.lang === 'en' ? '<input type="hidden" name="lang" value="en">' : ''}<input type="search" name="q" value="${escapeHtml(query.q)}" placeholder="${escapeHtml(t.search)}" aria-label="${escapeHtml(t.search)}"> <button type="submit">${escapeHtml(t.searchButton)}</button></form>${list}</nav>
<section>${content}</section>
</main>
</body>
</html>`;
  return { status, html };
}

/** GET /calendar: a read-only view of the tenant's calendars (loopback only, no sign-in). */
export function registerCalendarPage(app: FastifyInstance, context: SandboxContext): void {
  app.get('/calendar', async (request, reply) => {
    const page = renderCalendarPage(context.state, request.query, Date.now(), context.binomeTagOf);
    return reply.code(page.status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(page.html);
  });
}
