import { NOTIFICATION_KINDS } from '@challenge/domain';
import { describe, expect, it } from 'vitest';
import { createTranslator } from './server/i18n';
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
        // A saved search's news names the search, not a challenge.
        if (kind === 'saved_search_match') expect(s.title, kind).toMatchObject({ href: '/challenges' });
        else expect(s.title, kind).toMatchObject({ href: `/challenges/${challenge.id}` });
        expect(s.before + s.after, kind).not.toMatch(/notifications\.|\{|\u0000/);
        const plain = notificationSentence(t, locale, item(kind, {}, null));
        if (kind !== 'saved_search_match') expect(plain.title, kind).toBeNull();
        expect(plain.before + plain.after, kind).not.toMatch(/notifications\.|\{/);
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

  it('tell a follower of answers to others’ questions, in its own words', () => {
    const en = createTranslator('en');
    expect(sentenceKey(item('question_answered', { via: 'follow' }))).toBe('question_answered_follow');
    expect(whole(notificationSentence(en, 'en', item('question_answered', { via: 'follow' })))).toBe('A question about “Inclusion control in superalloys”, a challenge you follow, has been answered.');
  });

  it('lead a draft’s deadline reminder to the draft, counting the days', () => {
    const en = createTranslator('en');
    const zh = createTranslator('zh-CN');
    const draftId = '7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
    const three = notificationSentence(en, 'en', { ...item('application_deadline_soon', { days: 3 }), subjectId: draftId });
    expect(three.title?.href).toBe(`/applications/${draftId}`);
    expect(whole(three)).toBe('Applications to “Inclusion control in superalloys” close within 3 days, and your application is still a draft.');
    expect(whole(notificationSentence(en, 'en', { ...item('application_deadline_soon', { days: 1 }), subjectId: draftId }))).toContain('close within a day');
    expect(whole(notificationSentence(zh, 'zh-CN', { ...item('application_deadline_soon', { days: 3 }), subjectId: draftId }))).toContain('3 天内截止');
  });

  it('name a saved search’s new matches and link to its results, never elsewhere', () => {
    const en = createTranslator('en');
    const data = { name: 'superalloy', count: 2, challengeIds: [], searchPath: '/challenges?q=superalloy' };
    const s = notificationSentence(en, 'en', item('saved_search_match', data, null));
    expect(s).toMatchObject({ before: 'Your saved search “', title: { text: 'superalloy', href: '/challenges?q=superalloy' }, after: '” has 2 newly published challenges.' });
    expect(s.title?.lang).toBeUndefined();
    expect(whole(notificationSentence(en, 'en', item('saved_search_match', { ...data, count: 1 }, null)))).toBe('Your saved search “superalloy” has a newly published challenge.');
    expect(notificationSentence(en, 'en', item('saved_search_match', { ...data, searchPath: '//evil.example/challenges' }, null)).title?.href).toBe('/challenges');
  });

  it('cap the badge figure', () => {
    expect([0, 7, 99, 100].map(badgeCount)).toEqual(['0', '7', '99', '99+']);
  });
});
