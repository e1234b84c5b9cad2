/**
 * Demo challenges of the district's high-end equipment makers: castings, mining machinery, heavy
 * components and automation. Indicators name the test standards the trade uses.
 */
import { eligibility, IP_JOINT, IP_OWNER, IP_TALENT, IP_TRANSFER, paras, wan, type DemoChallenge } from './challenge-types';

const industry = 'high_end_equipment' as const;

// ---- 井陉矿区鑫源精密铸造有限公司 ------------------------------------------------------------------

const heavyDuctileIron: DemoChallenge = {
  key: 'heavy-section-ductile-iron',
  owner: 'xinyuan',
  state: 'published',
  createdDaysAgo: 26,
  deadlineInDays: 30,
  input: {
    titleZh: '厚大断面球墨铸铁件（壁厚 ≥ 200 mm）碎块状石墨控制',
    titleEn: 'Avoiding chunky graphite in heavy-section ductile iron castings (walls of 200 mm and more)',
    summaryZh: '风电轮毂、底座等 QT400-18AL 厚大铸件热节中心出现碎块状石墨，−40 ℃ 低温冲击不合格。需提出熔炼、球化孕育和冷却控制方案，使解剖件热节中心球化率达到 85% 以上。',
    summaryEn: 'Chunky graphite forms at the thermal centres of our heavy QT400-18AL castings — wind-turbine hubs and bedplates — and they fail the −40 °C impact test. We need melting, nodularising, inoculation and cooling practice that gives at least 85% nodularity at the thermal centre of sectioned castings.',
    descriptionZh: paras(
      '我公司年产风电和矿山机械用球墨铸铁件约 2 万吨，单件重量 5–25 t，最大壁厚 260 mm，采用呋喃树脂砂造型、中频感应电炉熔炼、喂丝球化。厚大断面凝固时间长达 3–5 h，热节中心常出现碎块状石墨，导致附铸试块和解剖件的低温冲击功不合格，近一年因此报废或降级的铸件约 4%。',
      '希望揭榜方从原铁液成分（Si、稀土、微量元素 Ce、Sb、Bi 的控制）、球化和孕育工艺（包括随流孕育和型内孕育）、冷铁和冷却系统设计等方面系统攻关，结合凝固模拟给出工艺规范，并在我公司完成不少于 10 件产品的生产验证。',
    ),
    descriptionEn: paras(
      'We pour about 20,000 t a year of ductile iron castings for wind turbines and mining machinery, 5–25 t each and up to 260 mm thick, in furan-bonded sand, melted in medium-frequency induction furnaces and treated by cored wire. Heavy sections take 3–5 hours to solidify and often grow chunky graphite at the thermal centre, so attached test blocks and sectioned castings fail the low-temperature impact test; about 4% of castings were scrapped or downgraded for this in the past year.',
      'We want a systematic study of base-iron chemistry (silicon, rare earths, and trace elements such as Ce, Sb and Bi), nodularising and inoculation practice (including stream and in-mould inoculation), and chills and cooling design, backed by solidification simulation — resulting in a process specification proven on at least ten production castings in our foundry.',
    ),
    industry,
    category: 'bottleneck',
    indicators: [
      { nameZh: '球化率（热节中心）', nameEn: 'Nodularity at the thermal centre', target: '≥ 85', unit: '%', method: 'GB/T 9441 图像分析法，附铸试块及解剖件热节中心 / GB/T 9441 image analysis, attached blocks and the thermal centre of sectioned castings' },
      { nameZh: '石墨大小', nameEn: 'Graphite size', target: '5–7', unit: '级 (class)', method: 'GB/T 9441 / GB/T 9441' },
      { nameZh: '−40 ℃ 冲击吸收能量', nameEn: 'Charpy impact energy at −40 °C', target: '平均 ≥ 12，单值 ≥ 9 / mean ≥ 12, single ≥ 9', unit: 'J', method: 'GB/T 229-2020 V 型缺口（等同 ISO 148-1），附铸试块 3 个试样 / GB/T 229-2020 V-notch (ISO 148-1), three specimens from attached blocks' },
      { nameZh: '抗拉强度 / 断后伸长率', nameEn: 'Tensile strength / elongation', target: 'Rm ≥ 360，A ≥ 12', unit: 'MPa / %', method: 'GB/T 228.1-2021，附铸试块（壁厚 > 200 mm） / GB/T 228.1-2021, attached test blocks for walls over 200 mm' },
    ],
    ...eligibility(
      '具有厚大断面球墨铸铁研究基础或生产经验，具备凝固模拟能力。',
      'Research or production experience with heavy-section ductile iron, and the ability to run solidification simulations.',
    ),
    enterpriseShareFen: wan(120),
    requestedSpecialFundFen: wan(60),
    durationMonths: 12,
    maxWinners: 1,
    ...IP_JOINT,
    visibility: 'public',
    domesticOnly: false,
  },
  story: [
    { day: 25, do: 'submit' },
    { day: 19, do: 'approve' },
  ],
};

const sandReclamation: DemoChallenge = {
  key: 'inorganic-sand-reclamation',
  owner: 'xinyuan',
  state: 'published',
  createdDaysAgo: 55,
  deadlineInDays: 16,
  input: {
    titleZh: '铸造用水玻璃（无机粘结剂）旧砂再生与回用',
    titleEn: 'Reclaiming and reusing sodium-silicate (inorganic binder) foundry sand',
    summaryZh: '我公司铸钢件生产每年产生水玻璃旧砂约 3 万吨，目前基本填埋。需开发旧砂再生技术，再生回收率 ≥ 90%、残留 Na₂O ≤ 0.3%，再生砂回用比例 ≥ 80%。采用赛马制，最多支持两支团队。',
    summaryEn: 'Our steel-casting shop throws away about 30,000 t of sodium-silicate sand a year, almost all to landfill. We need reclamation with at least 90% recovery and residual Na₂O of 0.3% or less, so that reclaimed sand makes up 80% of what we use. Up to two teams will be funded in parallel.',
    descriptionZh: paras(
      '水玻璃砂无毒、无味，是铸钢件生产的绿色工艺，但其旧砂表面残留的硅酸钠膜难以去除，再生后强度低、溃散性差，行业内回用率普遍不高。我公司铸钢车间年用砂约 3.5 万吨，旧砂外运填埋成本逐年上升，也面临固废减量考核。',
      '本榜为区内铸造企业共性技术需求。热法（焙烧 + 机械摩擦）和湿法（水洗）两条路线各有优劣，拟按赛马制支持两支团队分别攻关，中期评估后择优在我公司建设 5 t/h 的示范线。',
    ),
    descriptionEn: paras(
      'Sodium-silicate sand is non-toxic and odourless, a clean process for steel castings, but the silicate film left on used sand is hard to remove; reclaimed sand is weak and collapses poorly, so the industry reuses little of it. Our steel foundry uses about 35,000 t of sand a year, landfill costs keep rising, and we have solid-waste reduction targets to meet.',
      'This is a common need of the district\'s foundries. The thermal route (roasting plus mechanical attrition) and the wet route (washing) each have strengths, so two teams may be funded, one per route; after the mid-term review the better one builds a 5 t/h demonstration line in our foundry.',
    ),
    industry,
    category: 'common_key_technology',
    indicators: [
      { nameZh: '旧砂再生回收率', nameEn: 'Sand recovery', target: '≥ 90', unit: '%', method: '按进出料称重做质量平衡，连续 1 个月 / mass balance from weighed input and output over one month' },
      { nameZh: '再生砂残留 Na₂O', nameEn: 'Residual Na₂O in reclaimed sand', target: '≤ 0.3', unit: '%', method: '火焰原子吸收光谱法，每班取样 / flame AAS, one sample per shift' },
      { nameZh: '再生砂型砂 24 h 抗压强度', nameEn: '24-hour compressive strength of moulding sand made with reclaimed sand', target: '≥ 0.8', unit: 'MPa', method: 'GB/T 2684 铸造用砂及混合料试验方法 / GB/T 2684 foundry sand test methods' },
      { nameZh: '吨砂再生能耗', nameEn: 'Energy per tonne reclaimed', target: '≤ 60', unit: 'kWh/t', method: '示范线电能表及燃气表计量，1 个月 / metered electricity and gas on the demonstration line, one month' },
      { nameZh: '再生砂回用比例', nameEn: 'Reclaimed share of sand used', target: '≥ 80', unit: '%', method: '按混砂配料记录 / sand-mixer batching records' },
    ],
    ...eligibility(
      '具有铸造旧砂再生研究或工程业绩；两支团队须分别采用热法和湿法（或其他不同）技术路线。',
      'Research or engineering references in foundry sand reclamation. The two teams must follow different routes (thermal and wet, or other distinct ones).',
    ),
    enterpriseShareFen: wan(80),
    requestedSpecialFundFen: wan(40),
    durationMonths: 18,
    maxWinners: 2,
    ...IP_JOINT,
    visibility: 'public',
    domesticOnly: false,
  },
  story: [
    { day: 52, do: 'submit' },
    { day: 45, do: 'approve', note: '属区内铸造企业共性需求，同意按赛马制发榜。' },
  ],
};

const shellDrying: DemoChallenge = {
  key: 'investment-shell-fast-drying',
  owner: 'xinyuan',
  state: 'closed',
  createdDaysAgo: 85,
  deadlineInDays: -45,
  input: {
    titleZh: '熔模铸造硅溶胶型壳快速干燥',
    titleEn: 'Faster drying of silica-sol shells for investment casting',
    summaryZh: '硅溶胶型壳制壳周期约 72 h，制约交货期。需在不增加型壳开裂的前提下将制壳周期缩短到 36 h 以内。',
    summaryEn: 'Building a silica-sol shell takes about 72 hours, which holds up our deliveries. We need it under 36 hours without more shell cracking.',
    descriptionZh: paras(
      '我公司熔模铸造车间主要生产泵阀、矿山机械用不锈钢和低合金钢精密铸件，采用硅溶胶—锆英粉/莫来石型壳，面层加背层共 6–7 层，每层干燥 8–12 h。订单趋向小批量、多品种后，制壳周期成为交货瓶颈。',
      '希望揭榜方在干燥环境控制（温湿度、风速）、快干硅溶胶或添加剂、层间工艺等方面提出方案，在我公司现有制壳线上实施，缩短周期并保证型壳强度和铸件表面质量。',
    ),
    descriptionEn: paras(
      'Our investment-casting shop makes stainless and low-alloy precision castings for pumps, valves and mining machinery, in silica-sol shells with zircon and mullite — six or seven coats, each drying for 8–12 hours. With orders moving to small batches of many parts, shell building is the bottleneck for delivery.',
      'We want proposals on the drying environment (temperature, humidity, air speed), fast-drying sols or additives and the coat-to-coat practice, carried out on our existing shell line, that shorten the cycle while keeping shell strength and casting surface quality.',
    ),
    industry,
    category: 'urgent_need',
    indicators: [
      { nameZh: '制壳周期', nameEn: 'Shell-building cycle', target: '≤ 36', unit: 'h', method: '按制壳线生产记录，连续 2 周 / shell-line records over two weeks' },
      { nameZh: '型壳常温抗弯强度', nameEn: 'Shell bending strength at room temperature', target: '≥ 5', unit: 'MPa', method: '三点弯曲法，标准试片 75 × 25 mm，每批 5 片 / three-point bend, 75 × 25 mm test pieces, five per batch' },
      { nameZh: '型壳开裂率', nameEn: 'Cracked shells', target: '≤ 1', unit: '%', method: '焙烧后逐件目视检查，连续 500 组 / visual check of every shell after firing, 500 in a row' },
      { nameZh: '铸件表面粗糙度 Ra', nameEn: 'Casting surface roughness Ra', target: '≤ 3.2', unit: 'μm', method: 'GB/T 10610 触针法 / GB/T 10610 stylus method' },
    ],
    ...eligibility('具有熔模铸造制壳工艺研究或生产经验。', 'Research or production experience with investment-casting shells.'),
    enterpriseShareFen: wan(15),
    requestedSpecialFundFen: wan(10),
    durationMonths: 6,
    maxWinners: 1,
    ...IP_OWNER,
    visibility: 'public',
    domesticOnly: false,
  },
  story: [
    { day: 83, do: 'submit' },
    { day: 80, do: 'approve' },
  ],
};

// ---- 井陉矿区冀中矿山机械有限公司 ------------------------------------------------------------------

const ehcValves: DemoChallenge = {
  key: 'roof-support-ehc-valves',
  owner: 'jizhong',
  state: 'published',
  createdDaysAgo: 80,
  deadlineInDays: 90,
  input: {
    titleZh: '液压支架电液控制系统电磁先导阀与主控阀组国产化',
    titleEn: 'Home-grown solenoid pilot valves and main valve blocks for electro-hydraulic roof-support control',
    summaryZh: '智能化综采工作面液压支架电液控制系统的电磁先导阀和主控阀组主要依赖进口，交货周期长、备件价格高。需开发额定压力 37.5 MPa、换向寿命 200 万次以上的国产阀组，并取得防爆合格证。',
    summaryEn: 'The solenoid pilot valves and main valve blocks in the electro-hydraulic control of longwall roof supports are mostly imported, with long lead times and expensive spares. We need a domestic valve set rated at 37.5 MPa with over two million switching cycles, certified explosion-protected.',
    descriptionZh: paras(
      '我公司年产液压支架约 1500 架，配套智能化综采工作面。电液控制系统中的电磁先导阀和主控阀组是核心部件，目前主要采购进口产品，交货周期 4–6 个月，备件价格高，且在乳化液清洁度较差的井下工况中故障率偏高。',
      '希望揭榜方开发适用于 5% 乳化液（HFAE）介质的电磁先导阀和主控阀组，完成台架试验、防爆检验和井下工业性试验，与我公司支架控制器实现接口兼容。阀组接口尺寸和控制协议涉及整机配套企业的保密信息，详细资料仅向接受保密条款的揭榜方开放。',
    ),
    descriptionEn: paras(
      'We build about 1,500 roof supports a year for intelligent longwall faces. The solenoid pilot valves and main valve blocks are the heart of their electro-hydraulic control and are mostly imported, with four to six months\' lead time, expensive spares and too many failures underground, where the emulsion is often dirty.',
      'We want pilot valves and main valve blocks for 5% oil-in-water emulsion (HFAE), taken through bench tests, explosion-protection certification and an underground trial, and compatible with our support controllers. Interface dimensions and the control protocol are confidential information of our system partners, so details are shown only to solvers who accept the confidentiality terms.',
    ),
    industry,
    category: 'bottleneck',
    indicators: [
      { nameZh: '额定工作压力', nameEn: 'Rated working pressure', target: '≥ 37.5', unit: 'MPa', method: 'GB 25974.3 煤矿用液压支架 第 3 部分：液压控制系统及阀 / GB 25974.3 (hydraulic control systems and valves for mine roof supports)' },
      { nameZh: '换向寿命', nameEn: 'Switching life', target: '≥ 2 × 10⁶', unit: '次 (cycles)', method: '5% 乳化液、额定压力下台架试验，无功能失效 / bench test at rated pressure in 5% emulsion, no loss of function' },
      { nameZh: '响应时间', nameEn: 'Response time', target: '≤ 60', unit: 'ms', method: '电磁铁通电至主阀出口压力达到额定压力 90% 的时间 / from energising the solenoid to 90% of rated pressure at the main-valve outlet' },
      { nameZh: '内泄漏量', nameEn: 'Internal leakage', target: '≤ 5', unit: 'mL/min', method: 'GB 25974.3，额定压力保压 5 min / GB 25974.3, held at rated pressure for 5 min' },
      { nameZh: '防爆合格证', nameEn: 'Explosion-protection certificate', target: 'Ex ib I Mb', unit: '证书 (certificate)', method: 'GB/T 3836.1、GB/T 3836.4，国家授权防爆检验机构检验 / GB/T 3836.1 and 3836.4 (IEC 60079-0/-11), tested by an accredited body' },
    ],
    ...eligibility(
      '具有液压阀类产品研发和批量制造经验；境外揭榜单位须与境内制造企业组成联合体，以便取得防爆合格证和煤矿矿用产品安全标志。',
      'Experience in designing and manufacturing hydraulic valves in volume. Applicants from abroad must form a consortium with a manufacturer in China, which will hold the explosion-protection certificate and the mine safety mark.',
    ),
    enterpriseShareFen: wan(250),
    requestedSpecialFundFen: wan(250),
    durationMonths: 24,
    maxWinners: 1,
    ...IP_JOINT,
    visibility: 'restricted',
    domesticOnly: false,
  },
  story: [
    { day: 76, do: 'submit' },
    { day: 70, do: 'approve', specialFundFen: wan(200), note: '专项资金按 200 万元核定（申请 250 万元），榜额相应调整为 450 万元。本榜属关键零部件国产化，列入本年度重点榜单。' },
    { day: 20, do: 'accept_terms', solver: 'leoben' },
  ],
};

const laserCladding: DemoChallenge = {
  key: 'roof-support-leg-laser-cladding',
  owner: 'jizhong',
  state: 'published',
  createdDaysAgo: 75,
  deadlineInDays: 14,
  input: {
    titleZh: '液压支架立柱激光熔覆替代电镀硬铬',
    titleEn: 'Laser cladding instead of hard-chrome plating on roof-support legs',
    summaryZh: '液压支架立柱、千斤顶活塞杆目前采用电镀硬铬防腐，环保限产压力大，井下腐蚀失效频发。需开发激光熔覆工艺，中性盐雾 1000 h 不生锈，熔覆效率 ≥ 0.8 m²/h。',
    summaryEn: 'Our roof-support legs and ram rods are hard-chrome plated, which brings environmental restrictions and frequent corrosion failures underground. We need a laser-cladding process that survives 1,000 h of neutral salt spray without rust, at 0.8 m² an hour or faster.',
    descriptionZh: paras(
      '立柱和千斤顶是液压支架的关键承载部件，井下长期接触含氯离子、硫酸根的矿井水，电镀硬铬层存在微裂纹，易发生点蚀、鼓包和剥落，是支架大修的主要原因。同时，电镀工序受环保政策严格限制，外协成本和周期不断增加。',
      '希望揭榜方开发适合立柱（缸径 Φ200–Φ400 mm、长度不超过 3 m）的激光熔覆材料和工艺，包括熔覆粉末成分、工艺参数、变形控制和后续磨削加工，在我公司完成批量试制并通过井下使用验证。',
    ),
    descriptionEn: paras(
      'Legs and rams carry the load of a roof support. Underground they sit in mine water containing chloride and sulphate, and the micro-cracks in hard-chrome plating let pitting, blistering and flaking set in — the main reason supports go in for overhaul. Electroplating is also tightly restricted by environmental rules, so subcontracting it costs more and takes longer every year.',
      'We want cladding powders and a process for legs (bores of Φ200–400 mm, up to 3 m long) — composition, parameters, distortion control and finish grinding — made in volume trials in our plant and proven underground.',
    ),
    industry,
    category: 'urgent_need',
    indicators: [
      { nameZh: '中性盐雾试验', nameEn: 'Neutral salt spray', target: '≥ 1000 h 无红锈，保护评级 ≥ 9 / ≥ 1,000 h without red rust, protection rating ≥ 9', unit: 'h', method: 'GB/T 10125（等同 ISO 9227），按 GB/T 6461 评级 / GB/T 10125 (ISO 9227), rated to GB/T 6461' },
      { nameZh: '熔覆层硬度', nameEn: 'Clad-layer hardness', target: '≥ 50', unit: 'HRC', method: 'GB/T 230.1（等同 ISO 6508-1） / GB/T 230.1 (ISO 6508-1)' },
      { nameZh: '稀释率', nameEn: 'Dilution', target: '≤ 5', unit: '%', method: '横截面金相测量 / cross-section metallography' },
      { nameZh: '熔覆效率（单层 1 mm）', nameEn: 'Cladding rate (single 1 mm layer)', target: '≥ 0.8', unit: 'm²/h', method: '连续生产 8 h 统计 / over eight hours of continuous production' },
      { nameZh: '熔覆层裂纹', nameEn: 'Cracks in the clad layer', target: '0', unit: '处 (indications)', method: 'GB/T 18851.1 渗透检测，逐件 / GB/T 18851.1 penetrant testing of every part' },
    ],
    ...eligibility('具有激光熔覆工艺研究或工程应用经验。', 'Research or engineering experience in laser cladding.'),
    enterpriseShareFen: wan(100),
    requestedSpecialFundFen: wan(50),
    durationMonths: 12,
    maxWinners: 1,
    ...IP_JOINT,
    visibility: 'public',
    domesticOnly: false,
  },
  story: [
    { day: 72, do: 'submit' },
    { day: 65, do: 'approve' },
    {
      day: 50, do: 'clarify', by: 'owner',
      zh: '答疑：1. 立柱基体材料为 27SiMn，调质状态；2. 熔覆后需磨削至 Ra ≤ 0.4 μm，加工余量由揭榜方提出；3. 我公司现有 6 kW 半导体激光器一台，方案可利用，也可另行配置设备。',
      en: 'Answers: 1. The legs are 27SiMn, quenched and tempered. 2. After cladding they are ground to Ra ≤ 0.4 μm; the solver proposes the grinding allowance. 3. We have a 6 kW diode laser the proposal may use, or other equipment may be proposed.',
    },
    {
      day: 15, do: 'extend', toDays: 35,
      zh: '应部分揭榜单位申请，为便于到井下了解立柱的实际使用环境，经研究，本榜揭榜截止时间延长 21 天。',
      en: 'At the request of several applicants, who want to see the conditions the legs work in underground, the deadline is extended by 21 days.',
    },
  ],
};

const minePmMotor: DemoChallenge = {
  key: 'mine-pm-motor-drive',
  owner: 'jizhong',
  state: 'published',
  createdDaysAgo: 20,
  deadlineInDays: 120,
  input: {
    titleZh: '矿用隔爆型高压永磁同步电动机及变频一体化驱动',
    summaryZh: '研制 1000 kW、3300 V 矿用隔爆型永磁同步电动机及变频一体化驱动系统，替代刮板输送机“异步电机 + 减速器”传动，效率 ≥ 96.5%，取得煤矿矿用产品安全标志。',
    descriptionZh: paras(
      '刮板输送机和带式输送机目前普遍采用“异步电机 + 液力耦合器/减速器”传动，系统效率低、维护量大。永磁同步直驱或半直驱是煤矿主运输装备的发展方向，是矿山装备行业的关键共性技术，但大功率矿用隔爆型产品的散热、退磁防护和变频器一体化设计难度大。',
      '希望揭榜方与我公司共同研制 1000 kW、3300 V 矿用隔爆型永磁同步电动机及一体化变频驱动，完成型式试验、防爆检验和煤矿矿用产品安全标志（MA）认证，并在合作煤矿完成工业性试验。由于产品须取得 MA 标志，揭榜方须为中国境内注册的法人单位，本榜仅限境内单位揭榜。',
    ),
    industry,
    category: 'common_key_technology',
    indicators: [
      { nameZh: '额定功率', target: '1000（3300 V）', unit: 'kW', method: '型式试验' },
      { nameZh: '额定效率', target: '≥ 96.5', unit: '%', method: 'GB/T 22669 三相永磁同步电动机试验方法' },
      { nameZh: '绕组温升', target: '≤ 80', unit: 'K', method: 'GB/T 22669 电阻法，额定负载热试验' },
      { nameZh: '振动速度有效值', target: '≤ 2.8', unit: 'mm/s', method: 'GB/T 10068' },
      { nameZh: '防爆及安全标志', target: 'Ex db I Mb，取得 MA 标志', unit: '证书', method: 'GB/T 3836.1、GB/T 3836.2；矿用产品安全标志审核' },
    ],
    eligibilityZh: '须为中国境内注册的法人单位，具有防爆电机或大功率变频器研发制造经验；高校、科研院所可与境内企业组成联合体揭榜。',
    enterpriseShareFen: wan(160),
    requestedSpecialFundFen: wan(100),
    durationMonths: 24,
    maxWinners: 1,
    ...IP_JOINT,
    visibility: 'public',
    domesticOnly: true,
  },
  story: [
    { day: 18, do: 'submit' },
    { day: 14, do: 'approve' },
  ],
};

const linePanWear: DemoChallenge = {
  key: 'conveyor-line-pan-wear',
  owner: 'jizhong',
  state: 'closed',
  createdDaysAgo: 130,
  deadlineInDays: -5,
  input: {
    titleZh: '刮板输送机中部槽耐磨堆焊与高强耐磨钢应用技术成果转化',
    titleEn: 'Technology transfer: hardfacing and high-strength wear-resistant steel for armoured-face-conveyor line pans',
    summaryZh: '中部槽中板采用 NM400 时过煤量约 300 万吨即需更换。寻求成熟的耐磨堆焊或高强耐磨钢应用技术，使过煤量寿命达到 600 万吨以上。',
    summaryEn: 'Line pans with NM400 deck plates need replacing after about 3 million tonnes of coal. We seek proven hardfacing or high-strength wear-resistant steel technology that doubles that to 6 million tonnes or more.',
    descriptionZh: paras(
      '中部槽是刮板输送机用量最大的部件，中板和槽帮受煤流和刮板链的强烈磨损。我公司目前采用 NM400 耐磨钢板，平均过煤量约 300 万吨需更换，用户希望与工作面服务年限匹配，达到 600 万吨以上。',
      '希望引进已在煤矿应用的耐磨堆焊（高铬合金、碳化物增强）或 NM500 等高强耐磨钢焊接成形技术，包括材料、焊接工艺、变形控制和质量检验规范，在我公司产线上实现批量生产。',
    ),
    descriptionEn: paras(
      'Line pans are the most numerous part of an armoured face conveyor, and their deck plates and sides are worn hard by coal and the flight-bar chain. Ours use NM400 plate and need replacing after about 3 million tonnes; customers want them to last as long as the face, 6 million tonnes or more.',
      'We want to take up technology already used in coal mines — hardfacing with high-chromium or carbide-reinforced alloys, or welding and forming NM500-class steels — including materials, welding procedures, distortion control and inspection rules, and bring it into volume production on our line.',
    ),
    industry,
    category: 'tech_transfer',
    indicators: [
      { nameZh: '过煤量寿命', nameEn: 'Coal throughput before replacement', target: '≥ 600', unit: '万吨 (10⁴ t)', method: '井下工业性试验，以矿方生产记录为准 / underground trial, per the mine\'s production records' },
      { nameZh: '耐磨性', nameEn: 'Abrasion resistance', target: '体积损失 ≤ NM400 对照件的 40% / volume loss ≤ 40% of NM400', unit: '%', method: 'ASTM G65 干砂/橡胶轮磨损试验，程序 A / ASTM G65 dry sand–rubber wheel, procedure A' },
      { nameZh: '堆焊层硬度', nameEn: 'Hardfacing hardness', target: '≥ 58', unit: 'HRC', method: 'GB/T 230.1 / GB/T 230.1' },
      { nameZh: '母材 −20 ℃ 冲击吸收能量', nameEn: 'Base-plate Charpy energy at −20 °C', target: '≥ 27', unit: 'J', method: 'GB/T 229-2020 V 型缺口 / GB/T 229-2020 V-notch' },
    ],
    ...eligibility('拟转化技术须已在煤矿井下应用（提供用户证明）。', 'The technology must already be in use underground (with mine references).'),
    enterpriseShareFen: wan(80),
    requestedSpecialFundFen: wan(40),
    durationMonths: 18,
    maxWinners: 1,
    ...IP_TRANSFER,
    visibility: 'public',
    domesticOnly: false,
  },
  story: [
    { day: 126, do: 'submit' },
    { day: 120, do: 'approve' },
    {
      day: 90, do: 'clarify', by: 'owner',
      zh: '答疑：工业性试验由我公司联系合作煤矿安排，试验工作面采高 3.5 m、运量 2500 t/h，揭榜方负责技术指导。',
      en: 'Answer: we arrange the underground trial with a partner mine — a 3.5 m face carrying 2,500 t/h; the solver provides technical guidance.',
    },
  ],
};

const longwallIntegrator: DemoChallenge = {
  key: 'intelligent-longwall-integrator',
  owner: 'jizhong',
  state: 'published',
  createdDaysAgo: 33,
  deadlineInDays: 80,
  input: {
    titleZh: '智能化综采工作面系统集成首席工程师（团队）引进',
    titleEn: 'Chief engineer (or team) for intelligent longwall system integration',
    summaryZh: '引进在综采工作面智能化（液压支架电液控制、采煤机记忆截割、工作面直线度控制）方面有系统集成经验的首席工程师或团队，牵头完成一个智能化工作面示范。',
    summaryEn: 'We are recruiting a chief engineer or team experienced in integrating intelligent longwall systems — electro-hydraulic support control, shearer memory cutting, face alignment — to lead a demonstration face.',
    descriptionZh: paras(
      '我公司正从单机设备供应商向智能化综采成套装备供应商转型，已具备液压支架、刮板输送机和转载机的设计制造能力，但缺少能统筹“三机”协同控制、惯性导航直线度控制和井下通信的系统集成人才。',
      '引进人才（团队）将担任智能化事业部技术负责人，榜额作为三年科研经费，薪酬另议；可全职或柔性引进。区人才政策可叠加支持。',
    ),
    descriptionEn: paras(
      'We are moving from supplying single machines to supplying complete intelligent longwall systems. We already design and build roof supports, face conveyors and stage loaders, but lack someone who can integrate coordinated control of shearer, supports and conveyor, inertial-navigation face alignment and underground communications.',
      'The recruit (or team) will lead the technology of our intelligent-mining division. The bounty is research funding over three years; pay is negotiated separately. Full-time or part-time; the district\'s talent scheme may add support.',
    ),
    industry,
    category: 'talent',
    indicators: [
      { nameZh: '在企业工作时间', nameEn: 'Time with the company', target: '全职；或柔性引进每年不少于 6 个月 / full-time, or at least 6 months a year', unit: '月/年 (months/year)', method: '以劳动合同或柔性引进协议及考勤记录为准 / contract and attendance records' },
      { nameZh: '工作面直线度', nameEn: 'Face alignment', target: '≤ ±50（200 m 工作面） / ≤ ±50 over a 200 m face', unit: 'mm', method: '惯性导航系统测量，连续 30 刀统计 / inertial navigation, 30 consecutive shearer passes' },
      { nameZh: '自动跟机率', nameEn: 'Automatic support advance rate', target: '≥ 90', unit: '%', method: '电液控制系统日志，连续 1 个月 / control-system logs over one month' },
      { nameZh: '人才培养', nameEn: 'Engineers trained', target: '≥ 5', unit: '人 (people)', method: '以培养计划和考核记录为准 / training plan and assessment records' },
    ],
    ...eligibility(
      '主持或作为技术负责人参与过至少 1 个智能化综采工作面建设并通过验收；不限国籍。',
      'Having led, or been technical lead on, at least one intelligent longwall face that passed acceptance. Any nationality.',
    ),
    enterpriseShareFen: wan(70),
    requestedSpecialFundFen: wan(50),
    durationMonths: 36,
    maxWinners: 1,
    ...IP_TALENT,
    visibility: 'public',
    domesticOnly: false,
  },
  story: [
    { day: 30, do: 'submit' },
    { day: 26, do: 'approve' },
  ],
};

const emulsionPump: DemoChallenge = {
  key: 'emulsion-pump-plunger-seal',
  owner: 'jizhong',
  state: 'draft',
  createdDaysAgo: 28,
  deadlineInDays: 75,
  input: {
    titleZh: '高压大流量乳化液泵柱塞密封寿命提升',
    titleEn: 'Longer plunger-seal life in high-pressure, high-flow emulsion pumps',
    summaryZh: '630 L/min、37.5 MPa 乳化液泵柱塞密封平均寿命约 1500 h，需提升到 4000 h 以上。',
    summaryEn: 'Plunger seals in our 630 L/min, 37.5 MPa emulsion pumps last about 1,500 hours; we need more than 4,000.',
    descriptionZh: paras(
      '乳化液泵站为综采工作面液压支架提供动力，柱塞密封失效会导致泄漏、压力下降甚至停产。我公司 630 L/min、37.5 MPa 乳化液泵柱塞密封平均寿命约 1500 h，与进口产品 4000 h 以上差距明显。',
      '希望揭榜方从柱塞表面处理、密封材料和结构、润滑冷却方式等方面入手，提高密封寿命。',
    ),
    descriptionEn: paras(
      'Emulsion pump stations power the roof supports of a longwall; when a plunger seal fails, the pump leaks, pressure drops and production may stop. Seals in our 630 L/min, 37.5 MPa pumps last about 1,500 hours, far short of the 4,000-plus of imported pumps.',
      'We want the solver to improve seal life through the plunger surface treatment, seal materials and design, and lubrication and cooling.',
    ),
    industry,
    category: 'bottleneck',
    indicators: [
      { nameZh: '柱塞密封寿命', nameEn: 'Plunger-seal life', target: '≥ 4000', unit: 'h', method: '用户反馈 / customer feedback' },
      { nameZh: '容积效率', nameEn: 'Volumetric efficiency', target: '≥ 92', unit: '%', method: 'MT/T 188.2 煤矿用乳化液泵站 第 2 部分：乳化液泵 / MT/T 188.2' },
    ],
    ...eligibility('须有同类产品业绩。', 'References with comparable products are required.'),
    enterpriseShareFen: wan(130),
    requestedSpecialFundFen: wan(70),
    durationMonths: 18,
    maxWinners: 1,
    ...IP_JOINT,
    visibility: 'public',
    domesticOnly: false,
  },
  story: [
    { day: 26, do: 'submit' },
    {
      day: 21, do: 'return',
      reasons: '1. 指标“柱塞密封寿命”的测量方式为“用户反馈”，请写明考核工况（压力、乳化液浓度、泵转速）和统计方法（台架试验或井下运行记录）；2. 请书面说明本榜与贵公司已获区级科技计划支持的“乳化液泵站智能控制”项目有无内容重叠；3. 揭榜条件“须有同类产品业绩”将排除高校和科研院所，请斟酌修改。',
    },
  ],
};

// ---- 井陉矿区凤山重型装备有限公司 ------------------------------------------------------------------

const slewingBearing: DemoChallenge = {
  key: 'slewing-bearing-soft-zone',
  owner: 'fengshan',
  state: 'published',
  createdDaysAgo: 48,
  deadlineInDays: 65,
  input: {
    titleZh: '大型回转支承（直径 ≥ 3 m）滚道无软带感应淬火',
    titleEn: 'Soft-zone-free induction hardening of raceways on large slewing bearings (3 m diameter and above)',
    summaryZh: '大型回转支承滚道采用单感应器扫描淬火，起止搭接处留有 30–50 mm 软带，限制了产品在掘进机和风电主机上的应用。需开发无软带感应淬火工艺和装备。',
    summaryEn: 'We harden the raceways of large slewing bearings by scanning with a single inductor, leaving a 30–50 mm soft zone where the start and end meet — which keeps our bearings out of tunnel-boring machines and wind turbines. We need a soft-zone-free induction hardening process and machine.',
    descriptionZh: paras(
      '我公司生产直径 1–5 m 的回转支承，材料为 42CrMo4 和 50Mn，年产约 3000 套，主要用于挖掘机、起重机和港口机械。滚道采用中频感应扫描淬火，淬火起止处必须留出软带并在装配时避开主承载区。掘进机主轴承和风电变桨、偏航轴承用户要求滚道全周无软带。',
      '希望揭榜方开发多感应器同步淬火或整圈一次淬火等无软带工艺，解决搭接区过热、淬火裂纹和变形控制问题，完成感应器设计、电源匹配和工艺验证。感应器图纸和淬火机床参数属于我公司技术秘密，详细资料仅向接受保密条款的揭榜方开放。',
    ),
    descriptionEn: paras(
      'We make about 3,000 slewing bearings a year, 1–5 m in diameter, in 42CrMo4 and 50Mn, mainly for excavators, cranes and port machinery. Raceways are scan-hardened by medium-frequency induction, and the start and end must leave a soft zone that is placed away from the main load at assembly. Customers for tunnel-boring-machine main bearings and wind-turbine pitch and yaw bearings want no soft zone anywhere on the raceway.',
      'We want a soft-zone-free process — several inductors hardening together, or the whole ring at once — that solves overheating at the overlap, quench cracking and distortion, with inductor design, power-supply matching and process proof. Inductor drawings and machine settings are our trade secrets, so details are shown only to solvers who accept the confidentiality terms.',
    ),
    industry,
    category: 'bottleneck',
    indicators: [
      { nameZh: '软带宽度', nameEn: 'Soft-zone width', target: '0（全周无软带） / 0 (none around the ring)', unit: 'mm', method: '沿周向每 5° 测滚道表面硬度，GB/T 230.1，并解剖验证 / raceway hardness every 5° around the ring to GB/T 230.1, confirmed by sectioning' },
      { nameZh: '滚道表面硬度', nameEn: 'Raceway surface hardness', target: '55–62', unit: 'HRC', method: 'GB/T 230.1 / GB/T 230.1' },
      { nameZh: '有效硬化层深度', nameEn: 'Effective case depth', target: '≥ 5', unit: 'mm', method: 'GB/T 5617，滚道底部 / GB/T 5617, at the bottom of the raceway' },
      { nameZh: '淬火裂纹', nameEn: 'Quench cracks', target: '0', unit: '处 (indications)', method: 'GB/T 15822.1 磁粉检测（等同 ISO 9934-1），100% / GB/T 15822.1 (ISO 9934-1) magnetic-particle testing of every ring' },
      { nameZh: '淬火后平面度（Φ3 m 套圈）', nameEn: 'Flatness after hardening (Φ3 m ring)', target: '≤ 0.3', unit: 'mm', method: '激光跟踪仪测量 / laser tracker' },
    ],
    ...eligibility('具有大型零件感应热处理工艺或装备研发经验。', 'Experience in induction heat-treatment processes or equipment for large parts.'),
    enterpriseShareFen: wan(250),
    requestedSpecialFundFen: wan(130),
    durationMonths: 24,
    maxWinners: 1,
    ...IP_JOINT,
    visibility: 'restricted',
    domesticOnly: false,
  },
  story: [
    { day: 46, do: 'submit' },
    { day: 41, do: 'approve' },
    {
      day: 15, do: 'clarify', by: 'owner',
      zh: '答疑：验证产品为直径 3.2 m 的三排滚柱式回转支承，材料 42CrMo4；我公司现有 300 kW 中频电源两台，可根据方案增购。',
      en: 'Answer: the proof part is a 3.2 m three-row roller slewing bearing in 42CrMo4. We have two 300 kW medium-frequency power supplies and can buy more if the proposal needs them.',
    },
  ],
};

const planetaryGearbox: DemoChallenge = {
  key: 'planetary-gearbox-reliability',
  owner: 'fengshan',
  state: 'pending_review',
  createdDaysAgo: 12,
  deadlineInDays: 60,
  input: {
    titleZh: '大功率刮板输送机用行星减速器（1600 kW）可靠性提升',
    titleEn: 'Reliability of 1,600 kW planetary gearboxes for armoured face conveyors',
    summaryZh: '我公司 1600 kW 行星减速器井下平均无故障工作时间约 6000 h，主要失效为行星轮轴承损坏和齿面点蚀。需将平均无故障工作时间提高到 12000 h 以上。',
    summaryEn: 'Our 1,600 kW planetary gearboxes run about 6,000 hours underground between failures, mostly planet-bearing damage and tooth pitting. We need more than 12,000 hours.',
    descriptionZh: paras(
      '大功率刮板输送机减速器是综采工作面的关键传动部件，长期承受重载冲击和频繁启停。我公司 1600 kW 行星减速器在高产工作面的平均无故障工作时间约 6000 h，与进口产品差距较大。',
      '本榜属于矿山装备传动系统关键共性技术。希望揭榜方从齿轮修形、行星轮均载、轴承选型与润滑冷却、箱体刚度等方面开展设计优化，建立载荷谱和寿命预测方法，并完成台架加载试验和井下工业性试验。',
    ),
    descriptionEn: paras(
      'The gearbox of a high-power face conveyor is a key drive component, under heavy shock loads and frequent starts and stops. Our 1,600 kW planetary units average about 6,000 hours between failures on high-output faces, well behind imported ones.',
      'This is a key common technology for mining-equipment drives. We want design improvements in tooth modification, planet load sharing, bearing selection, lubrication and cooling, and housing stiffness, a load spectrum and a life-prediction method, then a loaded bench test and an underground trial.',
    ),
    industry,
    category: 'common_key_technology',
    indicators: [
      { nameZh: '平均无故障工作时间', nameEn: 'Mean time between failures', target: '≥ 12000', unit: 'h', method: '井下工业性试验 3 台 × 6 个月，结合台架加速试验推算 / three units underground for six months, with accelerated bench tests' },
      { nameZh: '额定负载油温', nameEn: 'Oil temperature at rated load', target: '≤ 85', unit: '℃', method: '台架加载试验，稳定 4 h / loaded bench test, four hours at steady state' },
      { nameZh: '齿轮精度', nameEn: 'Gear accuracy', target: '6 级 / grade 6', unit: '级 (grade)', method: 'GB/T 10095.1（等同 ISO 1328-1） / GB/T 10095.1 (ISO 1328-1)' },
      { nameZh: '噪声（声压级）', nameEn: 'Noise (sound pressure level)', target: '≤ 88', unit: 'dB(A)', method: 'GB/T 6404.1 齿轮装置空气传播噪声试验 / GB/T 6404.1' },
    ],
    ...eligibility('具有重载齿轮传动设计或可靠性研究经验。', 'Experience in heavy-duty gear design or reliability engineering.'),
    enterpriseShareFen: wan(200),
    requestedSpecialFundFen: wan(100),
    durationMonths: 24,
    maxWinners: 1,
    ...IP_JOINT,
    visibility: 'public',
    domesticOnly: false,
  },
  story: [{ day: 2, do: 'submit' }],
};

const hssRolls: DemoChallenge = {
  key: 'hss-roll-spalling',
  owner: 'fengshan',
  state: 'closed',
  createdDaysAgo: 95,
  deadlineInDays: -2,
  input: {
    titleZh: '热轧带钢精轧机高速钢轧辊剥落问题攻关',
    titleEn: 'Spalling of high-speed-steel work rolls in hot-strip finishing mills',
    summaryZh: '我公司离心复合高速钢轧辊在用户精轧前段机架上发生辊身剥落，近半年 3 起。需查明原因并改进材料和热处理工艺，剥落事故率降到 0.5 次/百支以下。',
    summaryEn: 'Our centrifugally cast high-speed-steel rolls have spalled in the early finishing stands at a customer\'s mill — three times in six months. We need the cause found and the material and heat treatment improved, to below 0.5 spalls per hundred rolls.',
    descriptionZh: paras(
      '我公司年产离心复合轧辊约 1500 支，高速钢工作辊主要供应热轧带钢精轧机前段机架。近半年某用户发生 3 起辊身剥落事故，造成停机和索赔，用户已暂停新订单评审。',
      '初步判断与外层和芯部结合层质量、残余应力分布以及用户轧制事故（卡钢）后的热冲击有关。需求紧迫，希望揭榜方在 3 个月内完成失效分析，提出材料、热处理和使用维护方面的改进措施。',
    ),
    descriptionEn: paras(
      'We cast about 1,500 composite rolls a year; our high-speed-steel work rolls go mainly to the early finishing stands of hot-strip mills. One customer has had three rolls spall in the past six months, with downtime and claims, and has put new orders on hold.',
      'We suspect the bond between shell and core, the residual-stress distribution and thermal shock after mill wrecks. This is urgent: we want the failure analysis within three months, with improvements to material, heat treatment, and use and maintenance.',
    ),
    industry,
    category: 'urgent_need',
    indicators: [
      { nameZh: '剥落事故率', nameEn: 'Spalling rate', target: '≤ 0.5', unit: '次/百支 (per 100 rolls)', method: '以用户轧辊使用台账统计，12 个月 / customer roll records over 12 months' },
      { nameZh: '辊身硬度', nameEn: 'Barrel hardness', target: '78–83', unit: 'HSD', method: 'GB/T 13313 轧辊肖氏、里氏硬度试验方法 / GB/T 13313' },
      { nameZh: '辊身表面残余压应力', nameEn: 'Residual compressive stress at the barrel surface', target: '300–450', unit: 'MPa', method: 'GB/T 7704 X 射线衍射法 / GB/T 7704 X-ray diffraction' },
      { nameZh: '结合层超声波探伤', nameEn: 'Ultrasonic testing of the bond layer', target: '无超标缺陷 / no recordable defects', unit: '处 (indications)', method: '按用户技术协议，逐支检测 / per the customer\'s technical agreement, every roll' },
    ],
    ...eligibility('具有轧辊材料或失效分析研究经验，能在 3 个月内完成失效分析。', 'Experience in roll materials or failure analysis, and the ability to complete the failure analysis within three months.'),
    enterpriseShareFen: wan(60),
    requestedSpecialFundFen: wan(30),
    durationMonths: 9,
    maxWinners: 1,
    ...IP_OWNER,
    visibility: 'public',
    domesticOnly: false,
  },
  story: [
    { day: 92, do: 'submit' },
    { day: 88, do: 'approve' },
  ],
};

const monitoringTeam: DemoChallenge = {
  key: 'condition-monitoring-team',
  owner: 'fengshan',
  state: 'draft',
  createdDaysAgo: 6,
  deadlineInDays: 85,
  input: {
    titleZh: '重型装备状态监测与故障诊断团队引进',
    titleEn: 'Team for condition monitoring and fault diagnosis of heavy equipment',
    summaryZh: '引进在大型旋转机械振动监测、故障诊断和剩余寿命预测方面有工程经验的团队，为我公司减速器、回转支承产品开发在线监测系统。',
    summaryEn: 'We are recruiting a team with engineering experience in vibration monitoring, fault diagnosis and remaining-life prediction for large rotating machinery, to build on-line monitoring into our gearboxes and slewing bearings.',
    descriptionZh: paras(
      '用户越来越多地要求重型装备具备状态监测和预测性维护能力。我公司有大量减速器和回转支承的试验与现场数据，但缺少信号处理和诊断算法人才。',
      '引进团队将组建状态监测研究室，榜额作为三年科研经费，团队负责人薪酬另议。',
    ),
    descriptionEn: paras(
      'Customers increasingly expect heavy equipment to come with condition monitoring and predictive maintenance. We have a great deal of test and field data on gearboxes and slewing bearings, but no one to work on signal processing and diagnostic algorithms.',
      'The team will set up our condition-monitoring laboratory. The bounty is research funding over three years; the leader\'s pay is negotiated separately.',
    ),
    industry,
    category: 'talent',
    indicators: [
      { nameZh: '团队在企业工作时间', nameEn: 'Team time with the company', target: '负责人每年不少于 6 个月 / leader at least 6 months a year', unit: '月/年 (months/year)', method: '以引进协议和考勤记录为准 / agreement and attendance records' },
      { nameZh: '在线监测系统', nameEn: 'On-line monitoring system', target: '完成 1 套并在 10 台产品上应用 / one system, fitted to 10 units', unit: '套 (systems)', method: '以用户使用报告为准 / customers\' reports' },
      { nameZh: '故障识别准确率', nameEn: 'Fault identification accuracy', target: '≥ 90', unit: '%', method: '在台架故障注入试验中统计，样本 ≥ 200 例 / bench fault-injection tests, at least 200 cases' },
    ],
    ...eligibility('团队负责人具有博士学位或正高级职称，主持过旋转机械状态监测工程项目；不限国籍。', 'The team leader holds a doctorate or full senior title and has led condition-monitoring projects for rotating machinery. Any nationality.'),
    enterpriseShareFen: wan(90),
    requestedSpecialFundFen: wan(60),
    durationMonths: 36,
    maxWinners: 1,
    ...IP_TALENT,
    visibility: 'public',
    domesticOnly: false,
  },
  story: [],
};

// ---- 井陉矿区正丰智能装备有限公司 ------------------------------------------------------------------

const robotDescZh = paras(
  '带式输送机是煤矿主运输系统，托辊数量多、分布长，托辊卡死、异响和轴承过热是引发胶带撕裂和火灾的主要隐患，人工巡检劳动强度大、漏检率高。我公司已研制挂轨式巡检机器人本体（防爆），搭载可见光、红外热像和拾音器，但故障识别算法的准确率和误报率达不到用户要求。',
  '本榜为区内矿山装备企业共性技术需求，采用赛马制，最多支持三支团队，分别采用不同的感知融合和识别方法。',
);
const robotDescEn = paras(
  'Belt conveyors are the main haulage of a coal mine, with thousands of idlers over long distances. Seized, noisy or overheating idlers are the main cause of belt rips and fires, and inspecting them on foot is hard work and misses too much. We have built a rail-mounted, explosion-protected inspection robot carrying a camera, a thermal imager and microphones, but our fault-recognition algorithms miss too many faults and raise too many false alarms for our customers.',
  'This is a common need of the district\'s mining-equipment makers. Up to three teams will be funded in parallel, each with its own approach to sensor fusion and recognition.',
);
const robotSelectionZh = '赛马方式：三支团队在同一条 2 km 试验带式输送机上使用相同的机器人本体，运行 3 个月后按检出率和误报率排序，中期评估排名末位的团队停止后续资助。';
const robotSelectionEn = 'How the teams are compared: all three use the same robot on the same 2 km test conveyor; after three months they are ranked on detection and false-alarm rates, and the last-placed team receives no further funding after the mid-term review.';

const robotIndicatorsV1 = [
  { nameZh: '识别准确率', nameEn: 'Recognition accuracy', target: '≥ 95', unit: '%', method: '测试集 / test set' },
  { nameZh: '温度测量误差', nameEn: 'Temperature error', target: '≤ ±2', unit: '℃', method: '与接触式测温仪比对 / against a contact thermometer' },
];

const inspectionRobot: DemoChallenge = {
  key: 'belt-conveyor-inspection-robot',
  owner: 'zhengfeng',
  state: 'published',
  createdDaysAgo: 58,
  deadlineInDays: 28,
  input: {
    titleZh: '煤矿带式输送机巡检机器人托辊故障识别',
    titleEn: 'Idler-fault recognition for inspection robots on mine belt conveyors',
    summaryZh: '开发融合可见光、红外和声音的托辊故障识别算法，在井下连续运行 3 个月，故障检出率 ≥ 95%、误报率 ≤ 3%。采用赛马制，最多支持三支团队。',
    summaryEn: 'Develop idler-fault recognition that fuses visible, thermal and acoustic data, and run it underground for three months with at least 95% detection and at most 3% false alarms. Up to three teams will be funded in parallel.',
    descriptionZh: robotDescZh,
    descriptionEn: robotDescEn,
    industry,
    category: 'common_key_technology',
    indicators: robotIndicatorsV1,
    ...eligibility(
      '具有机器视觉、声学诊断或多模态融合算法研究基础。',
      'A research record in machine vision, acoustic diagnosis or multimodal fusion.',
    ),
    enterpriseShareFen: wan(140),
    requestedSpecialFundFen: wan(60),
    durationMonths: 18,
    maxWinners: 3,
    ...IP_JOINT,
    visibility: 'public',
    domesticOnly: false,
  },
  story: [
    { day: 56, do: 'submit' },
    {
      day: 54, do: 'return',
      reasons: '1. 指标“识别准确率”未说明测试数据集的来源、规模和故障样本比例，且应区分检出率与误报率；2. 赛马制最多支持三支团队，请在需求描述中说明比选方式；3. 机器人本体的防爆要求由发榜单位负责还是揭榜方负责，请在揭榜条件中明确。',
    },
    {
      day: 52, do: 'update',
      patch: {
        descriptionZh: paras(robotDescZh, robotSelectionZh),
        descriptionEn: paras(robotDescEn, robotSelectionEn),
        indicators: [
          { nameZh: '托辊故障检出率', nameEn: 'Idler-fault detection rate', target: '≥ 95', unit: '%', method: '在合作矿井 2 km 带式输送机上连续运行 3 个月，以人工复核台账为准，故障样本不少于 200 例 / three months on a 2 km conveyor at a partner mine, checked against manual inspection records, at least 200 faults' },
          { nameZh: '误报率', nameEn: 'False-alarm rate', target: '≤ 3', unit: '%', method: '同上 / as above' },
          { nameZh: '温度测量误差', nameEn: 'Temperature error', target: '≤ ±2', unit: '℃', method: '与接触式测温仪比对，30 个测点 / against a contact thermometer at 30 points' },
          { nameZh: '单次巡检时长（2 km）', nameEn: 'Time per inspection (2 km)', target: '≤ 30', unit: 'min', method: '机器人运行日志 / robot logs' },
        ],
        ...eligibility(
          '具有机器视觉、声学诊断或多模态融合算法研究基础。机器人本体及其防爆认证由发榜单位负责，揭榜方负责算法及边缘计算软件。',
          'A research record in machine vision, acoustic diagnosis or multimodal fusion. The owner supplies the robot and its explosion-protection certification; the solver supplies the algorithms and edge-computing software.',
        ),
      },
    },
    { day: 51, do: 'submit' },
    { day: 44, do: 'approve', note: '同意按赛马制发榜，最多支持三支团队。' },
  ],
};

const q890Welding: DemoChallenge = {
  key: 'q890-robotic-welding',
  owner: 'zhengfeng',
  state: 'published',
  createdDaysAgo: 15,
  deadlineInDays: 50,
  input: {
    titleZh: '液压支架高强钢（Q890）结构件机器人焊接焊缝跟踪与冷裂纹控制',
    titleEn: 'Seam tracking and cold-crack control in robotic welding of Q890 steel for roof-support structures',
    summaryZh: '液压支架顶梁、底座采用 Q890 高强钢，厚板多层多道机器人焊接存在焊缝跟踪偏差和冷裂纹。需开发焊缝跟踪和低预热焊接工艺，一次探伤合格率达到 99%。',
    summaryEn: 'Roof-support canopies and bases are made of Q890 steel, and multi-pass robotic welding of the thick plate suffers from seam-tracking errors and cold cracks. We need seam tracking and a low-preheat welding procedure that pass 99% of welds at first ultrasonic inspection.',
    descriptionZh: paras(
      '我公司为区内外液压支架企业提供结构件机器人焊接工作站。液压支架轻量化后大量采用 Q890 高强钢，板厚 30–60 mm，坡口加工和组对误差大，现有接触寻位加电弧跟踪方式在多层多道焊中偏差累积，焊缝一次探伤合格率约 95%。同时高强钢冷裂纹敏感，需预热 150 ℃ 以上，能耗高、工作环境差。',
      '希望揭榜方开发基于激光视觉的多层多道焊缝跟踪和自适应路径规划，配合低氢焊材和焊接工艺，将预热温度降到 100 ℃ 以下，并在我公司工作站上完成批量验证。',
    ),
    descriptionEn: paras(
      'We build robotic welding cells for roof-support makers in and outside the district. Lighter supports use a lot of Q890 steel, 30–60 mm thick, with large errors in bevel preparation and fit-up; our touch sensing plus through-arc tracking drifts over multi-pass welds, and only about 95% of welds pass ultrasonic testing first time. High-strength steel is also prone to cold cracking and needs more than 150 °C preheat, which wastes energy and makes the work unpleasant.',
      'We want laser-vision seam tracking and adaptive path planning for multi-pass welds, together with low-hydrogen consumables and a welding procedure that bring preheat below 100 °C, proven in production on our cells.',
    ),
    industry,
    category: 'bottleneck',
    indicators: [
      { nameZh: '焊缝一次探伤合格率', nameEn: 'First-time ultrasonic acceptance', target: '≥ 99', unit: '%', method: 'GB/T 11345（等同 ISO 17640），验收等级按 GB/T 29712 2 级，连续 200 条焊缝 / GB/T 11345 (ISO 17640), acceptance level 2 of GB/T 29712, 200 consecutive welds' },
      { nameZh: '焊接接头抗拉强度', nameEn: 'Joint tensile strength', target: '≥ 940', unit: 'MPa', method: 'GB/T 2651（等同 ISO 4136） / GB/T 2651 (ISO 4136)' },
      { nameZh: '焊缝金属 −20 ℃ 冲击吸收能量', nameEn: 'Weld-metal Charpy energy at −20 °C', target: '≥ 47', unit: 'J', method: 'GB/T 2650（等同 ISO 9016） / GB/T 2650 (ISO 9016)' },
      { nameZh: '斜 Y 型坡口裂纹率（预热 ≤ 100 ℃）', nameEn: 'Y-groove (Tekken) crack ratio at ≤ 100 °C preheat', target: '0', unit: '%', method: 'GB/T 32260.2（等同 ISO 17642-2）自拘束试验 / GB/T 32260.2 (ISO 17642-2) self-restraint test' },
      { nameZh: '焊缝跟踪精度', nameEn: 'Seam-tracking accuracy', target: '≤ ±0.5', unit: 'mm', method: '60° V 形坡口、板厚 30–60 mm，实测焊枪偏差 / measured torch deviation on 60° V-grooves in 30–60 mm plate' },
    ],
    ...eligibility('具有焊接机器人传感或高强钢焊接工艺研究经验。', 'Research experience in welding-robot sensing or in welding high-strength steels.'),
    enterpriseShareFen: wan(150),
    requestedSpecialFundFen: wan(70),
    durationMonths: 18,
    maxWinners: 1,
    ...IP_JOINT,
    visibility: 'public',
    domesticOnly: false,
  },
  story: [
    { day: 12, do: 'submit' },
    { day: 7, do: 'approve' },
  ],
};

const wireRope: DemoChallenge = {
  key: 'hoist-rope-electromagnetic-inspection',
  owner: 'zhengfeng',
  state: 'published',
  createdDaysAgo: 24,
  deadlineInDays: 35,
  input: {
    titleZh: '矿井提升钢丝绳在线电磁无损检测技术成果转化',
    titleEn: 'Technology transfer: on-line electromagnetic inspection of mine-hoist wire ropes',
    summaryZh: '引进成熟的钢丝绳漏磁（LF）和金属截面积损失（LMA）在线检测技术，与我公司提升机监控系统集成，实现断丝和磨损的定量识别。',
    summaryEn: 'Take up proven magnetic-flux-leakage (LF) and loss-of-metallic-area (LMA) inspection of wire ropes, integrate it with our hoist monitoring system, and measure broken wires and wear quantitatively.',
    descriptionZh: paras(
      '矿井提升钢丝绳的安全状况直接关系人员和设备安全，目前多依赖人工目视检查和定期截绳试验，难以发现内部断丝和锈蚀。我公司生产矿井提升机电控和监控系统，计划增加钢丝绳在线检测功能。',
      '希望引进已在矿山应用的电磁检测传感器和信号处理技术，完成与我公司监控系统的集成和煤矿安全标志认证所需的技术文件，在合作煤矿主井提升机上完成 6 个月的工业验证。',
    ),
    descriptionEn: paras(
      'The condition of hoist ropes decides the safety of people and plant, yet it is judged mostly by eye and by periodic cut-off tests, which miss internal broken wires and corrosion. We make control and monitoring systems for mine hoists and plan to add on-line rope inspection.',
      'We want to take up electromagnetic sensors and signal processing already used in mines, integrate them with our monitoring system, prepare the technical file for the mine safety mark, and run a six-month industrial trial on the main-shaft hoist of a partner mine.',
    ),
    industry,
    category: 'tech_transfer',
    indicators: [
      { nameZh: '断丝检出率', nameEn: 'Broken-wire detection rate', target: '≥ 95', unit: '%', method: 'GB/T 21837 铁磁性钢丝绳电磁检测方法，预制缺陷标定绳 / GB/T 21837, calibration rope with prepared defects' },
      { nameZh: '金属截面积损失测量误差', nameEn: 'LMA measurement error', target: '≤ ±1', unit: '%', method: 'GB/T 21837 / GB/T 21837' },
      { nameZh: '缺陷定位误差', nameEn: 'Defect location error', target: '≤ ±0.2', unit: 'm', method: '标定绳试验 / calibration rope' },
      { nameZh: '适用检测速度', nameEn: 'Inspection speed range', target: '0.3–6', unit: 'm/s', method: '提升机实际运行速度下检测 / at the hoist\'s operating speeds' },
    ],
    ...eligibility('拟转化技术须已在矿山或港口等场景应用（提供用户证明）。', 'The technology must already be in use in mines, ports or similar (with references).'),
    enterpriseShareFen: wan(90),
    requestedSpecialFundFen: wan(40),
    durationMonths: 12,
    maxWinners: 1,
    ...IP_TRANSFER,
    visibility: 'public',
    domesticOnly: false,
  },
  story: [
    { day: 22, do: 'submit' },
    { day: 17, do: 'approve' },
  ],
};

const grindingRobot: DemoChallenge = {
  key: 'casting-grinding-robot',
  owner: 'zhengfeng',
  state: 'cancelled',
  createdDaysAgo: 11,
  deadlineInDays: 60,
  input: {
    titleZh: '大型铸钢件浇冒口切割与自动打磨机器人',
    titleEn: 'Robotic gate and riser removal and grinding for large steel castings',
    summaryZh: '开发适用于 1–10 t 铸钢件的浇冒口切割和自动打磨机器人工作站，替代人工碳弧气刨和手工打磨。',
    summaryEn: 'Develop a robotic cell for cutting off gates and risers and grinding steel castings of 1–10 t, replacing manual air-carbon-arc gouging and hand grinding.',
    descriptionZh: paras(
      '铸钢件清理是铸造车间粉尘、噪声最大、招工最难的工序。区内铸造企业普遍采用人工碳弧气刨切割冒口和手工打磨，效率低、质量不稳定。',
      '希望揭榜方开发基于三维扫描的铸件识别与打磨路径自动生成技术，配合力控打磨和等离子切割，建设示范工作站。',
    ),
    descriptionEn: paras(
      'Fettling steel castings is the dustiest, noisiest and hardest-to-staff job in a foundry. District foundries still cut risers by air-carbon-arc gouging and grind by hand — slow, and uneven in quality.',
      'We want 3D-scan-based recognition of castings and automatic grinding paths, with force-controlled grinding and plasma cutting, in a demonstration cell.',
    ),
    industry,
    category: 'urgent_need',
    indicators: [
      { nameZh: '单件清理时间（3 t 铸件）', nameEn: 'Fettling time per casting (3 t)', target: '≤ 人工的 50% / ≤ 50% of manual', unit: '%', method: '与人工作业对比计时 / timed against manual work' },
      { nameZh: '打磨后残余高度', nameEn: 'Residual height after grinding', target: '≤ 1', unit: 'mm', method: '三维扫描测量 / 3D scanning' },
    ],
    ...eligibility('具有打磨机器人或力控技术研发经验。', 'Experience developing grinding robots or force control.'),
    enterpriseShareFen: wan(70),
    requestedSpecialFundFen: wan(30),
    durationMonths: 12,
    maxWinners: 1,
    ...IP_JOINT,
    visibility: 'public',
    domesticOnly: false,
  },
  story: [{ day: 5, do: 'cancel', by: 'owner', reason: '公司调整技术改造计划，该工位改为整线外购成套设备，本需求不再发榜。' }],
};

export const EQUIPMENT_CHALLENGES: readonly DemoChallenge[] = [
  heavyDuctileIron, sandReclamation, shellDrying,
  ehcValves, laserCladding, minePmMotor, linePanWear, longwallIntegrator, emulsionPump,
  slewingBearing, planetaryGearbox, hssRolls, monitoringTeam,
  inspectionRobot, q890Welding, wireRope, grindingRobot,
];
