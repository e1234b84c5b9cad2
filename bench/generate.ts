/**
 * Deterministic generator of realistic challenges (揭榜挂帅) of the district's two industries, for the
 * search benchmark (bench/search.ts). Same seed and n → the same documents.
 *
 * Texts are assembled from slot vocabularies (materials, parts, processes, properties/defects,
 * equipment, goals) in Chinese, with English on ~60% of challenges. Each slot is drawn with Zipf-like
 * weights (1/rank^s), so a few terms are in a large share of the corpus and most are rare, as in real
 * text. The vocabulary was written from the relevance corpus (packages/search/test/fixtures).
 */
import type { SearchDocument, SearchIndicator } from '@challenge/search';
import type { ChallengeCategory, ChallengeIndustry, ChallengeState } from '@challenge/domain';

export const BENCH_NOW = new Date('2026-03-01T02:00:00Z');

/** [zh, en] */
export type Term = readonly [string, string];

const MET_MATERIALS: Term[] = [
  ['高温合金', 'superalloy'], ['不锈钢', 'stainless steel'], ['钛合金', 'titanium alloy'], ['铝合金', 'aluminium alloy'],
  ['镍基高温合金', 'nickel-based superalloy'], ['高强钢', 'high-strength steel'], ['轴承钢', 'bearing steel'],
  ['齿轮钢', 'gear steel'], ['模具钢', 'die steel'], ['耐热钢', 'heat-resistant steel'], ['硅钢', 'silicon steel'],
  ['取向硅钢', 'grain-oriented silicon steel'], ['双相不锈钢', 'duplex stainless steel'], ['高锰钢', 'high manganese steel'],
  ['耐磨钢', 'wear-resistant steel'], ['铸铁', 'cast iron'], ['球墨铸铁', 'ductile iron'], ['铜合金', 'copper alloy'],
  ['镁合金', 'magnesium alloy'], ['硬质合金', 'cemented carbide'], ['高熵合金', 'high-entropy alloy'],
  ['耐火材料', 'refractory'], ['镁碳砖', 'magnesia-carbon brick'], ['刚玉', 'corundum'], ['碳化硅', 'silicon carbide'],
  ['金属粉末', 'metal powder'], ['钨合金', 'tungsten alloy'], ['钼合金', 'molybdenum alloy'], ['铁合金', 'ferroalloy'],
  ['稀土永磁', 'rare-earth magnet'], ['钕铁硼', 'NdFeB'], ['石墨电极', 'graphite electrode'], ['碳纤维', 'carbon fibre'],
  ['陶瓷基复合材料', 'ceramic matrix composite'], ['非晶合金', 'amorphous alloy'], ['形状记忆合金', 'shape memory alloy'],
  ['GH4169', 'GH4169'], ['TC4', 'TC4'], ['42CrMo', '42CrMo'], ['Q345', 'Q345'], ['316L', '316L'], ['H13', 'H13'],
];
const EQ_MATERIALS: Term[] = [
  ['结构钢', 'structural steel'], ['铸钢', 'cast steel'], ['高强钢', 'high-strength steel'], ['合金钢', 'alloy steel'],
  ['铝合金', 'aluminium alloy'], ['工程塑料', 'engineering plastic'], ['复合材料', 'composite'], ['液压油', 'hydraulic oil'],
  ['密封材料', 'sealing material'], ['焊丝', 'welding wire'], ['42CrMo', '42CrMo'], ['27SiMn', '27SiMn'],
];
const MET_PARTS: Term[] = [
  ['锻件', 'forging'], ['铸件', 'casting'], ['棒材', 'bar'], ['板材', 'plate'], ['带钢', 'strip'], ['钢管', 'steel pipe'],
  ['线材', 'wire rod'], ['涡轮盘', 'turbine disc'], ['叶片', 'blade'], ['连铸坯', 'continuous casting slab'], ['钢锭', 'ingot'],
  ['轧辊', 'roll'], ['结晶器', 'mould'], ['钢包', 'ladle'], ['中间包', 'tundish'], ['炉衬', 'furnace lining'], ['粉末', 'powder'],
  ['涂层', 'coating'], ['焊缝', 'weld'], ['型材', 'profile'], ['冷轧板', 'cold-rolled sheet'], ['热轧卷', 'hot-rolled coil'],
];
const EQ_PARTS: Term[] = [
  ['液压支架', 'hydraulic support'], ['采煤机', 'shearer'], ['掘进机', 'roadheader'], ['刮板输送机', 'scraper conveyor'],
  ['减速器', 'gearbox'], ['齿轮', 'gear'], ['轴承', 'bearing'], ['液压缸', 'hydraulic cylinder'], ['截齿', 'pick'],
  ['主轴', 'spindle'], ['数控机床', 'CNC machine tool'], ['工业机器人', 'industrial robot'], ['伺服电机', 'servo motor'],
  ['盾构机', 'tunnel boring machine'], ['起重机', 'crane'], ['压力容器', 'pressure vessel'], ['阀门', 'valve'],
  ['泵', 'pump'], ['风机', 'fan'], ['输送带', 'conveyor belt'], ['电控系统', 'electric control system'], ['传感器', 'sensor'],
  ['密封件', 'seal'], ['链轮', 'sprocket'], ['托辊', 'idler'], ['破碎机', 'crusher'], ['球磨机', 'ball mill'],
];
const MET_PROCESSES: Term[] = [
  ['热处理', 'heat treatment'], ['锻造', 'forging'], ['轧制', 'rolling'], ['连铸', 'continuous casting'], ['冶炼', 'melting'],
  ['真空感应熔炼', 'vacuum induction melting'], ['电渣重熔', 'electroslag remelting'], ['焊接', 'welding'], ['铸造', 'casting'],
  ['粉末冶金', 'powder metallurgy'], ['增材制造', 'additive manufacturing'], ['激光熔覆', 'laser cladding'], ['喷涂', 'spraying'],
  ['固溶处理', 'solution treatment'], ['时效', 'ageing'], ['淬火', 'quenching'], ['回火', 'tempering'], ['渗碳', 'carburising'],
  ['精炼', 'refining'], ['脱硫', 'desulphurisation'], ['冷轧', 'cold rolling'], ['热轧', 'hot rolling'], ['等温锻造', 'isothermal forging'],
  ['烧结', 'sintering'], ['酸洗', 'pickling'], ['退火', 'annealing'], ['表面处理', 'surface treatment'], ['机加工', 'machining'],
];
const EQ_PROCESSES: Term[] = [
  ['焊接', 'welding'], ['装配', 'assembly'], ['热处理', 'heat treatment'], ['机加工', 'machining'], ['检测', 'inspection'],
  ['智能控制', 'intelligent control'], ['远程运维', 'remote maintenance'], ['故障诊断', 'fault diagnosis'], ['仿真', 'simulation'],
  ['轻量化设计', 'lightweight design'], ['数字孪生', 'digital twin'], ['在线监测', 'online monitoring'], ['激光熔覆', 'laser cladding'],
  ['表面处理', 'surface treatment'], ['润滑', 'lubrication'], ['自动化', 'automation'], ['视觉识别', 'machine vision'],
];
const PROPERTIES: Term[] = [
  ['晶粒度', 'grain size'], ['强度', 'strength'], ['韧性', 'toughness'], ['硬度', 'hardness'], ['耐磨性', 'wear resistance'],
  ['耐腐蚀', 'corrosion resistance'], ['疲劳寿命', 'fatigue life'], ['夹杂物', 'inclusions'], ['裂纹', 'cracking'],
  ['偏析', 'segregation'], ['残余应力', 'residual stress'], ['变形', 'distortion'], ['尺寸精度', 'dimensional accuracy'],
  ['表面质量', 'surface quality'], ['成材率', 'yield'], ['能耗', 'energy consumption'], ['使用寿命', 'service life'],
  ['可靠性', 'reliability'], ['氧含量', 'oxygen content'], ['孔隙率', 'porosity'], ['平直度', 'flatness'], ['振动', 'vibration'],
  ['噪声', 'noise'], ['泄漏', 'leakage'], ['效率', 'efficiency'], ['精度保持性', 'accuracy retention'], ['均匀性', 'uniformity'],
  ['再结晶', 'recrystallisation'], ['氢脆', 'hydrogen embrittlement'], ['脱碳', 'decarburisation'], ['粘结', 'sticking'],
];
const GOALS: Term[] = [
  ['控制', 'control of'], ['提升', 'improving'], ['优化', 'optimising'], ['国产化', 'domestic substitution of'],
  ['关键技术', 'key technology for'], ['工艺改进', 'process improvement for'], ['降低', 'reducing'], ['研发', 'development of'],
  ['攻关', 'breakthrough in'], ['工程化应用', 'engineering application of'], ['智能化改造', 'intelligent upgrade of'],
];
const ORGS: Term[] = [
  ['高校', 'universities'], ['科研院所', 'research institutes'], ['企业', 'enterprises'], ['创新团队', 'innovation teams'],
];
const UNITS = ['MPa', 'HRC', '%', 'ppm', 'mm', 'μm', '级', 'h', '万次', 'kWh/t', 'dB', '℃'];
const CITIES = ['包头', '太原', '鞍山', '攀枝花', '宝鸡', '洛阳', '株洲', '徐州', '唐山', '本溪'];

const INDUSTRIES: ChallengeIndustry[] = ['metallurgy_new_materials', 'high_end_equipment'];
const CATEGORIES: ChallengeCategory[] = ['bottleneck', 'common_key_technology', 'urgent_need', 'tech_transfer', 'talent'];

/** mulberry32: small, fast, deterministic. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Picks from a list with Zipf weights 1/(rank+1)^s, after a seeded shuffle (so the head is not the list's order). */
class Zipf<T> {
  private readonly items: T[];
  private readonly cdf: number[];
  constructor(items: readonly T[], s: number, shuffleSeed: number) {
    const r = rng(shuffleSeed);
    this.items = [...items];
    for (let i = this.items.length - 1; i > 0; i--) {
      const j = Math.floor(r() * (i + 1));
      [this.items[i], this.items[j]] = [this.items[j]!, this.items[i]!];
    }
    let acc = 0;
    this.cdf = this.items.map((_, i) => (acc += 1 / Math.pow(i + 1, s)));
    this.cdf = this.cdf.map((c) => c / acc);
  }
  pick(r: () => number): T {
    const x = r();
    let lo = 0, hi = this.cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cdf[mid]! < x) lo = mid + 1; else hi = mid;
    }
    return this.items[lo]!;
  }
}

const one = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

function uuidFrom(r: () => number): string {
  const h = () => Math.floor(r() * 0x100000000).toString(16).padStart(8, '0');
  const s = h() + h() + h() + h();
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-4${s.slice(13, 16)}-${'89ab'[Math.floor(r() * 4)]}${s.slice(17, 20)}-${s.slice(20, 32)}`;
}

export interface GeneratedChallenge {
  doc: SearchDocument;
  createdBy: string;
}

export interface Generated {
  organizations: string[];
  users: string[];
  challenges: GeneratedChallenge[];
  /** Every term the texts were built from, for query sampling. */
  vocabulary: Term[];
}

const S = 1.05; // Zipf exponent

export function generate(n: number, seed = 20260301): Generated {
  const r = rng(seed);
  const orgCount = Math.max(10, Math.round(n / 500));
  const organizations = Array.from({ length: orgCount }, () => uuidFrom(r));
  const users = Array.from({ length: orgCount }, () => uuidFrom(r));
  const z = {
    metMat: new Zipf(MET_MATERIALS, S, 1), eqMat: new Zipf(EQ_MATERIALS, S, 2),
    metPart: new Zipf(MET_PARTS, S, 3), eqPart: new Zipf(EQ_PARTS, S, 4),
    metProc: new Zipf(MET_PROCESSES, S, 5), eqProc: new Zipf(EQ_PROCESSES, S, 6),
    prop: new Zipf(PROPERTIES, S, 7), goal: new Zipf(GOALS, 0.8, 8), org: new Zipf(ORGS, 0.6, 9),
    category: new Zipf(CATEGORIES, 0.7, 10), city: new Zipf(CITIES, 0.8, 11),
  };
  const challenges: GeneratedChallenge[] = [];
  for (let i = 0; i < n; i++) {
    const metallurgy = r() < 0.55;
    const industry = INDUSTRIES[metallurgy ? 0 : 1]!;
    const mat = (metallurgy ? z.metMat : z.eqMat).pick(r);
    const part = (metallurgy ? z.metPart : z.eqPart).pick(r);
    const proc = (metallurgy ? z.metProc : z.eqProc).pick(r);
    const proc2 = (metallurgy ? z.metProc : z.eqProc).pick(r);
    const prop = z.prop.pick(r);
    const prop2 = z.prop.pick(r);
    const prop3 = z.prop.pick(r);
    const goal = z.goal.pick(r);
    const org = z.org.pick(r);
    const city = z.city.pick(r);
    const category = z.category.pick(r);
    const english = r() < 0.6;
    const num = () => Math.round(5 + r() * 995);
    const pct = () => Math.round(5 + r() * 40);

    const titleZh =
      category === 'talent' ? `引进${mat[0]}${proc[0]}首席工程师`
      : r() < 0.5 ? `${mat[0]}${part[0]}${prop[0]}${goal[0]}` : `${part[0]}${proc[0]}${prop[0]}${goal[0]}技术`;
    const titleEn =
      category === 'talent' ? `Chief engineer for ${mat[1]} ${proc[1]}`
      : `${cap(goal[1])} ${prop[1]} in ${proc[1]} of ${mat[1]} ${part[1]}`;
    const summaryZh = one(r, [
      `${mat[0]}${part[0]}在${proc[0]}后${prop[0]}不稳定，废品率约${pct()}%，需建立${proc2[0]}一体化工艺。`,
      `企业现有${part[0]}产线采用${proc[0]}工艺，${prop2[0]}与${prop[0]}难以兼顾，寻求${org[0]}合作攻关。`,
      `${city[0]}某企业${part[0]}的${prop[0]}低于进口产品，希望通过${proc2[0]}和${proc[0]}优化达到国际先进水平。`,
    ]);
    const summaryEn = one(r, [
      `After ${proc[1]}, the ${prop[1]} of ${mat[1]} ${part[1]} is unstable and about ${pct()}% are scrapped.`,
      `The ${part[1]} line uses ${proc[1]}; ${prop2[1]} and ${prop[1]} cannot both be met. Seeking ${org[1]} as partners.`,
      `The ${prop[1]} of ${part[1]} lags imported products; ${proc2[1]} and ${proc[1]} need optimising.`,
    ]);
    const sentencesZh = [
      `企业年产${part[0]}${num()}吨，主要采用${mat[0]}，${proc[0]}后${prop[0]}波动较大。`,
      `现场检测发现${prop2[0]}和${prop3[0]}问题，影响下游用户的验收。`,
      `希望通过${proc2[0]}工艺参数优化、设备改造和过程控制，使${prop[0]}稳定达到要求。`,
      `需提供机理分析、工艺方案和中试验证，并完成不少于${Math.round(1 + r() * 11)}个月的工业性试验。`,
      `已尝试调整${proc[0]}温度和时间，效果有限。`,
      `项目完成后形成专利和企业标准，技术成果归双方共有。`,
    ];
    const descriptionZh = pickSome(r, sentencesZh, 3, 6).join('');
    const sentencesEn = [
      `The plant makes ${num()} t of ${part[1]} a year from ${mat[1]}; ${prop[1]} varies after ${proc[1]}.`,
      `Inspection found ${prop2[1]} and ${prop3[1]} problems that affect acceptance by customers.`,
      `Optimise ${proc2[1]} parameters, equipment and process control so that ${prop[1]} is stable.`,
      `A mechanism analysis, a process plan and a pilot trial are expected.`,
    ];
    const descriptionEn = pickSome(r, sentencesEn, 2, 4).join(' ');
    const indicators: SearchIndicator[] = [prop, prop2, prop3].slice(0, 1 + Math.floor(r() * 3)).map((p) => ({
      nameZh: p[0], nameEn: english ? p[1] : null, target: `${r() < 0.5 ? '≥' : '≤'} ${num()}`, unit: one(r, UNITS), method: null,
    }));
    const eligibilityZh = `具有${mat[0]}${proc[0]}研究经验的${org[0]}。`;

    // States: mostly published (some past their deadline), some closed and later; a few drafts.
    const x = r();
    const state: ChallengeState =
      x < 0.6 ? 'published' : x < 0.75 ? 'closed' : x < 0.82 ? 'reviewing' : x < 0.87 ? 'awarded' : x < 0.92 ? 'in_progress'
      : x < 0.95 ? 'completed' : x < 0.97 ? 'draft' : 'pending_review';
    const publishedDaysAgo = Math.floor(r() * 900);
    const createdAt = new Date(BENCH_NOW.getTime() - (publishedDaysAgo + 10) * 86400_000 - Math.floor(r() * 86400_000));
    const publishedAt = state === 'draft' || state === 'pending_review' ? null : new Date(createdAt.getTime() + 10 * 86400_000);
    const deadline = new Date(BENCH_NOW.getTime() + Math.round((-120 + r() * 300) * 86400_000));
    // Bounty: log-uniform 10万 to 1000万 yuan, in fen, rounded to 万.
    const bountyFen = Math.round(Math.pow(10, 1 + r() * 2)) * 10_000 * 100;
    const owner = Math.floor(Math.pow(r(), 1.5) * orgCount);

    challenges.push({
      createdBy: users[owner]!,
      doc: {
        id: uuidFrom(r),
        ownerOrganizationId: organizations[owner]!,
        state,
        visibility: r() < 0.1 ? 'restricted' : 'public',
        industry,
        category,
        bountyFen,
        deadline,
        publishedAt,
        createdAt,
        title: { zh: titleZh, en: english ? titleEn : null },
        summary: { zh: summaryZh, en: english ? summaryEn : null },
        indicators,
        description: { zh: descriptionZh, en: english ? descriptionEn : null },
        eligibility: { zh: eligibilityZh, en: null },
      },
    });
  }
  const vocabulary = dedupe([
    ...MET_MATERIALS, ...EQ_MATERIALS, ...MET_PARTS, ...EQ_PARTS, ...MET_PROCESSES, ...EQ_PROCESSES, ...PROPERTIES,
  ]);
  return { organizations, users, challenges, vocabulary };
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function pickSome<T>(r: () => number, xs: readonly T[], min: number, max: number): T[] {
  const k = min + Math.floor(r() * (max - min + 1));
  const out = xs.filter(() => r() < k / xs.length).slice(0, max);
  return out.length > 0 ? out : [xs[0]!];
}

function dedupe(terms: Term[]): Term[] {
  const seen = new Set<string>();
  return terms.filter((t) => (seen.has(t[0]) ? false : (seen.add(t[0]), true)));
}

/** The raw text the ILIKE baseline scans: title, summary, description (zh and en). */
export function rawText(doc: SearchDocument): string {
  return [doc.title.zh, doc.title.en, doc.summary.zh, doc.summary.en, doc.description.zh, doc.description.en].filter(Boolean).join('\n');
}
