/**
 * The demo's other organisations, beyond the ones the README's demo accounts belong to: more district
 * enterprises that own challenges, and Chinese and foreign universities, institutes and companies that
 * solve them. Each registers through the same service a user calls and is verified by the bureau the
 * same afternoon. One user per organisation: password hashing is the costly part of the demo load.
 */
import { usccCheckCharacter, type Actor, type OrganizationIdentityInput } from '@challenge/domain';
import { register } from '../services/accounts/register';
import { verifyOrganization } from '../services/accounts/organizations';
import type { ServiceContext } from '../services/context';

// Demo codes are made valid by computing their check character, so no real organisation's code is implied.
// 130107 is the administrative code of Jingxing Mining District; "MA…" codes are those issued since the 2015 reform.
export const withCheckCharacter = (body17: string) => body17 + usccCheckCharacter(body17);

export const DEMO_ENTERPRISE_KEYS = ['hengxin', 'jinshi', 'xinyuan', 'jizhong', 'fengshan', 'tianyu', 'zhengfeng'] as const;
export const DEMO_SOLVER_KEYS = ['neu', 'ysu', 'imr', 'leoben', 'nordmark'] as const;
export type DemoEnterpriseKey = (typeof DEMO_ENTERPRISE_KEYS)[number];
export type DemoSolverKey = (typeof DEMO_SOLVER_KEYS)[number];

interface DemoMember<K extends string> {
  key: K;
  email: string;
  displayName: string;
  locale?: 'zh-CN' | 'en';
  organization: OrganizationIdentityInput;
  /** Days before the load's "now" the registration happens (the bureau verifies it that afternoon). */
  registeredDaysAgo: number;
}

const enterprise = (nameZh: string, nameEn: string, body17: string): OrganizationIdentityInput =>
  ({ kind: 'enterprise', country: 'CN', nameZh, nameEn, uscc: withCheckCharacter(body17) });

export const DEMO_ENTERPRISES: readonly DemoMember<DemoEnterpriseKey>[] = [
  {
    key: 'hengxin', email: 'sun@hengxin-alloy.demo.cn', displayName: '孙工', registeredDaysAgo: 196,
    organization: enterprise('井陉矿区恒信特种合金有限公司', 'Hengxin Special Alloys Co., Ltd.', '91130107MA0CHX4L2'),
  },
  {
    key: 'jinshi', email: 'gao@jinshi-refractory.demo.cn', displayName: '高经理', registeredDaysAgo: 195,
    organization: enterprise('井陉矿区金石耐火材料有限公司', 'Jinshi Refractories Co., Ltd.', '91130107MA0DJ3R58'),
  },
  {
    key: 'xinyuan', email: 'ma@xinyuan-casting.demo.cn', displayName: '马工', registeredDaysAgo: 194,
    organization: enterprise('井陉矿区鑫源精密铸造有限公司', 'Xinyuan Precision Casting Co., Ltd.', '91130107MA0E2N6T0'),
  },
  {
    key: 'jizhong', email: 'yang@jizhong-mining.demo.cn', displayName: '杨工', registeredDaysAgo: 193,
    organization: enterprise('井陉矿区冀中矿山机械有限公司', 'Jizhong Mining Machinery Co., Ltd.', '91130107MA0F7K1W9'),
  },
  {
    key: 'fengshan', email: 'guo@fengshan-heavy.demo.cn', displayName: '郭工', registeredDaysAgo: 192,
    organization: enterprise('井陉矿区凤山重型装备有限公司', 'Fengshan Heavy Equipment Co., Ltd.', '91130107MA0G5P8Q3'),
  },
  {
    key: 'tianyu', email: 'zhou@tianyu-materials.demo.cn', displayName: '周博士', registeredDaysAgo: 191,
    organization: enterprise('井陉矿区天宇新材料科技有限公司', 'Tianyu New Materials Technology Co., Ltd.', '91130107MA0H9B2U6'),
  },
  {
    key: 'zhengfeng', email: 'wu@zhengfeng-robotics.demo.cn', displayName: '吴工', registeredDaysAgo: 190,
    organization: enterprise('井陉矿区正丰智能装备有限公司', 'Zhengfeng Intelligent Equipment Co., Ltd.', '91130107MA0JL4Y71'),
  },
];

export const DEMO_SOLVERS: readonly DemoMember<DemoSolverKey>[] = [
  {
    key: 'neu', email: 'zhang.wei@neu.edu.cn', displayName: '张教授', registeredDaysAgo: 185,
    organization: { kind: 'university', country: 'CN', nameZh: '东北大学', nameEn: 'Northeastern University', uscc: withCheckCharacter('12210000417600001') },
  },
  {
    key: 'ysu', email: 'liu.yang@ysu.edu.cn', displayName: '刘副教授', registeredDaysAgo: 180,
    organization: { kind: 'university', country: 'CN', nameZh: '燕山大学', nameEn: 'Yanshan University', uscc: withCheckCharacter('12130000401700024') },
  },
  {
    key: 'imr', email: 'li.na@imr.ac.cn', displayName: '李研究员', registeredDaysAgo: 175,
    organization: {
      kind: 'institute', country: 'CN', nameZh: '中国科学院金属研究所', nameEn: 'Institute of Metal Research, Chinese Academy of Sciences',
      uscc: withCheckCharacter('12100000400011893'),
    },
  },
  {
    key: 'leoben', email: 'm.gruber@unileoben.ac.at', displayName: 'Markus Gruber', locale: 'en', registeredDaysAgo: 170,
    organization: { kind: 'university', country: 'AT', nameEn: 'Montanuniversität Leoben', website: 'https://www.unileoben.ac.at', emailDomain: 'unileoben.ac.at' },
  },
  {
    // A made-up company on a reserved domain: no real firm is implied.
    key: 'nordmark', email: 'e.lindqvist@nordmark-foundry.example', displayName: 'Erik Lindqvist', locale: 'en', registeredDaysAgo: 165,
    organization: { kind: 'company', country: 'SE', nameEn: 'Nordmark Foundry Systems AB', website: 'https://www.nordmark-foundry.example', emailDomain: 'nordmark-foundry.example' },
  },
];

const asActor = (u: { id: string; role: string }, organizationId: string): Actor =>
  ({ userId: u.id, role: u.role, organizationId, isOrgAdmin: true }) as Actor;

/**
 * Registers and verifies the organisations above; `on(days)` gives the context of a moment that many
 * days back. Returns each organisation's (first, admin) user as an actor, by key.
 */
export async function registerDemoOrganizations(
  on: (daysAgo: number, time: string) => ServiceContext,
  bureau: Actor,
  password: string,
): Promise<Record<DemoEnterpriseKey | DemoSolverKey, Actor>> {
  const out = {} as Record<DemoEnterpriseKey | DemoSolverKey, Actor>;
  const members = [...DEMO_ENTERPRISES, ...DEMO_SOLVERS].sort((a, b) => b.registeredDaysAgo - a.registeredDaysAgo);
  for (const m of members) {
    const role = m.organization.kind === 'enterprise' ? 'enterprise' : 'solver';
    const r = await register(on(m.registeredDaysAgo, '10:20'), { email: m.email, password, displayName: m.displayName, role, locale: m.locale, organization: m.organization });
    await verifyOrganization(on(m.registeredDaysAgo, '16:10'), bureau, r.organization.id);
    out[m.key] = asActor(r.user, r.organization.id);
  }
  return out;
}
