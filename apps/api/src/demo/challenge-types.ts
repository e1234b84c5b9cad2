/**
 * The shape of the demo challenge catalogue (challenges-*.ts) and the texts its entries share. Each
 * entry is a challenge as its owner writes it plus the story that brings it to its state — the same
 * moves users make through the services, each on a day in the past.
 */
import type { DemoEnterpriseKey, DemoSolverKey } from './organizations';
import type { ChallengeCreateInput, ChallengePatchInput } from '../schemas/challenges';

/** The demo's enterprise users: the two engineers of the README's steel company, and one per other enterprise. */
export type DemoOwnerKey = 'steel.wang' | 'steel.zhao' | DemoEnterpriseKey;

/** 万元 (ten thousand yuan), the unit bounties are announced in, as integer fen. */
export const wan = (n: number): number => n * 1_000_000;

/** A description's paragraphs, as the owner types them: separated by blank lines. */
export const paras = (...paragraphs: string[]): string => paragraphs.join('\n\n');

/** `day`: days before the load's "now" (at least 1), on which the step happens in Beijing office hours. */
export type DemoStep =
  | { day: number; do: 'submit' }
  | { day: number; do: 'return'; reasons: string }
  /** The owner edits the draft the bureau returned. */
  | { day: number; do: 'update'; patch: ChallengePatchInput }
  /** The bureau publishes; `specialFundFen` defaults to the amount requested. */
  | { day: number; do: 'approve'; specialFundFen?: number; note?: string }
  | { day: number; do: 'clarify'; by: 'owner' | 'bureau'; zh: string; en?: string }
  /** The bureau extends the deadline to Beijing 17:00, `toDays` days from now (negative: in the past). */
  | { day: number; do: 'extend'; toDays: number; zh: string; en?: string }
  | { day: number; do: 'cancel'; by: 'owner' | 'bureau'; reason: string }
  /** A solver accepts a restricted challenge's confidentiality terms. */
  | { day: number; do: 'accept_terms'; solver: DemoSolverKey };

export interface DemoChallenge {
  /** A stable name, so later demo data (applications, reviews, projects) can refer to the challenge. */
  key: string;
  owner: DemoOwnerKey;
  /** Where the story leads once every passed deadline has been recorded (the demo test checks it). */
  /** Where the challenge's story and what follows publication (demo/applications.ts) leave it. */
  state: 'draft' | 'pending_review' | 'published' | 'closed' | 'reviewing' | 'notice' | 'awarded' | 'cancelled';
  createdDaysAgo: number;
  /** The deadline given at creation: Beijing 17:00, this many days from now (negative: passed). */
  deadlineInDays: number;
  input: Omit<ChallengeCreateInput, 'deadline'>;
  story: readonly DemoStep[];
}

// ---- texts the district's owners reuse (the bureau's model clauses) --------------------------------

export const OPEN_TO_ALL = {
  zh: '国内外高校、科研院所、企业及其他创新团队均可揭榜，可独立揭榜或组成联合体揭榜（牵头单位一家，成员单位不超过三家）。揭榜单位近三年无严重失信记录；发榜单位的关联方不得揭榜。',
  en: 'Universities, research institutes, companies and other teams in China or abroad may apply, alone or as a consortium (one lead organisation and at most three members). Applicants must have no record of serious breach of trust in the past three years; parties related to the challenge owner may not apply.',
} as const;

/** Specific requirements first, then the model clause. */
export const eligibility = (zh: string, en: string) => ({ eligibilityZh: `${zh}\n\n${OPEN_TO_ALL.zh}`, eligibilityEn: `${en}\n\n${OPEN_TO_ALL.en}` });

export const IP_JOINT = {
  ipTermsZh:
    '揭榜方在揭榜前已拥有的知识产权（背景知识产权）仍归其所有；实施本项目必需的，以合理条件许可发榜单位使用。项目执行中产生的新知识产权由双方共有，申请专利须经双方书面确认；发榜单位在本企业生产线上实施无需另行付费，向第三方许可须经双方同意，收益按约定比例分享。揭榜方可在发榜单位审阅（不超过 60 日）后发表学术论文，但不得披露工艺参数。',
  ipTermsEn:
    'Intellectual property the solver holds before applying (background IP) stays the solver\'s; where the project needs it, the solver licenses it to the owner on reasonable terms. New IP arising from the project is jointly owned, and patent filings need both parties\' written agreement. The owner may use the results on its own lines without further payment; licences to third parties need both parties\' consent, with revenue shared as agreed. The solver may publish academic papers after the owner has reviewed them (within 60 days), without disclosing process parameters.',
} as const;

export const IP_OWNER = {
  ipTermsZh:
    '项目形成的专利、技术秘密、软件著作权等知识产权归发榜单位所有，揭榜方研究人员享有署名权和依法获得奖励、报酬的权利；在不披露发榜单位技术秘密的前提下，揭榜方可将成果用于非商业性科研和教学。背景知识产权归原权利人所有。',
  ipTermsEn:
    'Patents, know-how, software copyrights and other IP created by the project belong to the owner. The solver\'s researchers are named as inventors and receive the rewards and remuneration the law provides. The solver may use the results for non-commercial research and teaching as long as none of the owner\'s know-how is disclosed. Background IP stays with whoever held it.',
} as const;

export const IP_TRANSFER = {
  ipTermsZh:
    '揭榜方以专利权转让或独占许可（限发榜单位所在领域、中国境内）的方式转移技术，转让费或许可费包含在榜额内，与中试及工业化验收节点挂钩分期支付。后续改进成果归改进方所有，对方享有同等条件下的优先受让权。揭榜方保证所转移技术权属清晰、不侵犯第三方权利。',
  ipTermsEn:
    'The solver transfers the technology by assigning the patents or granting an exclusive licence (in the owner\'s field, within China). The fee is part of the bounty and is paid in stages against pilot-scale and industrial acceptance. Later improvements belong to whoever makes them, with a right of first refusal on equal terms for the other party. The solver warrants clear title to the technology and that it infringes no third-party rights.',
} as const;

export const IP_TALENT = {
  ipTermsZh:
    '引进人才（团队）在发榜单位工作期间完成的职务科技成果，知识产权归发榜单位所有，按《中华人民共和国促进科技成果转化法》和公司制度给予完成人奖励和报酬；引进人才原单位已有成果的使用另行约定。',
  ipTermsEn:
    'Results achieved in the course of the work for the owner are service results owned by the owner; their creators receive the rewards and remuneration set by the Law on Promoting the Transformation of Scientific and Technological Achievements and the company\'s rules. Use of results belonging to the recruit\'s previous employer is agreed separately.',
} as const;
