/**
 * The confidentiality terms a solver accepts before seeing a restricted challenge's details
 * (issue 3). Versioned: a challenge carries the version in force when it was published, and an
 * acceptance counts only for that version. A new text gets a new key and becomes current; old
 * versions stay so that recorded acceptances keep their meaning.
 */
export const CONFIDENTIALITY_TERMS = {
  '2026-1': {
    zh:
      '本人代表所在机构承诺：对本榜单中非公开的技术需求说明、技术指标、揭榜条件、知识产权约定及附件（以下简称“保密信息”）予以保密；' +
      '仅将保密信息用于评估和准备本榜单的揭榜方案；未经发榜单位书面同意，不向本机构参与揭榜的人员以外的任何第三方披露；' +
      '不复制、不反向工程其中的样品或数据；揭榜结束或不再参与时，删除所保存的保密信息。已公开或依法独立获得的信息除外。' +
      '本承诺自接受之日起三年内有效。',
    en:
      'On behalf of my organisation I undertake to keep confidential the non-public description, technical indicators, ' +
      'eligibility requirements, IP terms and attachments of this challenge ("Confidential Information"); to use it only to ' +
      'assess and prepare an application to this challenge; not to disclose it to any third party other than the members ' +
      'of my organisation taking part in the application without the challenge owner\'s written consent; not to copy or ' +
      'reverse-engineer any samples or data in it; and to delete the Confidential Information I hold when the challenge ' +
      'ends or I no longer take part. Information that is public or lawfully obtained independently is excluded. This ' +
      'undertaking lasts three years from acceptance.',
  },
} as const satisfies Record<string, { zh: string; en: string }>;

export type ConfidentialityTermsVersion = keyof typeof CONFIDENTIALITY_TERMS;
export const CURRENT_CONFIDENTIALITY_TERMS_VERSION: ConfidentialityTermsVersion = '2026-1';

export function confidentialityTerms(version: string): { version: string; zh: string; en: string } | null {
  const terms = (CONFIDENTIALITY_TERMS as Record<string, { zh: string; en: string }>)[version];
  return terms ? { version, ...terms } : null;
}
