import type { ChallengeCategory, ChallengeIndustry } from '@challenge/domain';

// glossary.md: the names of the classifying codes, indexed with a challenge's public fields so a
// query for 冶金新材料 or "urgent need" finds the challenges so classified.
export const INDUSTRY_LABELS: Record<ChallengeIndustry, string> = {
  metallurgy_new_materials: '冶金新材料 metallurgy and new materials',
  high_end_equipment: '高端装备制造 high-end equipment manufacturing',
};

export const CATEGORY_LABELS: Record<ChallengeCategory, string> = {
  bottleneck: '企业技术难题 卡脖子技术 enterprise technical problem chokepoint technology',
  common_key_technology: '关键共性技术 key common technology',
  urgent_need: '紧迫需求 urgent need',
  tech_transfer: '成果转化需求 technology transfer need',
  talent: '人才引进需求 talent recruitment need',
};
