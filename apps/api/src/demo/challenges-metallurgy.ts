/**
 * Demo challenges of the district's metallurgy and new-materials makers: special steel, special
 * alloys, refractories and metal powders. Indicators name the test standards the trade uses.
 */
import { eligibility, IP_JOINT, IP_OWNER, IP_TALENT, IP_TRANSFER, paras, wan, type DemoChallenge } from './challenge-types';

const industry = 'metallurgy_new_materials' as const;

// ---- 井陉矿区特钢有限公司 (the README's demo enterprise): one challenge in every state ----------------

const bearingSteel: DemoChallenge = {
  key: 'bearing-steel-cleanliness',
  owner: 'steel.wang',
  state: 'published',
  createdDaysAgo: 62,
  deadlineInDays: 45,
  input: {
    titleZh: '高端轴承钢 GCr15 超低氧与大颗粒夹杂物控制',
    titleEn: 'Ultra-low oxygen and large-inclusion control in GCr15 bearing steel',
    summaryZh: '在现有电炉—LF—VD—连铸流程上，将 GCr15 轴承钢全氧稳定控制在 6 ppm 以下、钛控制在 15 ppm 以下，消除 DS 类大颗粒夹杂，使棒材满足风电主轴轴承和铁路货车轴承用钢要求。',
    summaryEn: 'On our existing EAF–LF–VD–continuous casting route, hold total oxygen in GCr15 bearing steel below 6 ppm and titanium below 15 ppm, and eliminate large globular (DS) inclusions, so that our bars qualify for wind-turbine main bearings and railway freight-car bearings.',
    descriptionZh: paras(
      '我公司现有 70 t 超高功率电弧炉、70 t LF 精炼炉、VD 真空脱气炉和 R12 m 五机五流大方坯连铸机，年产特殊钢棒材约 60 万吨，其中轴承钢约 12 万吨，主要供应汽车轮毂轴承和通用轴承企业。',
      '近两年，风电主轴轴承和铁路货车轴承用户对钢材洁净度提出了更高要求：全氧 ≤ 6 ppm、钛 ≤ 15 ppm，按 GB/T 10561 检验 DS 类夹杂不超过 1.0 级，超声波探伤按 GB/T 4162 达到 A 级。我公司目前全氧平均 8.5 ppm，波动范围 6–12 ppm；钛 18–25 ppm；DS 类夹杂超标率约 6%，集中出现在每个浇次的头坯和换包过渡坯。初步分析认为与 LF 白渣保持时间偏短、精炼渣碱度和 Al₂O₃ 含量波动、VD 后软吹强度、中间包覆盖剂以及长水口吸气有关，但尚未形成能够稳定复现的工艺窗口。',
      '希望揭榜方在不新增 RH 真空装置的前提下，围绕精炼渣系设计、脱氧制度、钢包和中间包耐火材料选择、保护浇注以及钛的来源控制（合金带入和渣中 TiO₂ 还原）系统攻关，给出可在现有设备上执行的工艺规程，并在我公司产线上完成不少于 20 炉的工业验证。',
      '我公司可提供近一年的冶炼过程数据和夹杂物扫描电镜统计结果，提供试验用钢、检测条件和驻厂人员的食宿，并安排炼钢厂专人配合现场试验。',
    ),
    descriptionEn: paras(
      'We run a 70 t ultra-high-power electric arc furnace, a 70 t ladle furnace, a VD vacuum degasser and a five-strand R12 m bloom caster, producing about 600,000 t of special-steel bars a year, of which some 120,000 t is bearing steel for automotive hub bearings and general-purpose bearings.',
      'Customers making wind-turbine main bearings and railway freight-car bearings now ask for cleaner steel: total oxygen ≤ 6 ppm, titanium ≤ 15 ppm, DS inclusions no worse than grade 1.0 under GB/T 10561, and ultrasonic class A under GB/T 4162. We currently average 8.5 ppm oxygen (range 6–12 ppm) and 18–25 ppm titanium, and about 6% of heats fail on DS inclusions, mostly in the first bloom of a sequence and at ladle changes. Our own analysis points to short white-slag holding in the LF, scatter in slag basicity and Al₂O₃, the soft-bubbling intensity after VD, the tundish cover flux and air pick-up at the ladle shroud — but we have not found a process window we can reproduce reliably.',
      'Without adding an RH degasser, we want a solver to work systematically through the refining slag design, deoxidation practice, ladle and tundish refractories, shrouding, and the sources of titanium (ferroalloys and reduction of TiO₂ from slag), deliver a process specification our existing plant can run, and prove it in at least 20 heats on our line.',
      'We will share a year of process data and our SEM inclusion statistics, provide trial steel, testing and accommodation for engineers on site, and assign melt-shop staff to the trials.',
    ),
    industry,
    category: 'bottleneck',
    indicators: [
      { nameZh: '全氧含量', nameEn: 'Total oxygen', target: '20 炉平均 ≤ 6，单炉 ≤ 8 / ≤ 6 averaged over 20 heats, ≤ 8 in any heat', unit: 'ppm', method: 'GB/T 11261 脉冲加热惰气熔融—红外吸收法；每炉取中间坯和尾坯各 1 个试样 / GB/T 11261 inert-gas fusion, one sample from a middle and one from the last bloom of every heat' },
      { nameZh: '钛含量', nameEn: 'Titanium', target: '≤ 15', unit: 'ppm', method: 'GB/T 20125 ICP-AES（日常可用火花光谱，仲裁以 ICP-AES 为准），每炉 2 个试样 / GB/T 20125 ICP-AES, two samples per heat' },
      { nameZh: 'DS 类夹杂物', nameEn: 'Large globular (DS) inclusions', target: '≤ 1.0 级，合格率 ≥ 98% / grade ≤ 1.0 in ≥ 98% of heats', unit: '级 (grade)', method: 'GB/T 10561 A 法（等同 ISO 4967），每炉 6 个试样，按最恶劣视场评级 / GB/T 10561 method A (ISO 4967), six specimens per heat, worst field' },
      { nameZh: '超声波探伤合格率', nameEn: 'Ultrasonic acceptance rate', target: '≥ 99.5', unit: '%', method: 'GB/T 4162 A 级，连续 20 炉全部棒材 100% 在线自动探伤统计 / GB/T 4162 class A, automatic testing of every bar from 20 consecutive heats' },
    ],
    ...eligibility(
      '具有洁净钢冶炼或轴承钢研究基础，近五年承担过相关国家或省部级项目，或有在钢厂实施的工程案例；须派工程师驻厂参与不少于 20 炉工业试验。',
      'A research record in clean steelmaking or bearing steels — national or provincial projects in the past five years, or engineering work carried out in a steel plant. The solver must have engineers on site for at least 20 trial heats.',
    ),
    enterpriseShareFen: wan(200),
    requestedSpecialFundFen: wan(100),
    durationMonths: 18,
    maxWinners: 1,
    ...IP_JOINT,
    visibility: 'public',
    domesticOnly: false,
  },
  story: [
    { day: 58, do: 'submit' },
    { day: 52, do: 'approve', note: '同意发榜，专项资金按申请额核定。' },
    {
      day: 21, do: 'clarify', by: 'owner',
      zh: '答疑汇总：1. 工业验证钢种为 GCr15（GB/T 18254），规格 Φ60–Φ120 mm 热轧棒材；2. 可提供 LF 和 VD 过程的温度、成分、吹氩流量数据（每 10 秒一条），揭榜前可申请样例数据；3. 方案可以调整钢包和中间包耐火材料，但不得新增 RH 等设备。',
      en: 'Answers to questions so far: 1. The trials are on GCr15 (GB/T 18254), hot-rolled bars Φ60–120 mm. 2. LF and VD process data (temperature, composition, argon flow, one record every 10 s) are available; sample data can be requested before applying. 3. Proposals may change ladle and tundish refractories but may not add an RH or other new plant.',
    },
  ],
};

const roundBloom: DemoChallenge = {
  key: 'round-bloom-segregation',
  owner: 'steel.wang',
  state: 'published',
  createdDaysAgo: 50,
  deadlineInDays: 75,
  input: {
    titleZh: '大规格连铸圆坯（Φ600 mm 及以上）中心偏析与缩孔控制',
    titleEn: 'Centreline segregation and shrinkage in large continuously cast rounds (Φ600 mm and above)',
    summaryZh: '我公司计划以 Φ600–Φ800 mm 连铸圆坯替代模铸钢锭生产风电法兰和大型齿轮锻件，需解决中心偏析、中心疏松和缩孔问题。本榜采用赛马制，最多支持两支团队分别从凝固末端电磁搅拌和重压下两条路线攻关。',
    summaryEn: 'We want to replace ingots with Φ600–800 mm continuously cast rounds for wind-turbine flanges and large gear forgings, which means solving centreline segregation, centre porosity and shrinkage. Up to two teams will be funded in parallel, one on final electromagnetic stirring and one on heavy soft reduction.',
    descriptionZh: paras(
      '我公司 2023 年投产一台 R16.5 m 两机两流圆坯连铸机，设计断面 Φ450–Φ800 mm，主要钢种为 42CrMo4、18CrNiMo7-6 和 S355NL。目前 Φ600 mm 断面试生产中，中心碳偏析指数为 1.15–1.25，中心疏松 2.5–3.0 级，部分炉次可见中心缩孔；下游锻造后超声波探伤不合格率约 3.5%，只能降级使用。Φ700 mm 和 Φ800 mm 断面尚未稳定生产。',
      '需要揭榜方建立该铸机的凝固传热和溶质偏析模型，结合过热度、拉速、二冷制度、结晶器及末端电磁搅拌（M-EMS/F-EMS）参数和压下位置、压下量，提出工艺方案并在线验证。两条技术路线（末端电磁搅拌优化、凝固末端重压下）各支持一支团队，中期评估后按效果确定后续资金分配。',
      '铸机设备参数、辊列曲线和电磁搅拌器参数属于我公司与设备供应商约定的保密信息，详细资料仅向接受保密条款的揭榜方开放。',
    ),
    descriptionEn: paras(
      'Our two-strand R16.5 m round caster started up in 2023, designed for Φ450–800 mm sections; the main grades are 42CrMo4, 18CrNiMo7-6 and S355NL. In trial production at Φ600 mm, the centreline carbon segregation ratio is 1.15–1.25, centre porosity is grade 2.5–3.0 and some heats show shrinkage cavities; about 3.5% of the forgings made from them fail ultrasonic testing and are downgraded. The Φ700 and Φ800 mm sections are not yet in stable production.',
      'We need a model of solidification heat transfer and solute segregation for this caster and, using superheat, casting speed, secondary cooling, mould and final electromagnetic stirring (M-EMS/F-EMS), and the position and amount of soft reduction, a process that is proven on the caster. Two routes — optimised final stirring, and heavy reduction at the end of solidification — will each be funded for one team; the split of the remaining funds follows the mid-term assessment.',
      'The caster\'s equipment data, roll layout and stirrer parameters are confidential under our agreement with the equipment supplier, so details are shown only to solvers who accept the confidentiality terms.',
    ),
    industry,
    category: 'common_key_technology',
    indicators: [
      { nameZh: '中心碳偏析指数', nameEn: 'Centreline carbon segregation ratio (C_max / C_0)', target: '≤ 1.08', unit: '比值 (ratio)', method: '沿直径每 10 mm 钻取 Φ5 mm 屑样，按 GB/T 20123 高频燃烧红外法测碳，每炉 2 块横截面试片 / drillings every 10 mm across the diameter, carbon by GB/T 20123 combustion–IR, two slices per heat' },
      { nameZh: '中心疏松', nameEn: 'Centre porosity', target: '≤ 1.0', unit: '级 (grade)', method: 'GB/T 226 热酸蚀，按 GB/T 1979 评级 / hot acid etch to GB/T 226, rated to GB/T 1979' },
      { nameZh: '中心缩孔', nameEn: 'Shrinkage cavity', target: '≤ 0.5 级，且无肉眼可见缩孔 / ≤ 0.5, none visible to the eye', unit: '级 (grade)', method: 'GB/T 1979，每炉头、中、尾坯各 1 片 / GB/T 1979, one slice from the first, a middle and the last round of each heat' },
      { nameZh: '锻件超声波探伤合格率', nameEn: 'Ultrasonic acceptance of forgings', target: '≥ 99', unit: '%', method: 'GB/T 6402 质量等级 3 级，连续 30 件风电法兰锻件 / GB/T 6402 quality class 3, 30 consecutive flange forgings' },
      { nameZh: '拉速', nameEn: 'Casting speed (Φ600 mm)', target: '≥ 0.22', unit: 'm/min', method: '铸机过程控制系统记录的试验期平均值，不得以降低拉速换取质量 / average from the caster\'s process records during the trials; quality may not be bought by slowing down' },
    ],
    ...eligibility(
      '具有连铸凝固理论研究和大断面铸坯工业应用经验；两支团队须采用不同技术路线，在揭榜方案中写明所选路线。',
      'Research in continuous-casting solidification and industrial experience with large sections. The two teams must follow different routes; each application states its route.',
    ),
    enterpriseShareFen: wan(250),
    requestedSpecialFundFen: wan(200),
    durationMonths: 24,
    maxWinners: 2,
    ...IP_JOINT,
    visibility: 'restricted',
    domesticOnly: false,
  },
  story: [
    { day: 47, do: 'submit' },
    { day: 40, do: 'approve', specialFundFen: wan(150), note: '专项资金年度预算有限，本榜按 150 万元核定（申请 200 万元），榜额相应调整为 400 万元；两支团队的资金分配在评审决定时确定。' },
    { day: 25, do: 'accept_terms', solver: 'neu' },
  ],
};

const gearSteel: DemoChallenge = {
  key: 'gear-steel-hardenability',
  owner: 'steel.wang',
  state: 'reviewing',
  createdDaysAgo: 120,
  deadlineInDays: -10,
  input: {
    titleZh: '汽车齿轮钢 20CrMnTiH 窄淬透性带稳定控制',
    titleEn: 'Narrow hardenability bands for 20CrMnTiH automotive gear steel',
    summaryZh: '主要用户自下一供货年度起要求端淬 J9 硬度炉间波动不超过 4 HRC，我公司目前为 6–7 HRC。需在半年内建立成分窄控与淬透性预测方法，并完成批量验证。',
    summaryEn: 'Our main gearbox customer will require the J9 end-quench hardness to vary by no more than 4 HRC between heats from the next supply year; we are at 6–7 HRC. We need tight composition control and a hardenability prediction method within six months, proven in production.',
    descriptionZh: paras(
      '我公司为多家商用车变速箱企业供应 20CrMnTiH 齿轮钢，年供货约 8 万吨。齿轮渗碳淬火后的畸变与钢材淬透性波动直接相关，主要用户已通知，自下一供货年度起端淬 J9 硬度要求由“30–42 HRC”收窄为同炉波动 ≤ 3 HRC、炉间波动 ≤ 4 HRC，达不到将削减订单份额。',
      '目前我公司 J9 炉间波动为 6–7 HRC。问题主要在于：C、Mn、Cr、Ti 的成分命中率不够（尤其是 LF 后期合金微调）、钢中氮和钛的比例不稳定、端淬试验本身的制样和测试误差。我们希望揭榜方建立基于成分的淬透性预测模型，嵌入 LF 合金化操作，实现“按淬透性目标”微调成分，并同时梳理端淬试验的误差来源。',
      '需求紧迫，要求 6 个月内完成模型和不少于 30 炉的批量验证。',
    ),
    descriptionEn: paras(
      'We supply about 80,000 t a year of 20CrMnTiH gear steel to several commercial-vehicle gearbox makers. Distortion of carburised gears follows the scatter in hardenability, and our main customer has told us that from the next supply year the J9 end-quench hardness, now specified as 30–42 HRC, must vary by no more than 3 HRC within a heat and 4 HRC between heats — or our share of the orders will shrink.',
      'Our heat-to-heat spread at J9 is 6–7 HRC today. The causes are composition hits for C, Mn, Cr and Ti that are not tight enough (especially in the final alloy trims in the LF), an unstable nitrogen-to-titanium ratio, and the error of the end-quench test itself. We want a composition-based hardenability model built into the LF alloying practice so that trims aim at a hardenability target, and a review of where the end-quench test\'s error comes from.',
      'This is urgent: the model and a production trial of at least 30 heats are needed within six months.',
    ),
    industry,
    category: 'urgent_need',
    indicators: [
      { nameZh: '端淬 J9 硬度炉间波动', nameEn: 'Heat-to-heat J9 hardness spread', target: '≤ 4', unit: 'HRC', method: 'GB/T 225 末端淬火试验（等同 ISO 642），硬度按 GB/T 230.1 测定，连续 30 炉 / GB/T 225 (ISO 642) Jominy test, hardness to GB/T 230.1, 30 consecutive heats' },
      { nameZh: '端淬 J9 硬度同炉波动', nameEn: 'Within-heat J9 hardness spread', target: '≤ 3', unit: 'HRC', method: '同上，每炉头、中、尾坯各 1 个试样 / as above, one specimen from the first, a middle and the last bloom of each heat' },
      { nameZh: '淬透性预测误差', nameEn: 'Hardenability prediction error', target: '95% 样本在 ±2 以内 / within ±2 for 95% of heats', unit: 'HRC', method: '模型预测值与实测 J9 比较：不少于 100 炉历史数据建模，30 炉验证 / predicted against measured J9, built on at least 100 past heats, checked on 30 new ones' },
      { nameZh: '吨钢合金成本增加', nameEn: 'Added alloy cost', target: '≤ 30', unit: '元/吨 (CNY/t)', method: '按试验期合金实际消耗与基准期对比核算 / actual ferroalloy use in the trial period compared with the baseline period' },
    ],
    ...eligibility(
      '具有合金钢成分设计或淬透性建模经验；须在 6 个月内完成全部工作，揭榜方案应附详细进度计划。',
      'Experience in alloy design or hardenability modelling. All work must be finished within six months; the application must include a detailed schedule.',
    ),
    enterpriseShareFen: wan(80),
    requestedSpecialFundFen: wan(40),
    durationMonths: 6,
    maxWinners: 1,
    ...IP_OWNER,
    visibility: 'public',
    domesticOnly: false,
  },
  story: [
    { day: 117, do: 'submit' },
    { day: 110, do: 'approve', note: '属紧迫需求，同意发榜。' },
  ],
};

const chiefMetallurgist: DemoChallenge = {
  key: 'chief-metallurgist-clean-steel',
  owner: 'steel.wang',
  state: 'published',
  createdDaysAgo: 35,
  deadlineInDays: 100,
  input: {
    titleZh: '特殊钢洁净冶炼首席工程师（团队）引进',
    titleEn: 'Chief engineer (or team) for clean special-steel making',
    summaryZh: '面向国内外引进在洁净钢冶炼、炉外精炼和连铸方面有系统工程经验的首席工程师或团队，全职或柔性到我公司工作，牵头组建研发中心冶炼研究室，带动轴承钢、齿轮钢质量提升。',
    summaryEn: 'We are looking — in China or abroad — for a chief engineer or small team with hands-on experience in clean steelmaking, secondary refining and continuous casting, to join us full-time or part-time, set up the steelmaking laboratory of our R&D centre and lead quality improvements in bearing and gear steels.',
    descriptionZh: paras(
      '我公司是井陉矿区特殊钢骨干企业，拥有省级企业技术中心，产品以轴承钢、齿轮钢、弹簧钢和合金结构钢棒材为主。随着下游向风电、轨道交通和新能源汽车转型，用户对钢材洁净度和均匀性的要求快速提高，而我公司冶炼工艺研究力量薄弱，多依赖外部专家临时指导。',
      '本榜榜额作为引进人才（团队）在我公司开展研究的科研经费，分三年按考核节点拨付；薪酬、住房和子女入学等待遇另行协商，并可叠加申报区级人才引进支持政策（对带项目来区实施成果转化的高层次人才给予 30 万至 50 万元科研经费支持）。',
      '引进人才将担任研发中心冶炼研究室负责人，配备 6 名工程师和中试条件，负责制定洁净钢工艺路线、主导新钢种开发并培养技术骨干。',
    ),
    descriptionEn: paras(
      'We are one of the leading special-steel makers in Jingxing Mining District, with a provincial enterprise technology centre; our products are bars of bearing, gear, spring and alloy structural steels. As our customers move into wind power, rail transit and electric vehicles, they ask for ever cleaner and more uniform steel, while our own process research is thin and leans on outside experts brought in case by case.',
      'The bounty is research funding for the recruited engineer or team, paid over three years against milestones. Salary, housing and schooling for children are negotiated separately, and the district\'s talent scheme can add CNY 300,000–500,000 of research funding for high-level talent who bring projects to the district.',
      'The recruit will head the steelmaking laboratory of our R&D centre, with six engineers and pilot facilities, set the process route for clean steel, lead the development of new grades and train our technical staff.',
    ),
    industry,
    category: 'talent',
    indicators: [
      { nameZh: '在企业工作时间', nameEn: 'Time with the company', target: '全职；或柔性引进每年不少于 6 个月 / full-time, or at least 6 months a year', unit: '月/年 (months/year)', method: '以劳动合同或柔性引进协议及考勤记录为准 / employment contract or part-time agreement, and attendance records' },
      { nameZh: '新产品开发', nameEn: 'New grades qualified', target: '≥ 2 个钢种通过下游用户认证 / ≥ 2 grades qualified by customers', unit: '个 (grades)', method: '以用户出具的认证报告或供货资格文件为准 / customers\' qualification reports or approved-supplier documents' },
      { nameZh: '人才培养', nameEn: 'Engineers trained', target: '≥ 6 名，其中 ≥ 2 名取得高级工程师资格 / ≥ 6, of whom ≥ 2 qualify as senior engineers', unit: '人 (people)', method: '以培养计划和职称证书为准 / training plan and professional-title certificates' },
      { nameZh: '发明专利申请', nameEn: 'Invention patent filings', target: '≥ 3', unit: '件 (filings)', method: '以国家知识产权局受理通知书为准 / CNIPA filing receipts' },
    ],
    ...eligibility(
      '具有博士学位或正高级职称，在钢铁企业或研究机构从事冶炼或连铸工艺工作 10 年以上，主持过洁净钢或特殊钢品种开发并实现工业化；不限国籍。团队揭榜的，由负责人代表团队申请。',
      'A doctorate or a full senior professional title, and at least ten years in steelmaking or casting process work at a steel company or research institute, including industrial development of clean or special steel grades. Any nationality. A team applies through its leader.',
    ),
    enterpriseShareFen: wan(50),
    requestedSpecialFundFen: wan(30),
    durationMonths: 36,
    maxWinners: 1,
    ...IP_TALENT,
    visibility: 'public',
    domesticOnly: false,
  },
  story: [
    { day: 33, do: 'submit' },
    { day: 28, do: 'approve', note: '符合区人才引进政策方向，同意发榜。' },
  ],
};

const eafDustDesc = {
  zh: paras(
    '我公司电弧炉除尘系统每年收集除尘灰约 1.2 万吨，含锌 18%–25%、全铁 25%–30%，属于危险废物（HW23），目前委托有资质单位处置，处置费约 1800 元/吨，且运输、贮存环节环保压力大。',
    '我们希望引进已完成中试的除尘灰资源化技术（回转窑、转底炉或湿法工艺均可），在厂内建设年处理 1.5 万吨的示范线，产出次氧化锌外售，铁料返回电炉或烧结使用。发榜单位负责投资建设，揭榜方提供工艺包、关键设备选型、工程设计支持和调试指导。',
  ),
  en: paras(
    'Our EAF fume-extraction system collects about 12,000 t of dust a year, with 18–25% zinc and 25–30% iron. It is hazardous waste (HW23) and goes to a licensed disposal company at about CNY 1,800 per tonne, with real environmental pressure in transport and storage.',
    'We want to take up a recovery process already proven at pilot scale — rotary kiln, rotary hearth or hydrometallurgical — and build a 15,000 t/a demonstration line on site, selling the crude zinc oxide and returning the iron to the EAF or the sinter plant. We invest in and build the line; the solver provides the process package, selection of key equipment, engineering support and commissioning.',
  ),
};

const eafDust: DemoChallenge = {
  key: 'eaf-dust-zinc-recovery',
  owner: 'steel.zhao',
  state: 'draft',
  createdDaysAgo: 22,
  deadlineInDays: 60,
  input: {
    titleZh: '电弧炉除尘灰中锌、铁资源化回收技术成果转化',
    titleEn: 'Technology transfer: recovering zinc and iron from EAF dust',
    summaryZh: '我公司每年产生电炉除尘灰约 1.2 万吨（含锌 18%–25%），目前委托处置。寻求已完成中试的回收技术，在厂内建设年处理 1.5 万吨的示范线，产出次氧化锌和可回用的铁料。',
    summaryEn: 'We generate about 12,000 t of EAF dust a year (18–25% zinc), currently sent for disposal. We seek a recovery process proven at pilot scale to build a 15,000 t/a demonstration line on site, producing crude zinc oxide and iron we can reuse.',
    descriptionZh: eafDustDesc.zh,
    descriptionEn: eafDustDesc.en,
    industry,
    category: 'tech_transfer',
    indicators: [
      { nameZh: '锌回收率', nameEn: 'Zinc recovery', target: '≥ 92', unit: '%', method: '按入炉除尘灰与产出次氧化锌的锌量平衡计算，连续 72 h 考核，锌以 EDTA 滴定法测定 / zinc balance between dust fed and crude ZnO produced over 72 h, zinc by EDTA titration' },
      { nameZh: '次氧化锌品位（以 Zn 计）', nameEn: 'Crude zinc oxide grade (as Zn)', target: '≥ 55', unit: '%', method: 'EDTA 滴定法，每班取样一次 / EDTA titration, one sample per shift' },
      { nameZh: '铁料金属化率', nameEn: 'Metallisation of the iron product', target: '≥ 85', unit: '%', method: '三氯化铁分解—重铬酸钾滴定法测金属铁和全铁，金属化率 = MFe/TFe / metallic and total iron by FeCl₃ leach and dichromate titration; MFe/TFe' },
      { nameZh: '颗粒物排放浓度', nameEn: 'Particulate emissions', target: '≤ 10', unit: 'mg/m³', method: 'HJ 836 低浓度颗粒物重量法，第三方监测 / HJ 836 gravimetric method, third-party monitoring' },
    ],
    ...eligibility(
      '拟转化技术须拥有自主知识产权。',
      'The technology must be the solver\'s own intellectual property.',
    ),
    enterpriseShareFen: wan(100),
    requestedSpecialFundFen: wan(50),
    durationMonths: 18,
    maxWinners: 1,
    ...IP_TRANSFER,
    visibility: 'public',
    domesticOnly: false,
  },
  story: [
    { day: 19, do: 'submit' },
    {
      day: 14, do: 'return',
      reasons: '1. 指标“铁料金属化率”未说明铁料的回用途径（返回电炉还是烧结），请补充回用途径及对应的成分要求；2. 成果转化类榜单须写明对拟转化成果成熟度的要求（中试规模、连续运行时长），请在揭榜条件中补充；3. 项目涉及危险废物利用，请说明环评手续和危险废物经营许可证由哪一方办理，并写明工艺包的交付范围。企业自筹与专项资金比例合理，无需调整。',
    },
  ],
};

const springSteel: DemoChallenge = {
  key: 'spring-steel-decarburisation',
  owner: 'steel.wang',
  state: 'pending_review',
  createdDaysAgo: 8,
  deadlineInDays: 70,
  input: {
    titleZh: '高应力悬架弹簧钢 55SiCr 脱碳层与疲劳寿命控制',
    titleEn: 'Decarburisation and fatigue life of 55SiCr high-stress suspension spring steel',
    summaryZh: '55SiCr 弹簧钢盘条及用户淬回火后的脱碳层偏深，导致 2000 MPa 级悬架弹簧疲劳寿命不稳定。需从加热制度、控轧控冷到用户热处理全流程提出控制方案。',
    summaryEn: 'Decarburisation in our 55SiCr spring-steel wire rod, and after the customer\'s quench and temper, is too deep, so the fatigue life of 2,000 MPa suspension springs is erratic. We need a control scheme covering reheating, controlled rolling and cooling, and the customer\'s heat treatment.',
    descriptionZh: paras(
      '我公司高速线材生产线年产弹簧钢盘条约 5 万吨，规格 Φ10–Φ16 mm，主要用于乘用车悬架弹簧。55SiCr 硅含量高，在加热炉内和轧后冷却过程中极易脱碳；用户冷卷后感应加热淬火回火，再次脱碳。目前成品弹簧表面总脱碳层 0.10–0.18 mm，疲劳试验中约 15% 的试样在 30 万次前断裂，断口多起源于表层脱碳区。',
      '希望揭榜方对加热炉气氛和温度曲线、除鳞、控轧控冷参数以及用户热处理工艺进行全流程分析，提出可执行的工艺控制方案，并联合下游用户完成成品弹簧疲劳验证。',
    ),
    descriptionEn: paras(
      'Our high-speed wire-rod mill makes about 50,000 t a year of spring-steel rod, Φ10–16 mm, mostly for passenger-car suspension springs. With its high silicon content, 55SiCr decarburises easily in the reheating furnace and during cooling after rolling, and again when the customer induction-hardens and tempers the cold-coiled springs. Finished springs show 0.10–0.18 mm of total decarburisation, and about 15% of fatigue specimens break before 300,000 cycles, most from the decarburised surface layer.',
      'We want a solver to analyse the whole route — furnace atmosphere and heating curve, descaling, controlled rolling and cooling, and the customer\'s heat treatment — propose process controls we can run, and prove them with fatigue tests on finished springs together with our customer.',
    ),
    industry,
    category: 'bottleneck',
    indicators: [
      { nameZh: '总脱碳层深度', nameEn: 'Total decarburisation depth', target: '≤ 1.0% d，且无铁素体全脱碳层 / ≤ 1.0% of d, no fully decarburised ferrite layer', unit: '% d（盘条直径 / rod diameter）', method: 'GB/T 224 金相法（等同 ISO 3887），每批 3 个试样 / GB/T 224 (ISO 3887) metallographic method, three specimens per lot' },
      { nameZh: '淬回火后抗拉强度', nameEn: 'Tensile strength after quench and temper', target: '≥ 1980', unit: 'MPa', method: 'GB/T 228.1-2021 方法 A，每批 3 个试样 / GB/T 228.1-2021 method A, three specimens per lot' },
      { nameZh: '弹簧疲劳寿命', nameEn: 'Spring fatigue life', target: '≥ 5 × 10⁵ 次无断裂（τmax 1100 MPa，τmin 300 MPa） / ≥ 5 × 10⁵ cycles without fracture (τmax 1,100 MPa, τmin 300 MPa)', unit: '次 (cycles)', method: 'GB/T 16947 螺旋弹簧疲劳试验，用户成品弹簧 8 件 / GB/T 16947 helical-spring fatigue test, eight finished springs' },
      { nameZh: '表面缺陷深度', nameEn: 'Surface defect depth', target: '≤ 0.07', unit: 'mm', method: '在线涡流探伤，横截面金相抽检 / on-line eddy-current testing, cross-section metallography on samples' },
    ],
    ...eligibility(
      '具有弹簧钢或线材控轧控冷研究经验，能够与下游弹簧企业联合开展疲劳验证。',
      'Experience in spring steels or controlled rolling and cooling of wire rod, and the ability to run fatigue tests together with a spring maker.',
    ),
    enterpriseShareFen: wan(120),
    requestedSpecialFundFen: wan(60),
    durationMonths: 12,
    maxWinners: 1,
    ...IP_JOINT,
    visibility: 'public',
    domesticOnly: false,
  },
  story: [{ day: 3, do: 'submit' }],
};

const eafPower: DemoChallenge = {
  key: 'eaf-scrap-preheating-power',
  owner: 'steel.zhao',
  state: 'draft',
  createdDaysAgo: 4,
  deadlineInDays: 90,
  input: {
    titleZh: '电弧炉废钢预热与智能供电降耗技术',
    titleEn: 'Scrap preheating and intelligent power control to cut EAF electricity use',
    summaryZh: '将 70 t 电弧炉冶炼电耗由 410 kWh/t 降至 350 kWh/t 以下，冶炼周期缩短至 42 min 以内，同时满足超低排放要求。',
    summaryEn: 'Bring the electricity use of our 70 t EAF down from 410 to below 350 kWh per tonne and the tap-to-tap time below 42 minutes, while meeting ultra-low emission limits.',
    descriptionZh: paras(
      '我公司 70 t 超高功率电弧炉采用料篮顶装、两次加料，废钢比 85%、铁水比 15%，目前冶炼电耗约 410 kWh/t，冶炼周期 50 min。电费占炼钢加工成本的 40% 以上，“双碳”目标下降低电耗是最直接的手段。',
      '希望揭榜方评估在现有炉体和厂房条件下实施废钢预热（竖井式或连续加料式）的可行性，并开发基于电弧状态、泡沫渣和化学能输入的智能供电模型，给出改造方案和控制系统，在我公司电炉上完成一个月以上的工业运行考核。',
    ),
    descriptionEn: paras(
      'Our 70 t UHP arc furnace is charged from the top in two baskets, with 85% scrap and 15% hot metal. It uses about 410 kWh per tonne and taps every 50 minutes. Electricity is over 40% of our steelmaking conversion cost, and under China\'s carbon goals cutting it is the most direct lever we have.',
      'We want a solver to assess whether scrap preheating (shaft or continuous charging) can be fitted to our existing furnace and building, and to develop intelligent power control based on arc condition, foaming slag and chemical energy input — delivering the retrofit design and control system, and a full month of industrial operation on our furnace as the test.',
    ),
    industry,
    category: 'common_key_technology',
    indicators: [
      { nameZh: '冶炼电耗', nameEn: 'Electricity consumption', target: '≤ 350', unit: 'kWh/t', method: '按出钢量计，连续 1 个月生产数据，关口电能表计量 / per tonne tapped, one month of production, revenue-grade meters' },
      { nameZh: '冶炼周期', nameEn: 'Tap-to-tap time', target: '≤ 42', unit: 'min', method: '生产管理系统记录，1 个月平均 / production system records, one-month average' },
      { nameZh: '电极消耗', nameEn: 'Electrode consumption', target: '≤ 1.2', unit: 'kg/t', method: '按月盘点 / monthly stocktaking' },
      { nameZh: '颗粒物排放浓度', nameEn: 'Particulate emissions', target: '≤ 10', unit: 'mg/m³', method: 'HJ 836 重量法及在线监测 / HJ 836 gravimetric method and continuous monitoring' },
    ],
    ...eligibility(
      '具有电弧炉节能改造或供电控制系统的工程业绩。',
      'Engineering references in EAF energy-saving retrofits or power control systems.',
    ),
    enterpriseShareFen: wan(220),
    requestedSpecialFundFen: wan(130),
    durationMonths: 24,
    maxWinners: 1,
    ...IP_JOINT,
    visibility: 'public',
    domesticOnly: false,
  },
  story: [],
};

const mouldCoating: DemoChallenge = {
  key: 'mould-copper-plate-coating',
  owner: 'steel.zhao',
  state: 'cancelled',
  createdDaysAgo: 18,
  deadlineInDays: 40,
  input: {
    titleZh: '大方坯连铸结晶器铜板镀层寿命提升',
    titleEn: 'Longer coating life for bloom-caster mould copper plates',
    summaryZh: '结晶器铜板 Ni-Co 镀层目前平均通钢约 800 炉即需下线修复，希望提升至 1500 炉以上，减少停机和修复费用。',
    summaryEn: 'The Ni-Co coating on our bloom moulds lasts about 800 heats before the plates must be refurbished; we want more than 1,500 heats, to cut downtime and repair costs.',
    descriptionZh: paras(
      '我公司大方坯连铸机结晶器铜板采用电镀 Ni-Co 合金镀层，下口部位磨损和热裂纹是下线的主要原因，平均通钢约 800 炉，每次修复费用约 6 万元并需停机更换。',
      '希望揭榜方提出新的镀层或熔覆方案（如梯度镀层、激光熔覆合金层），在不影响传热和铸坯质量的前提下将寿命提高到 1500 炉以上。',
    ),
    descriptionEn: paras(
      'The copper plates of our bloom-caster moulds carry an electroplated Ni-Co coating. Wear and thermal cracking at the bottom of the mould are what take them out of service, on average after about 800 heats; each refurbishment costs about CNY 60,000 plus a stop for the change.',
      'We want a new coating or cladding — a graded plating, a laser-clad alloy layer or similar — that lasts more than 1,500 heats without hurting heat transfer or bloom quality.',
    ),
    industry,
    category: 'urgent_need',
    indicators: [
      { nameZh: '镀层通钢量', nameEn: 'Coating life', target: '≥ 1500', unit: '炉 (heats)', method: '以连铸生产记录为准，连续 2 套结晶器 / caster production records, two consecutive mould sets' },
      { nameZh: '镀层硬度', nameEn: 'Coating hardness', target: '≥ 300', unit: 'HV', method: 'GB/T 4340.1 维氏硬度（等同 ISO 6507-1） / GB/T 4340.1 (ISO 6507-1) Vickers test' },
      { nameZh: '下口磨损量', nameEn: 'Wear at the mould exit', target: '≤ 0.5（1500 炉后） / ≤ 0.5 after 1,500 heats', unit: 'mm', method: '下线后测厚 / thickness measured after removal' },
    ],
    ...eligibility('具有结晶器铜板表面处理工程业绩。', 'Engineering references in surface treatment of mould copper plates.'),
    enterpriseShareFen: wan(40),
    requestedSpecialFundFen: wan(20),
    durationMonths: 9,
    maxWinners: 1,
    ...IP_OWNER,
    visibility: 'public',
    domesticOnly: false,
  },
  story: [
    { day: 16, do: 'submit' },
    { day: 10, do: 'cancel', by: 'owner', reason: '经与结晶器供应商协商，对方已按质保条款改用新型镀层并承诺使用寿命，本需求不再发榜，撤回申请。' },
  ],
};

// ---- 井陉矿区恒信特种合金有限公司 ------------------------------------------------------------------

const superalloyFreckles: DemoChallenge = {
  key: 'superalloy-triple-melt-freckles',
  owner: 'hengxin',
  state: 'published',
  createdDaysAgo: 90,
  deadlineInDays: 20,
  input: {
    titleZh: 'GH4169 大规格棒材三联冶炼（VIM + ESR + VAR）黑斑与白斑控制',
    titleEn: 'Freckles and white spots in large GH4169 (Alloy 718) billets made by VIM + ESR + VAR triple melting',
    summaryZh: '我公司 Φ508 mm 及以上 GH4169 真空自耗锭存在黑斑和离散型白斑，Φ250 mm 以上棒材低倍检验报废率偏高。需建立重熔过程控制模型和工艺规范，使大规格锭型稳定满足燃气轮机和航空用户标准。',
    summaryEn: 'Our GH4169 VAR ingots of Φ508 mm and above show freckles and discrete white spots, so too many billets over Φ250 mm are scrapped at macro-etch inspection. We need a remelting control model and process specification that let the large ingots meet gas-turbine and aerospace customers\' standards reliably.',
    descriptionZh: paras(
      '我公司拥有 6 t 真空感应炉、8 t 保护气氛电渣炉和 10 t 真空自耗炉各一台，年产高温合金约 2000 吨，主要牌号为 GH4169、GH4738 和 GH3625。用户对盘件用 GH4169 棒材的规格需求正从 Φ200 mm 扩大到 Φ250–Φ300 mm，对应自耗锭需由 Φ440 mm 增大到 Φ508 mm 和 Φ610 mm。',
      '目前 Φ508 mm 锭型黑斑发生率约 8%，Φ610 mm 试制锭均出现不同程度的黑斑；离散型白斑偶发，来源判断为电渣锭表面或自耗电极掉块。我们认为问题与熔速控制精度、电弧分布、坩埚冷却（氦气冷却）以及电渣锭质量有关，但缺乏可靠的熔池形貌和凝固模型支撑工艺优化。',
      '希望揭榜方建立 ESR 和 VAR 重熔过程的多物理场模型，结合我公司设备数据提出熔速、电流、氦冷和电弧控制的工艺窗口，并在我公司设备上完成不少于 10 支 Φ508 mm 锭的工业验证。工艺参数涉及下游用户的保密要求，详细资料仅向接受保密条款的揭榜方开放。',
    ),
    descriptionEn: paras(
      'We run a 6 t vacuum induction furnace, an 8 t protective-atmosphere ESR furnace and a 10 t VAR furnace, making about 2,000 t of superalloys a year, mainly GH4169, GH4738 and GH3625. Customers for disc-grade GH4169 billet are moving from Φ200 mm to Φ250–300 mm, which takes our VAR ingots from Φ440 mm to Φ508 and Φ610 mm.',
      'About 8% of Φ508 mm ingots show freckles today, and every Φ610 mm trial ingot has had some. Discrete white spots occur occasionally; we believe they come from the ESR ingot surface or from pieces falling off the electrode. We think melt-rate control, arc distribution, crucible (helium) cooling and the quality of the ESR ingot are involved, but we lack a reliable model of pool shape and solidification to guide the process.',
      'We want a solver to build multiphysics models of the ESR and VAR remelting steps, use our plant data to set a process window for melt rate, current, helium cooling and arc control, and prove it on at least ten Φ508 mm ingots in our plant. Process parameters fall under our customers\' confidentiality requirements, so details are shown only to solvers who accept the confidentiality terms.',
    ),
    industry,
    category: 'bottleneck',
    indicators: [
      { nameZh: '黑斑', nameEn: 'Freckles', target: '0（连续 10 支 Φ508 mm 锭） / none in 10 consecutive Φ508 mm ingots', unit: '支 (ingots)', method: 'GB/T 14999.1 纵向低倍酸浸检验，每锭头、中、尾各取 1 片 / GB/T 14999.1 longitudinal macro-etch, one slice each from top, middle and bottom of every ingot' },
      { nameZh: '白斑', nameEn: 'White spots', target: '无离散型白斑；条带型白斑 ≤ 1 级 / no discrete white spots; banded ≤ grade 1', unit: '级 (grade)', method: '同上，按用户技术条件评级 / as above, rated to the customer\'s specification' },
      { nameZh: '持久寿命（650 ℃、690 MPa）', nameEn: 'Stress-rupture life (650 °C, 690 MPa)', target: '≥ 25', unit: 'h', method: 'GB/T 2039（参照 ASTM E139），每锭 2 个试样 / GB/T 2039 (cf. ASTM E139), two specimens per ingot' },
      { nameZh: '棒材晶粒度', nameEn: 'Billet grain size', target: '≥ 6（R/2 处） / ≥ 6 at mid-radius', unit: 'ASTM 级 (ASTM No.)', method: 'GB/T 6394 / ASTM E112 比较法 / GB/T 6394 / ASTM E112 comparison method' },
      { nameZh: 'VAR 熔速波动', nameEn: 'VAR melt-rate variation', target: '≤ ±2', unit: '%', method: '控制系统记录，稳态阶段 1 min 滑动平均相对设定值 / control-system records, one-minute moving average against set point in steady state' },
    ],
    ...eligibility(
      '具有高温合金重熔（ESR/VAR）数值模拟和工程应用经验，近五年有相关论文或工程案例。',
      'Experience in numerical modelling and industrial practice of superalloy remelting (ESR/VAR), with papers or engineering work in the past five years.',
    ),
    enterpriseShareFen: wan(300),
    requestedSpecialFundFen: wan(200),
    durationMonths: 24,
    maxWinners: 1,
    ...IP_JOINT,
    visibility: 'restricted',
    domesticOnly: false,
  },
  story: [
    { day: 85, do: 'submit' },
    { day: 78, do: 'approve', note: '属本年度重点榜单，专项资金按申请额核定。' },
    {
      day: 40, do: 'clarify', by: 'owner',
      zh: '答疑：1. 工业验证锭型为 Φ508 mm，Φ610 mm 为选做；2. 揭榜方可在签约后获取近两年 VAR 熔炼曲线（熔速、电流、电压、氦气流量）和对应低倍检验结果；3. 验证用电渣锭由我公司提供，电渣工艺可一并优化。',
      en: 'Answers: 1. The trials are on Φ508 mm ingots; Φ610 mm is optional. 2. After signing, the solver gets two years of VAR melt records (melt rate, current, voltage, helium flow) with the matching macro-etch results. 3. We supply the ESR ingots for the trials; the ESR practice may be optimised as well.',
    },
    { day: 30, do: 'accept_terms', solver: 'imr' },
    {
      day: 12, do: 'extend', toDays: 50,
      zh: '应多家揭榜单位申请，考虑到方案需结合样品分析，经研究，本榜揭榜截止时间延长 30 天。',
      en: 'At the request of several applicants, who need to analyse samples for their proposals, the deadline is extended by 30 days.',
    },
  ],
};

const nickelExtrusion: DemoChallenge = {
  key: 'nickel-alloy-tube-extrusion',
  owner: 'hengxin',
  state: 'published',
  createdDaysAgo: 45,
  deadlineInDays: 60,
  input: {
    titleZh: '镍基耐蚀合金 N06625 / N08825 无缝管热挤压开裂控制',
    titleEn: 'Preventing cracks in hot extrusion of N06625 and N08825 nickel-alloy seamless tube',
    summaryZh: '我公司热挤压 N06625、N08825 荒管内外表面开裂，成材率仅 68%。需确定热加工窗口和挤压工艺，使成材率提高到 80% 以上。',
    summaryEn: 'Our hot-extruded N06625 and N08825 tube hollows crack on the inside and outside surfaces, and only 68% of the metal becomes finished tube. We need a hot-working window and extrusion practice that lift the yield above 80%.',
    descriptionZh: paras(
      '我公司 3600 t 卧式挤压机主要生产油气、化工用镍基耐蚀合金无缝管。N06625 和 N08825 热加工温度窗口窄、变形抗力大，目前荒管开裂率约 9%，以内表面纵向裂纹和尾端外表面横向裂纹为主，经修磨和切除后成材率约 68%。',
      '希望揭榜方通过热模拟试验建立两种合金的热加工图，结合有限元模拟优化坯料感应加热制度、玻璃润滑剂、挤压比和挤压速度，并在我公司挤压机上完成不少于 100 支的工业验证。',
    ),
    descriptionEn: paras(
      'Our 3,600 t horizontal extrusion press makes seamless nickel-alloy tube for oil, gas and chemical plants. N06625 and N08825 have narrow hot-working windows and high flow stress; about 9% of hollows crack — mostly longitudinal cracks on the bore and transverse cracks on the outside of the tail — and after dressing and cropping only 68% of the metal becomes finished tube.',
      'We want processing maps for both alloys from hot-deformation tests and, with finite-element simulation, an optimised billet induction-heating schedule, glass lubricant, extrusion ratio and ram speed — proven on at least 100 hollows on our press.',
    ),
    industry,
    category: 'common_key_technology',
    indicators: [
      { nameZh: '荒管开裂率', nameEn: 'Cracked hollows', target: '≤ 2', unit: '%', method: 'GB/T 18851.1 渗透检测（等同 ISO 3452-1）逐支检验，连续 100 支 / GB/T 18851.1 (ISO 3452-1) penetrant testing of every hollow, 100 in a row' },
      { nameZh: '成材率', nameEn: 'Yield', target: '≥ 80', unit: '%', method: '坯料到成品管重量比，连续 3 批 / finished tube over billet weight, three consecutive lots' },
      { nameZh: '室温抗拉强度（N06625 退火态）', nameEn: 'Tensile strength (N06625, annealed)', target: '≥ 827', unit: 'MPa', method: 'ASTM E8/E8M（或 GB/T 228.1-2021），每批 2 个试样 / ASTM E8/E8M (or GB/T 228.1-2021), two specimens per lot' },
      { nameZh: '晶粒度', nameEn: 'Grain size', target: '5 级或更细 / 5 or finer', unit: 'ASTM 级 (ASTM No.)', method: 'ASTM E112 / ASTM E112' },
    ],
    ...eligibility(
      '具有镍基合金热加工图研究或管材挤压工程经验，具备 Gleeble 或同类热模拟试验条件。',
      'Experience with processing maps for nickel alloys or with tube extrusion, and access to a Gleeble or similar hot-deformation simulator.',
    ),
    enterpriseShareFen: wan(160),
    requestedSpecialFundFen: wan(80),
    durationMonths: 18,
    maxWinners: 1,
    ...IP_JOINT,
    visibility: 'public',
    domesticOnly: false,
  },
  story: [
    { day: 44, do: 'submit' },
    { day: 38, do: 'approve' },
  ],
};

const invarStrip: DemoChallenge = {
  key: 'invar-strip-transfer',
  owner: 'hengxin',
  state: 'notice',
  createdDaysAgo: 140,
  deadlineInDays: -40,
  input: {
    titleZh: '低膨胀精密合金 4J36 冷轧薄带制备技术成果转化',
    titleEn: 'Technology transfer: cold-rolled thin strip of 4J36 (Invar 36) low-expansion alloy',
    summaryZh: '寻求 4J36 因瓦合金 0.1–0.7 mm 冷轧薄带的成熟制备技术，用于 LNG 储运薄膜和精密仪器结构件，在我公司现有冷轧线上实现批量生产。',
    summaryEn: 'We seek proven technology for 0.1–0.7 mm cold-rolled 4J36 (Invar 36) strip, for LNG containment membranes and precision instrument parts, to be produced in volume on our existing cold-rolling line.',
    descriptionZh: paras(
      '我公司已具备 4J36 合金的真空冶炼和热轧能力，并有一条四辊可逆冷轧机组和连续光亮退火线，但薄规格带材的板形、厚度精度和表面质量达不到 LNG 薄膜用户要求，线膨胀系数批次间波动也较大。',
      '希望引进已在其他单位实现批量生产的冷轧、中间退火和成品退火工艺技术，包括轧制规程、张力制度、退火气氛和温度控制，由揭榜方派员指导调试，直到连续 3 批产品满足指标。',
    ),
    descriptionEn: paras(
      'We already melt 4J36 under vacuum and hot-roll it, and we have a four-high reversing cold mill and a continuous bright-annealing line. But thin strip does not meet the LNG membrane customers\' requirements for flatness, thickness accuracy and surface, and the thermal expansion varies too much between lots.',
      'We want to take up cold-rolling, intermediate and final annealing practice already in volume production elsewhere — rolling schedules, tension, annealing atmosphere and temperature control — with the solver\'s engineers commissioning it on our line until three consecutive lots meet the targets.',
    ),
    industry,
    category: 'tech_transfer',
    indicators: [
      { nameZh: '平均线膨胀系数（20–100 ℃）', nameEn: 'Mean coefficient of thermal expansion (20–100 °C)', target: '≤ 1.5', unit: '10⁻⁶/K', method: 'GB/T 4339 顶杆法，每卷 2 个试样 / GB/T 4339 push-rod dilatometry, two specimens per coil' },
      { nameZh: '厚度公差（0.1 mm 带材）', nameEn: 'Thickness tolerance (0.1 mm strip)', target: '± 0.005', unit: 'mm', method: '在线测厚仪全长记录，千分尺抽检 / on-line gauge over the full length, micrometer checks' },
      { nameZh: '表面粗糙度 Ra', nameEn: 'Surface roughness Ra', target: '≤ 0.2', unit: 'μm', method: 'GB/T 10610 触针法（参照 ISO 21920） / GB/T 10610 stylus method (cf. ISO 21920)' },
      { nameZh: '成材率', nameEn: 'Yield', target: '≥ 75', unit: '%', method: '热轧卷到成品带重量比，连续 3 批 / finished strip over hot-rolled coil weight, three consecutive lots' },
    ],
    ...eligibility(
      '拟转化技术须已实现批量生产（提供用户证明），并拥有自主知识产权。',
      'The technology must already be in volume production (with customer references) and be the solver\'s own intellectual property.',
    ),
    enterpriseShareFen: wan(60),
    requestedSpecialFundFen: wan(30),
    durationMonths: 12,
    maxWinners: 1,
    ...IP_TRANSFER,
    visibility: 'public',
    domesticOnly: false,
  },
  story: [
    { day: 136, do: 'submit' },
    { day: 130, do: 'approve' },
    {
      day: 45, do: 'extend', toDays: -20,
      zh: '应揭榜单位要求，为便于现场考察冷轧线，本榜揭榜截止时间延长 20 天。',
      en: 'At applicants\' request, so that they can visit the cold-rolling line, the deadline is extended by 20 days.',
    },
  ],
};

const vacuumMeltingLeadV1 = {
  indicators: [
    { nameZh: '在企业工作时间', nameEn: 'Time with the company', target: '全职', unit: '—', method: '劳动合同 / employment contract' },
    { nameZh: '带动企业产值', nameEn: 'Contribution to output', target: '显著提升', unit: '—', method: '企业综合评价 / company assessment' },
  ],
  eligibilityZh: '年龄 45 周岁以下，具有“双一流”高校博士学位，在高温合金企业工作 8 年以上。',
  eligibilityEn: 'Aged 45 or under, with a doctorate from a "Double First-Class" university and at least eight years at a superalloy producer.',
};

const vacuumMeltingLead: DemoChallenge = {
  key: 'superalloy-vacuum-melting-lead',
  owner: 'hengxin',
  state: 'pending_review',
  createdDaysAgo: 25,
  deadlineInDays: 80,
  input: {
    titleZh: '高温合金真空冶炼工艺带头人引进',
    titleEn: 'Lead engineer for vacuum melting of superalloys',
    summaryZh: '引进在真空感应、电渣重熔和真空自耗冶炼方面具有丰富经验的工艺带头人，负责我公司高温合金冶炼工艺体系建设和新牌号开发。',
    summaryEn: 'We are recruiting a process leader with deep experience in vacuum induction melting, electroslag and vacuum arc remelting, to build our superalloy melting practice and develop new grades.',
    descriptionZh: paras(
      '我公司高温合金产能正在从 2000 吨/年扩大到 5000 吨/年，新增一台 12 t 真空自耗炉。现有冶炼团队以年轻工程师为主，缺少能够统筹 VIM—ESR—VAR 全流程工艺、对接航空和燃机用户质量体系的带头人。',
      '引进人才将担任冶炼技术部负责人，榜额作为三年科研经费，薪酬和待遇另议。可全职或柔性引进。',
    ),
    descriptionEn: paras(
      'We are expanding superalloy capacity from 2,000 to 5,000 t a year and adding a 12 t VAR furnace. Our melting team is mostly young engineers; we lack a leader who can run the whole VIM–ESR–VAR route and work with the quality systems of aerospace and gas-turbine customers.',
      'The recruit will head our melting technology department. The bounty is research funding over three years; pay and benefits are negotiated separately. Full-time or part-time.',
    ),
    industry,
    category: 'talent',
    indicators: vacuumMeltingLeadV1.indicators,
    eligibilityZh: vacuumMeltingLeadV1.eligibilityZh,
    eligibilityEn: vacuumMeltingLeadV1.eligibilityEn,
    enterpriseShareFen: wan(60),
    requestedSpecialFundFen: wan(40),
    durationMonths: 36,
    maxWinners: 1,
    ...IP_TALENT,
    visibility: 'public',
    domesticOnly: false,
  },
  story: [
    { day: 20, do: 'submit' },
    {
      day: 16, do: 'return',
      reasons: '1. 揭榜条件中“45 周岁以下”“‘双一流’高校博士学位”等限制与面向全球引才、以能力和业绩评价人才的原则不符，请修改；2. 指标“带动企业产值”目标为“显著提升”，无法考核，请改为可核验的技术指标；3. 请写明柔性引进时每年在岗时间的最低要求。',
    },
    {
      day: 9, do: 'update',
      patch: {
        indicators: [
          { nameZh: '在企业工作时间', nameEn: 'Time with the company', target: '全职；或柔性引进每年不少于 6 个月 / full-time, or at least 6 months a year', unit: '月/年 (months/year)', method: '以劳动合同或柔性引进协议及考勤记录为准 / employment contract or part-time agreement, and attendance records' },
          { nameZh: 'VAR 锭成品率提升', nameEn: 'Higher VAR ingot yield', target: '较基准年提高 ≥ 5 个百分点 / ≥ 5 points above the baseline year', unit: '百分点 (percentage points)', method: '以公司质量部年度统计为准 / annual figures of our quality department' },
          { nameZh: '新牌号开发', nameEn: 'New grades', target: '≥ 2 个牌号通过用户认证 / ≥ 2 grades qualified by customers', unit: '个 (grades)', method: '以用户认证报告为准 / customers\' qualification reports' },
          { nameZh: '人才培养', nameEn: 'Engineers trained', target: '≥ 5', unit: '人 (people)', method: '以培养计划和考核记录为准 / training plan and assessment records' },
        ],
        ...eligibility(
          '在高温合金或特种冶金企业、科研院所从事真空冶炼工作 10 年以上，主持过 VIM、ESR 或 VAR 工艺开发并实现批量生产；不限国籍、年龄和学历。',
          'At least ten years in vacuum melting at a superalloy or specialty-metals producer or research institute, having led VIM, ESR or VAR process development into volume production. Any nationality, age or degree.',
        ),
      },
    },
    { day: 6, do: 'submit' },
  ],
};

// ---- 井陉矿区金石耐火材料有限公司 ------------------------------------------------------------------

const mgoCDesc = {
  zh: paras(
    '我公司年产镁碳砖约 3 万吨，主要供应区内及周边钢厂的钢包、转炉和电炉。随着超低碳钢、洁净钢比例增加，用户要求钢包渣线砖含碳量由 14% 降至 5% 以下，以减少钢水增碳。但降碳后砖的抗热震性和抗渣渗透能力明显下降，试用的低碳镁碳砖渣线寿命由 110 炉降至 70 炉左右，出现剥落和渣侵蚀加剧。',
    '希望揭榜方从原料（电熔镁砂、纳米碳源、膨胀石墨）、结合剂、复合抗氧化剂和显微结构设计入手，开发低碳镁碳砖配方和生产工艺，在我公司压砖机和热处理窑上完成批量试制，并在用户钢包上完成使用验证。',
  ),
  en: paras(
    'We make about 30,000 t of MgO–C bricks a year for ladles, converters and arc furnaces at steel plants in and around the district. With more ultra-low-carbon and clean steel being made, customers want slag-line bricks with less than 5% carbon instead of 14%, so that the steel picks up less carbon. But lower carbon means poorer thermal-shock and slag-penetration resistance: the low-carbon bricks we tried lasted about 70 heats at the slag line instead of 110, with spalling and heavier slag attack.',
    'We want a solver to design a low-carbon MgO–C brick — raw materials (fused magnesia, nano carbon sources, expanded graphite), binder, combined antioxidants and microstructure — and its production process, make trial batches on our presses and kilns, and prove it in customers\' ladles.',
  ),
};

const mgoCUseConditions = {
  zh: '使用条件：钢包容量 120 t，钢种以低碳铝镇静钢和轴承钢为主，出钢温度 1620–1660 ℃，LF 精炼 40–60 min，部分炉次经 VD 处理，精炼渣碱度 R 为 3.5–5.0。',
  en: 'Service conditions: 120 t ladles; mainly low-carbon aluminium-killed and bearing steels; tapping at 1,620–1,660 °C; 40–60 minutes in the LF, some heats through VD; refining slag basicity 3.5–5.0.',
};

const lowCarbonIndicators = (thermalShock: { target: string; method: string }, slag: { target: string; method: string }) => [
  { nameZh: '总碳含量', nameEn: 'Total carbon', target: '≤ 5', unit: '%', method: 'GB/T 13245 燃烧重量法 / GB/T 13245 combustion–gravimetric method' },
  { nameZh: '高温抗折强度（1400 ℃，埋炭）', nameEn: 'Hot modulus of rupture (1,400 °C, carbon bed)', target: '≥ 10', unit: 'MPa', method: 'GB/T 3002（等同 ISO 5013） / GB/T 3002 (ISO 5013)' },
  { nameZh: '抗热震性', nameEn: 'Thermal-shock resistance', unit: '次 (cycles)', ...thermalShock },
  { nameZh: '抗渣侵蚀', nameEn: 'Slag resistance', unit: '%', ...slag },
  { nameZh: '渣线使用寿命', nameEn: 'Slag-line service life', target: '≥ 100', unit: '炉 (heats)', method: '在区内钢厂 120 t 钢包上连续跟踪 3 个包役，以包役记录为准 / three ladle campaigns followed in 120 t ladles at a district steel plant, per the campaign records' },
];

const lowCarbonMgoC: DemoChallenge = {
  key: 'low-carbon-mgo-c-brick',
  owner: 'jinshi',
  state: 'published',
  createdDaysAgo: 40,
  deadlineInDays: 40,
  input: {
    titleZh: '钢包渣线用低碳镁碳砖（C ≤ 5%）抗热震与抗侵蚀性能提升',
    titleEn: 'Low-carbon MgO–C bricks (C ≤ 5%) for ladle slag lines: better thermal-shock and slag resistance',
    summaryZh: '洁净钢生产要求钢包渣线砖含碳量降至 5% 以下，但现有低碳镁碳砖寿命由 110 炉降至 70 炉。需开发抗热震、抗渣侵蚀的低碳镁碳砖，渣线寿命达到 100 炉以上。',
    summaryEn: 'Clean-steel production calls for slag-line bricks with under 5% carbon, but our low-carbon bricks last 70 heats instead of 110. We need a low-carbon MgO–C brick with the thermal-shock and slag resistance to last more than 100 heats.',
    descriptionZh: mgoCDesc.zh,
    descriptionEn: mgoCDesc.en,
    industry,
    category: 'bottleneck',
    indicators: lowCarbonIndicators(
      { target: '好', method: '水冷法 / water quench' },
      { target: '优于现有产品', method: 'GB/T 8931 / GB/T 8931' },
    ),
    ...eligibility(
      '具有含碳耐火材料研究基础或生产经验，能够在 6 个月内提供可批量试制的配方。',
      'Research or production experience with carbon-containing refractories, and a formulation ready for trial batches within six months.',
    ),
    enterpriseShareFen: wan(100),
    requestedSpecialFundFen: wan(80),
    durationMonths: 15,
    maxWinners: 1,
    ...IP_JOINT,
    visibility: 'public',
    domesticOnly: false,
  },
  story: [
    { day: 38, do: 'submit' },
    {
      day: 35, do: 'return',
      reasons: '1. 指标“抗热震性”的目标值为“好”，无法考核，请给出试验条件和目标值；2. 指标“抗渣侵蚀”未说明试验渣系、温度和比较基准；3. 请补充钢包的使用条件（钢种、出钢温度、精炼时间、渣系），以便揭榜方评估。',
    },
    {
      day: 30, do: 'update',
      patch: {
        descriptionZh: paras(mgoCDesc.zh, mgoCUseConditions.zh),
        descriptionEn: paras(mgoCDesc.en, mgoCUseConditions.en),
        indicators: lowCarbonIndicators(
          { target: '≥ 5（1100 ℃ ⇄ 水冷，强度保持率 ≥ 60%） / ≥ 5 cycles (1,100 °C to water, ≥ 60% strength retained)', method: 'GB/T 30873 抗热震性试验方法（水急冷法） / GB/T 30873 water-quench method' },
          { target: '侵蚀指数 ≤ 现有 14% 碳砖的 80% / erosion index ≤ 80% of our 14% C brick', method: 'GB/T 8931 回转抗渣法，1600 ℃，使用发榜单位提供的 LF 精炼渣 / GB/T 8931 rotary slag test at 1,600 °C with LF slag we provide' },
        ),
      },
    },
    { day: 29, do: 'submit' },
    { day: 24, do: 'approve', specialFundFen: wan(60), note: '专项资金按 60 万元核定（申请 80 万元），榜额相应调整为 160 万元。' },
  ],
};

const chromeFree: DemoChallenge = {
  key: 'chrome-free-rh-snorkel',
  owner: 'jinshi',
  state: 'published',
  createdDaysAgo: 70,
  deadlineInDays: 15,
  input: {
    titleZh: 'RH 真空精炼浸渍管用无铬耐火材料替代镁铬砖',
    titleEn: 'Chrome-free refractories to replace magnesia–chrome bricks in RH degasser snorkels',
    summaryZh: 'RH 浸渍管和下部槽普遍使用镁铬砖，用后砖中的六价铬属于危险废物。需开发寿命不低于镁铬砖 90% 的无铬耐火材料。采用赛马制，最多支持两支团队。',
    summaryEn: 'RH snorkels and lower vessels are lined with magnesia–chrome brick, and the hexavalent chromium in spent brick makes it hazardous waste. We need chrome-free refractories lasting at least 90% as long. Up to two teams will be funded in parallel.',
    descriptionZh: paras(
      'RH 真空精炼装置的浸渍管和下部槽承受高温钢水冲刷、真空和频繁热震，长期以来依赖直接结合镁铬砖。镁铬砖在使用中与碱性渣和空气接触生成六价铬，用后砖需按危险废物处置，也给用户带来环保风险。国内外已有镁铝尖晶石、镁锆、镁钙等无铬材料的研究和试用，但寿命普遍只有镁铬砖的 60%–80%。',
      '本榜属于耐火材料行业关键共性技术，成果将在区内耐火材料企业推广。希望揭榜方开发无铬浸渍管及下部槽用耐火材料和配套修补料，在我公司完成批量试制，并在合作钢厂 RH 装置上完成不少于两个浸渍管周期的使用验证。采用赛马制，两支团队可选择不同材料体系，中期评估后择优支持工业试验。',
    ),
    descriptionEn: paras(
      'RH snorkels and lower vessels face erosion by hot steel, vacuum and frequent thermal shock, and have long relied on direct-bonded magnesia–chrome brick. In service it reacts with basic slag and air to form hexavalent chromium, so spent brick must be handled as hazardous waste and users carry an environmental risk. Chrome-free materials — magnesia–spinel, magnesia–zirconia, magnesia–lime — have been studied and tried in China and abroad, but usually last only 60–80% as long.',
      'This is a key common technology for the refractory trade, and the results will be offered to other refractory makers in the district. We want chrome-free refractories for snorkels and lower vessels, with matching repair mixes, made in trial batches in our plant and proven over at least two snorkel campaigns on a partner steel plant\'s RH. Two teams may be funded, each with its own material system; the better one after the mid-term review goes on to the industrial trial.',
    ),
    industry,
    category: 'common_key_technology',
    indicators: [
      { nameZh: '浸渍管使用寿命', nameEn: 'Snorkel service life', target: '≥ 镁铬砖的 90%，且 ≥ 80 炉 / ≥ 90% of magnesia–chrome, and ≥ 80 heats', unit: '炉 (heats)', method: '在合作钢厂 RH 装置上连续 2 个浸渍管周期，以炉役记录为准 / two snorkel campaigns on a partner plant\'s RH, per its campaign records' },
      { nameZh: 'Cr₂O₃ 含量', nameEn: 'Cr₂O₃ content', target: '≤ 0.5', unit: '%', method: 'GB/T 5069 镁铝系耐火材料化学分析方法 / GB/T 5069 chemical analysis of magnesia–alumina refractories' },
      { nameZh: '显气孔率', nameEn: 'Apparent porosity', target: '≤ 15', unit: '%', method: 'GB/T 2997（等同 ISO 5017） / GB/T 2997 (ISO 5017)' },
      { nameZh: '高温抗折强度（1400 ℃）', nameEn: 'Hot modulus of rupture (1,400 °C)', target: '≥ 6', unit: 'MPa', method: 'GB/T 3002（等同 ISO 5013） / GB/T 3002 (ISO 5013)' },
      { nameZh: '抗热震性（1100 ℃ 水冷）', nameEn: 'Thermal-shock resistance (1,100 °C, water quench)', target: '≥ 8', unit: '次 (cycles)', method: 'GB/T 30873 / GB/T 30873' },
    ],
    ...eligibility(
      '具有无铬碱性耐火材料研究基础；两支团队须采用不同材料体系。',
      'A research record in chrome-free basic refractories. The two teams must use different material systems.',
    ),
    enterpriseShareFen: wan(180),
    requestedSpecialFundFen: wan(100),
    durationMonths: 24,
    maxWinners: 2,
    ...IP_JOINT,
    visibility: 'public',
    domesticOnly: false,
  },
  story: [
    { day: 66, do: 'submit' },
    { day: 60, do: 'approve', note: '属耐火材料行业共性技术，同意按赛马制发榜。' },
    {
      day: 8, do: 'extend', toDays: 45,
      zh: '鉴于揭榜单位需到合作钢厂 RH 装置现场调研，经研究，本榜揭榜截止时间延长 30 天。',
      en: 'Applicants need to visit the RH at the partner steel plant, so the deadline is extended by 30 days.',
    },
  ],
};

const tundishMix: DemoChallenge = {
  key: 'tundish-dry-vibratable-mix',
  owner: 'jinshi',
  state: 'awarded',
  createdDaysAgo: 100,
  deadlineInDays: -35,
  input: {
    titleZh: '中间包干式振动料快速烘烤不开裂',
    summaryZh: '将中间包干式振动料烘烤时间由 3 h 缩短到 1.5 h 以内，且不开裂、不剥落，连浇寿命不低于 30 h。需在 30 天内到区内钢厂现场试用。',
    descriptionZh: paras(
      '区内钢厂为提高中间包周转率，要求干式振动料烘烤时间由目前的 3 h 缩短到 1.5 h 以内。我公司现有产品快速烘烤后工作衬出现网状裂纹和局部剥落，影响连浇寿命和钢水洁净度。',
      '希望揭榜方优化结合剂体系和颗粒级配，提出快速烘烤制度，在 30 天内完成配方调整并到区内钢厂中间包上现场试用。因需短期内频繁到现场，本榜仅限境内单位揭榜。',
    ),
    industry,
    category: 'urgent_need',
    indicators: [
      { nameZh: '烘烤时间', target: '≤ 1.5', unit: 'h', method: '按钢厂中间包烘烤记录，连续 10 个包次' },
      { nameZh: '连浇寿命', target: '≥ 30', unit: 'h', method: '按钢厂连铸生产记录，连续 10 个包次' },
      { nameZh: '常温耐压强度（110 ℃ 烘后）', target: '≥ 25', unit: 'MPa', method: 'GB/T 5072（等同 ISO 10059-1）' },
      { nameZh: '加热永久线变化（1500 ℃ × 3 h）', target: '0 ~ +1.0', unit: '%', method: 'GB/T 5988' },
    ],
    eligibilityZh: '须为具备耐火材料生产条件的境内企业，或与其组成联合体的境内高校、科研院所；须在 30 天内到现场开展试用。',
    enterpriseShareFen: wan(30),
    requestedSpecialFundFen: wan(15),
    durationMonths: 4,
    maxWinners: 1,
    ...IP_OWNER,
    visibility: 'public',
    domesticOnly: true,
  },
  story: [
    { day: 98, do: 'submit' },
    { day: 95, do: 'approve' },
  ],
};

const spentBrick: DemoChallenge = {
  key: 'spent-mgo-c-recycling',
  owner: 'jinshi',
  state: 'cancelled',
  createdDaysAgo: 65,
  deadlineInDays: 20,
  input: {
    titleZh: '用后镁碳砖再生利用技术成果转化',
    titleEn: 'Technology transfer: recycling spent MgO–C bricks',
    summaryZh: '回收区内钢厂用后镁碳砖约 1.5 万吨/年，经分选、除杂和水化处理后作为再生料，在新砖中添加比例达到 30% 以上且性能不降低。',
    summaryEn: 'Recycle about 15,000 t a year of spent MgO–C brick from district steel plants — sorting, cleaning and hydration treatment — and use at least 30% of the recycled material in new bricks without loss of performance.',
    descriptionZh: paras(
      '区内钢厂每年产生用后镁碳砖约 1.5 万吨，目前大部分低价外售或填埋。用后砖中夹带渣、金属铝和碳化铝，直接回用会导致新砖水化开裂和性能下降。',
      '希望引进成熟的用后砖分选、除杂和碳化铝水化处理技术及配套装备方案，建设年处理 1.5 万吨的再生料生产线。',
    ),
    descriptionEn: paras(
      'District steel plants produce about 15,000 t of spent MgO–C brick a year, most of it sold cheaply or landfilled. It carries slag, metallic aluminium and aluminium carbide, so reusing it directly makes new bricks crack on hydration and perform worse.',
      'We want to take up proven technology for sorting and cleaning spent brick and hydrating its aluminium carbide, with the equipment design for a 15,000 t/a recycling line.',
    ),
    industry,
    category: 'tech_transfer',
    indicators: [
      { nameZh: '再生料添加比例', nameEn: 'Recycled content', target: '≥ 30', unit: '%', method: '按配料记录 / batching records' },
      { nameZh: '再生砖显气孔率', nameEn: 'Apparent porosity of bricks with recycled content', target: '≤ 4', unit: '%', method: 'GB/T 2997 / GB/T 2997' },
      { nameZh: '常温耐压强度', nameEn: 'Cold crushing strength', target: '≥ 35', unit: 'MPa', method: 'GB/T 5072 / GB/T 5072' },
    ],
    ...eligibility('拟转化技术须已在耐火材料企业应用。', 'The technology must already be in use at a refractory maker.'),
    enterpriseShareFen: wan(50),
    requestedSpecialFundFen: wan(20),
    durationMonths: 12,
    maxWinners: 1,
    ...IP_TRANSFER,
    visibility: 'public',
    domesticOnly: false,
  },
  story: [
    { day: 62, do: 'submit' },
    { day: 57, do: 'approve' },
    { day: 30, do: 'cancel', by: 'bureau', reason: '发榜单位书面申请撤榜：该技术已获省级科技成果转化项目立项支持。为避免同一事项重复使用财政资金，经研究同意撤榜，专项资金预留额度收回。' },
  ],
};

// ---- 井陉矿区天宇新材料科技有限公司 ----------------------------------------------------------------

const amPowder: DemoChallenge = {
  key: 'am-powder-fine-yield',
  owner: 'tianyu',
  state: 'published',
  createdDaysAgo: 30,
  deadlineInDays: 60,
  input: {
    titleZh: '增材制造用球形合金粉末（IN718 / 316L）细粉收得率与空心粉控制',
    titleEn: 'Fine-powder yield and hollow particles in gas-atomised IN718 and 316L powders for additive manufacturing',
    summaryZh: '我公司真空感应熔炼气雾化（VIGA）粉末 15–53 μm 收得率仅 32%，空心粉和卫星粉偏多。需将细粉收得率提高到 45% 以上、空心粉率降到 0.5% 以下。采用赛马制，最多支持两支团队。',
    summaryEn: 'Only 32% of the powder from our vacuum-induction gas atomiser (VIGA) falls in the 15–53 μm range, with too many hollow and satellite particles. We need a yield above 45% and hollow particles below 0.5%. Up to two teams will be funded in parallel.',
    descriptionZh: paras(
      '我公司主营增材制造和粉末冶金用金属粉末，拥有 VIGA-200 真空感应熔炼气雾化设备两台，主要产品为 IN718、316L 和 18Ni300 粉末，用于激光选区熔化（SLM/L-PBF）。目前 15–53 μm 粒段收得率约 32%，其余粗粉只能低价用于热喷涂或回炉；空心粉率约 1.5%，打印件中的气孔与之相关。',
      '希望揭榜方从雾化喷嘴结构、导流管、雾化气压和气体种类、熔体过热度等方面入手，结合气雾化过程模拟，提高细粉收得率并减少空心粉和卫星粉。前期试验可在揭榜方自有设备上进行，工业验证须在我公司设备上完成。',
    ),
    descriptionEn: paras(
      'We make metal powders for additive manufacturing and powder metallurgy on two VIGA-200 vacuum-induction gas atomisers, mainly IN718, 316L and 18Ni300 for laser powder-bed fusion. About 32% of the output falls in the 15–53 μm range; the coarse rest goes cheaply to thermal spraying or back into the furnace. Hollow particles are about 1.5%, and we see them in the porosity of printed parts.',
      'We want the solver to work on nozzle design, melt delivery tube, gas pressure and species, and melt superheat, backed by simulation of the atomisation process, to raise the fine yield and cut hollow and satellite particles. Early tests may run on the solver\'s own equipment; the industrial proof must be on ours.',
    ),
    industry,
    category: 'bottleneck',
    indicators: [
      { nameZh: '15–53 μm 粉末收得率', nameEn: 'Yield of the 15–53 μm fraction', target: '≥ 45', unit: '%', method: 'GB/T 19077 激光衍射法（等同 ISO 13320）测粒度分布，结合筛分称重核算，连续 5 炉 / laser diffraction to GB/T 19077 (ISO 13320) and sieving, five consecutive melts' },
      { nameZh: '空心粉率', nameEn: 'Hollow particles', target: '≤ 0.5', unit: '%（颗粒数 / by count）', method: '镶嵌抛光截面图像分析，每炉不少于 2000 个颗粒 / image analysis of polished cross-sections, at least 2,000 particles per melt' },
      { nameZh: '氧含量', nameEn: 'Oxygen', target: 'IN718 ≤ 150；316L ≤ 300', unit: 'ppm', method: 'ASTM E1019 惰气熔融—红外法 / ASTM E1019 inert-gas fusion' },
      { nameZh: '霍尔流速', nameEn: 'Hall flow rate', target: '≤ 16', unit: 's/50 g', method: 'GB/T 1482（等同 ISO 4490） / GB/T 1482 (ISO 4490)' },
      { nameZh: '打印件拉伸性能（IN718，热处理后）', nameEn: 'Tensile properties of printed IN718 (heat-treated)', target: 'Rm ≥ 1240，A ≥ 12', unit: 'MPa / %', method: 'GB/T 228.1-2021 / ISO 6892-1:2019，XY 与 Z 向各 3 件 / three specimens each in XY and Z' },
    ],
    ...eligibility(
      '具有气雾化制粉研究或工程经验；两支团队可采用不同技术路线。',
      'Research or engineering experience in gas atomisation. The two teams may follow different routes.',
    ),
    enterpriseShareFen: wan(200),
    requestedSpecialFundFen: wan(150),
    durationMonths: 18,
    maxWinners: 2,
    ...IP_JOINT,
    visibility: 'public',
    domesticOnly: false,
  },
  story: [
    { day: 28, do: 'submit' },
    { day: 22, do: 'approve', specialFundFen: wan(120), note: '专项资金按 120 万元核定（申请 150 万元），榜额相应调整为 320 万元。' },
    {
      day: 10, do: 'clarify', by: 'bureau',
      zh: '科工局答疑：1. 本榜为赛马制，最多支持两支团队，两支团队可采用不同技术路线；2. 工业验证须在发榜单位 VIGA-200 设备上完成，前期试验可使用揭榜方自有设备；3. 境外揭榜单位的资金拨付按国家外汇管理规定办理，不影响揭榜资格。',
      en: 'From the Bureau: 1. This challenge may fund up to two teams, which may follow different routes. 2. The industrial proof must be on the owner\'s VIGA-200 atomisers; early tests may use the solver\'s own equipment. 3. Payments to solvers abroad follow China\'s foreign-exchange rules; this does not affect eligibility.',
    },
  ],
};

export const METALLURGY_CHALLENGES: readonly DemoChallenge[] = [
  bearingSteel, roundBloom, gearSteel, chiefMetallurgist, eafDust, springSteel, eafPower, mouldCoating,
  superalloyFreckles, nickelExtrusion, invarStrip, vacuumMeltingLead,
  lowCarbonMgoC, chromeFree, tundishMix, spentBrick,
  amPowder,
];
