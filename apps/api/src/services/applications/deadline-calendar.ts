import { challenges } from '@challenge/db';
import { AppError, type Actor } from '@challenge/domain';
import { eq } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import { challengeAccess, NO_FACTS } from '../challenges/access';

/**
 * The application deadline as an iCalendar (RFC 5545) event with a reminder a day before, so a solver
 * can put it in any calendar. Only public fields (title) are used, so anyone who may list the
 * challenge may have it. The UID changes with the deadline: an extension is a new event.
 */
export async function deadlineCalendar(ctx: ServiceContext, actor: Actor, id: string): Promise<{ filename: string; body: string }> {
  const [c] = await ctx.db.select().from(challenges).where(eq(challenges.id, id)).limit(1);
  if (!c || challengeAccess(actor, c, NO_FACTS) === 'none' || !c.deadline) throw new AppError('not_found');
  const stamp = utc(ctx.clock.now());
  const at = utc(c.deadline);
  const summary = c.titleEn ? `揭榜截止 Deadline: ${c.titleZh} / ${c.titleEn}` : `揭榜截止：${c.titleZh}`;
  const lines = [
    'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//kgj jiebang guashuai//open challenge marketplace//ZH', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH',
    'BEGIN:VEVENT', `UID:${c.id}-${at}@challenge-marketplace`, `DTSTAMP:${stamp}`, `DTSTART:${at}`, `DTEND:${at}`,
    `SUMMARY:${escapeText(summary)}`,
    `DESCRIPTION:${escapeText('揭榜申请须在此时间之前提交（北京时间以榜单页为准）。 Applications must be submitted before this instant.')}`,
    'BEGIN:VALARM', 'ACTION:DISPLAY', 'TRIGGER:-P1D', `DESCRIPTION:${escapeText(summary)}`, 'END:VALARM',
    'END:VEVENT', 'END:VCALENDAR',
  ];
  return { filename: `challenge-${c.id}-deadline.ics`, body: lines.map(fold).join('\r\n') + '\r\n' };
}

const utc = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/** RFC 5545 3.3.11: backslash, semicolon, comma and newlines escaped. */
const escapeText = (s: string) => s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');

/** RFC 5545 3.1: lines longer than 75 octets are folded (CRLF + space), never inside a UTF-8 character. */
function fold(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch);
    if (octets + size > (out.length === 0 ? 75 : 74)) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}
