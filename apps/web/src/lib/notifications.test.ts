import { NOTIFICATION_KINDS } from '@challenge/domain';
import { describe, expect, it } from 'vitest';
import { createTranslator } from './i18n';
import { badgeCount, notificationSentence, sentenceKey, type NotificationItem } from './notifications';

const challenge = { id: '0b5d9c1e-8a47-4c41-9f0e-6a2d3b4c5d6e', titleZh: '高温合金夹杂物控制', titleEn: 'Inclusion control in superalloys' };
const item = (kind: string, data: Record<string, unknown> = {}, c: NotificationItem['challenge'] = challenge) => ({ kind, data, challenge: c });
const whole = (s: ReturnType<typeof notificationSentence>) => s.before + (s.title?.text ?? '') + s.after;

describe('notification sentences', () => {
  it('word every kind in both languages, with the title where the message puts it', () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const t = createTranslator(locale);
      for (const kind of NOTIFICATION_KINDS) {
        const s = notificationSentence(t, locale, item(kind));
        expect(s.title, kind).toMatchObject({ href: `/challenges/${challenge.id}` });
        expect(s.before + s.after, kind).not.toMatch(/notifications\.|\{|\u0000/);
        const plain = notificationSentence(t, locale, item(kind, {}, null));
        expect(plain.title, kind).toBeNull();
        expect(plain.before, kind).not.toMatch(/notifications\.|\{/);
      }
    }
  });

  it('show the title in the reader’s language, falling back to Chinese', () => {
    const en = createTranslator('en');
    expect(whole(notificationSentence(en, 'en', item('question_answered')))).toBe('Your question about “Inclusion control in superalloys” has been answered.');
    expect(notificationSentence(en, 'en', item('awarded', {}, { ...challenge, titleEn: null })).title).toMatchObject({ text: '高温合金夹杂物控制', lang: 'zh-CN' });
    expect(notificationSentence(en, 'en', item('awarded', {}, { ...challenge, titleEn: '  ' })).title?.lang).toBe('zh-CN');
    const zh = notificationSentence(createTranslator('zh-CN'), 'zh-CN', item('question_answered'));
    expect(zh).toMatchObject({ before: '您就榜单「', title: { text: '高温合金夹杂物控制', lang: 'zh-CN' }, after: '」提出的问题已有答复。' });
  });

  it('tell eligibility results and deadline extensions apart; an unknown kind still reads', () => {
    expect(sentenceKey(item('eligibility_result', { state: 'eligible' }))).toBe('eligible');
    expect(sentenceKey(item('eligibility_result', { state: 'ineligible' }))).toBe('ineligible');
    expect(sentenceKey(item('eligibility_result'))).toBe('eligibility_result');
    expect(sentenceKey(item('challenge_amended', { amendmentKind: 'deadline_extension' }))).toBe('deadline_extended');
    expect(sentenceKey(item('challenge_amended', { amendmentKind: 'clarification' }))).toBe('challenge_amended');
    expect(sentenceKey(item('milestone_paid'))).toBe('other');
  });

  it('lead a project’s news to the project, everything else to the challenge', () => {
    const en = createTranslator('en');
    const projectId = '5f0c4a2e-1b3d-4e5f-8a9b-0c1d2e3f4a5b';
    expect(notificationSentence(en, 'en', item('milestone_verified', { projectId })).title?.href).toBe(`/projects/${projectId}`);
    expect(whole(notificationSentence(en, 'en', item('release_disbursed', { projectId })))).toBe('A payment of the project for “Inclusion control in superalloys” was made; confirm whether it arrived.');
    expect(notificationSentence(en, 'en', item('awarded')).title?.href).toBe(`/challenges/${challenge.id}`);
  });

  it('cap the badge figure', () => {
    expect([0, 7, 99, 100].map(badgeCount)).toEqual(['0', '7', '99', '99+']);
  });
});
