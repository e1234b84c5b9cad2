import type { ErrorCode } from '@challenge/domain';
import type { Locale } from './locale';

type Message = { title: string; detail: string };

/** Localised title and detail per error code; `{name}` is filled from the error's params. */
export const PROBLEM_MESSAGES: Record<ErrorCode, Record<Locale, Message>> = {
  validation_failed: {
    'zh-CN': { title: '输入有误', detail: '请求中有字段不符合要求，请按提示修改。' },
    en: { title: 'Invalid input', detail: 'Some fields of the request are not valid; see the errors listed.' },
  },
  not_found: {
    'zh-CN': { title: '未找到', detail: '请求的资源不存在或您无权查看。' },
    en: { title: 'Not found', detail: 'The resource does not exist or you may not see it.' },
  },
  unauthenticated: {
    'zh-CN': { title: '需要登录', detail: '请先登录。' },
    en: { title: 'Sign-in required', detail: 'Please sign in first.' },
  },
  token_invalid: {
    'zh-CN': { title: '凭证无效', detail: '登录凭证无效，请重新登录。' },
    en: { title: 'Invalid token', detail: 'The token is not valid; please sign in again.' },
  },
  token_expired: {
    'zh-CN': { title: '凭证已过期', detail: '登录凭证已过期，请刷新或重新登录。' },
    en: { title: 'Token expired', detail: 'The token has expired; refresh it or sign in again.' },
  },
  forbidden: {
    'zh-CN': { title: '无权操作', detail: '您的角色无权执行此操作。' },
    en: { title: 'Not allowed', detail: 'Your role may not do this.' },
  },
  invalid_credentials: {
    'zh-CN': { title: '登录失败', detail: '邮箱或密码不正确。' },
    en: { title: 'Sign-in failed', detail: 'The e-mail or password is not correct.' },
  },
  account_disabled: {
    'zh-CN': { title: '账号已停用', detail: '该账号已被科工局停用。' },
    en: { title: 'Account disabled', detail: 'This account has been disabled by the bureau.' },
  },
  refresh_token_reused: {
    'zh-CN': { title: '凭证已被使用', detail: '该刷新凭证已被使用过，为安全起见本次登录的全部凭证已失效，请重新登录。' },
    en: { title: 'Refresh token reused', detail: 'This refresh token was already used; every token of this sign-in has been revoked. Please sign in again.' },
  },
  rate_limited: {
    'zh-CN': { title: '尝试过于频繁', detail: '尝试次数过多，请 {retryAfter} 秒后再试。' },
    en: { title: 'Too many attempts', detail: 'Too many attempts; try again in {retryAfter} seconds.' },
  },
  origin_mismatch: {
    'zh-CN': { title: '来源不符', detail: '请求来源与本站不一致，已拒绝。' },
    en: { title: 'Origin mismatch', detail: 'The request did not come from this site and was refused.' },
  },
  email_taken: {
    'zh-CN': { title: '邮箱已注册', detail: '该邮箱已注册，请直接登录。' },
    en: { title: 'E-mail already registered', detail: 'This e-mail is already registered; please sign in.' },
  },
  uscc_invalid: {
    'zh-CN': { title: '统一社会信用代码无效', detail: '统一社会信用代码应为 18 位，且校验位正确。' },
    en: { title: 'Invalid USCC', detail: 'A Unified Social Credit Code has 18 characters and a correct check character.' },
  },
  uscc_required: {
    'zh-CN': { title: '缺少统一社会信用代码', detail: '中国法人单位须填写统一社会信用代码。' },
    en: { title: 'USCC required', detail: 'Chinese legal entities must give their Unified Social Credit Code.' },
  },
  foreign_identity_required: {
    'zh-CN': { title: '缺少网站或邮箱域名', detail: '无统一社会信用代码的机构须填写官方网站和机构邮箱域名。' },
    en: { title: 'Website and e-mail domain required', detail: 'Organisations without a USCC must give their website and institutional e-mail domain.' },
  },
  email_domain_mismatch: {
    'zh-CN': { title: '邮箱与机构域名不符', detail: '请使用机构邮箱（@{emailDomain}）注册。' },
    en: { title: 'E-mail outside the institution', detail: 'Please register with your institutional e-mail (@{emailDomain}).' },
  },
  role_not_allowed: {
    'zh-CN': { title: '角色不可选', detail: '注册只能选择发榜企业或揭榜方。' },
    en: { title: 'Role not allowed', detail: 'Registration is for challenge owners (enterprises) and solvers only.' },
  },
  organization_kind_not_allowed: {
    'zh-CN': { title: '机构类型不符', detail: '发榜方须为本区注册的中国企业。' },
    en: { title: 'Organisation kind not allowed', detail: 'Challenge owners must be enterprises registered in China.' },
  },
  join_request_pending: {
    'zh-CN': { title: '加入申请待处理', detail: '您已有一个待处理的加入申请。' },
    en: { title: 'Join request pending', detail: 'You already have a pending request to join an organisation.' },
  },
  illegal_transition: {
    'zh-CN': { title: '状态不允许此操作', detail: '当前状态（{from}）下不能执行“{action}”。' },
    en: { title: 'Not allowed in this state', detail: 'The action "{action}" is not possible in state "{from}".' },
  },
  cannot_disable_self: {
    'zh-CN': { title: '不能停用自己', detail: '不能停用自己的账号。' },
    en: { title: 'Cannot disable yourself', detail: 'You cannot disable your own account.' },
  },
  conflict: {
    'zh-CN': { title: '冲突', detail: '请求与当前数据冲突，请刷新后重试。' },
    en: { title: 'Conflict', detail: 'The request conflicts with the current data; reload and try again.' },
  },
  organization_not_verified: {
    'zh-CN': { title: '机构尚未认证', detail: '您所在的机构尚未通过科工局认证，暂不能执行此操作。' },
    en: { title: 'Organisation not verified', detail: 'Your organisation has not been verified by the bureau yet, so it cannot do this.' },
  },
  notice_period_running: {
    'zh-CN': { title: '公示期未满', detail: '公示期尚未结束，期满且没有未处理的异议后才能确认中选结果。' },
    en: { title: 'Notice period running', detail: 'The notice period has not ended; the award can be made final once it has and no objection is open.' },
  },
  notice_period_over: {
    'zh-CN': { title: '公示期已结束', detail: '公示期已结束，不能再提出异议。' },
    en: { title: 'Notice period over', detail: 'The notice period has ended; objections can no longer be filed.' },
  },
  objections_open: {
    'zh-CN': { title: '尚有异议未处理', detail: '还有未处理的异议，请先逐一处理后再确认中选结果。' },
    en: { title: 'Objections open', detail: 'Some objections are still open; resolve each of them before making the award final.' },
  },
  conflict_declaration_required: {
    'zh-CN': { title: '请先声明回避情况', detail: '查看申请材料之前，请先声明您与申请方是否存在利益冲突。' },
    en: { title: 'Conflict declaration required', detail: 'Declare whether you have a conflict of interest with the applicant before opening the application.' },
  },
  review_started: {
    'zh-CN': { title: '评审已开始', detail: '已有专家提交评分，评分细则不能再修改。' },
    en: { title: 'Review has started', detail: 'An expert has already scored an application, so the rubric can no longer change.' },
  },
  application_exists: {
    'zh-CN': { title: '已有揭榜申请', detail: '贵机构已对该榜单提交或保存了一份揭榜申请；每个机构每个榜单只能有一份有效申请，请继续编辑原申请。' },
    en: { title: 'Application exists', detail: 'Your organisation already has an application to this challenge; one active application per organisation is allowed — continue editing that one.' },
  },
  deadline_passed: {
    'zh-CN': { title: '已过截止时间', detail: '该榜单的揭榜截止时间已过，不能再执行此操作。' },
    en: { title: 'Deadline passed', detail: 'The application deadline of this challenge has passed; this is no longer possible.' },
  },
  deadline_not_reached: {
    'zh-CN': { title: '尚未到截止时间', detail: '揭榜截止时间未到，榜单不能截止；如需提前终止请撤榜。' },
    en: { title: 'Deadline not reached', detail: 'The application deadline has not passed, so the challenge cannot be closed; cancel it instead.' },
  },
  confidentiality_required: {
    'zh-CN': { title: '需接受保密条款', detail: '该榜单的详细内容仅向已接受保密条款的认证揭榜方开放。' },
    en: { title: 'Confidentiality terms required', detail: "This challenge's details are only for verified solvers who have accepted its confidentiality terms." },
  },
  confidentiality_not_required: {
    'zh-CN': { title: '无需保密条款', detail: '该榜单的详细内容是公开的，无需接受保密条款。' },
    en: { title: 'No confidentiality terms', detail: "This challenge's details are public; there are no terms to accept." },
  },
  attachment_limit_reached: {
    'zh-CN': { title: '附件数量已达上限', detail: '每个榜单最多上传 {limit} 个附件。' },
    en: { title: 'Too many attachments', detail: 'A challenge may have at most {limit} attachments.' },
  },
  file_type_not_allowed: {
    'zh-CN': { title: '文件类型不允许', detail: '只接受 PDF、PNG、JPEG、ZIP、Word（DOCX）、Excel（XLSX）和纯文本文件；HTML 和 SVG 不接受。' },
    en: { title: 'File type not allowed', detail: 'Only PDF, PNG, JPEG, ZIP, Word (DOCX), Excel (XLSX) and plain-text files are accepted; HTML and SVG are not.' },
  },
  payload_too_large: {
    'zh-CN': { title: '文件过大', detail: '请求内容超过大小上限（附件最大 10 MB）。' },
    en: { title: 'Too large', detail: 'The request is larger than the limit (attachments: at most 10 MB).' },
  },
  service_unavailable: {
    'zh-CN': { title: '服务暂不可用', detail: '服务暂时无法连接数据库，请在 {retryAfter} 秒后重试。' },
    en: { title: 'Service unavailable', detail: 'The service cannot reach its database right now; please try again in {retryAfter} seconds.' },
  },
  internal: {
    'zh-CN': { title: '服务器错误', detail: '服务器出现意外错误，请稍后再试。' },
    en: { title: 'Server error', detail: 'Something went wrong on our side; please try again later.' },
  },
  already_answered: {
    'zh-CN': { title: '问题已答复', detail: '该问题已经答复过，不能再次答复；如需补充说明，请发布榜单补充说明。' },
    en: { title: 'Already answered', detail: 'This question has already been answered and cannot be answered again; publish a clarification to add to it.' },
  },
  question_limit_reached: {
    'zh-CN': { title: '待答复问题过多', detail: '您在该榜单已有 {limit} 个问题尚未答复，请等待发榜方答复后再提问。' },
    en: { title: 'Too many open questions', detail: 'You already have {limit} unanswered questions on this challenge; please wait for answers before asking more.' },
  },
  saved_search_limit_reached: {
    'zh-CN': { title: '保存的搜索过多', detail: '最多保存 {limit} 个搜索，请先删除不再需要的。' },
    en: { title: 'Too many saved searches', detail: 'You can keep at most {limit} saved searches; delete one you no longer need first.' },
  },
  link_invalid: {
    'zh-CN': { title: '链接无效', detail: '该链接无效、已使用或已过期（有效期 30 分钟）。请重新申请一封邮件。' },
    en: { title: 'Link not valid', detail: 'This link is not valid, was already used, or has expired (links last 30 minutes). Ask for a new e-mail.' },
  },
  insufficient_budget: {
    'zh-CN': { title: '专项资金预算不足', detail: '{fiscalYear} 年度专项资金尚未预留的余额为 {availableFen} 分，不足以预留或调减 {neededFen} 分。' },
    en: { title: 'Budget too small', detail: 'The special fund of {fiscalYear} has {availableFen} fen unreserved, too little to reserve or remove {neededFen} fen.' },
  },
  insufficient_funds: {
    'zh-CN': { title: '资金不足', detail: '该操作超出了可用资金：奖励不能超过榜单金额，拨付不能超过奖励金额。' },
    en: { title: 'Not enough funds', detail: 'This would move more than is there: awards cannot exceed the bounty, nor releases the award.' },
  },
  already_paid: {
    'zh-CN': { title: '已拨付', detail: '该笔拨付已经支付，不能重复支付。' },
    en: { title: 'Already paid', detail: 'This release has already been paid and cannot be paid again.' },
  },
  enterprise_share_unconfirmed: {
    'zh-CN': { title: '企业配套资金尚未确认到账', detail: '同一里程碑的企业配套资金须经揭榜方确认到账后，方可拨付专项资金。' },
    en: { title: 'Enterprise share not yet confirmed', detail: "The special fund pays a milestone only after the solver has confirmed receiving the enterprise's share of it." },
  },
  idempotency_key_reused: {
    'zh-CN': { title: '幂等键已被使用', detail: '该幂等键已用于另一个不同的请求，请为新的操作使用新的幂等键。' },
    en: { title: 'Idempotency key reused', detail: 'This key was already used for a different request; use a new key for a new operation.' },
  },
  idempotency_in_progress: {
    'zh-CN': { title: '请求正在处理', detail: '使用同一幂等键的请求仍在处理中，请稍后重试。' },
    en: { title: 'Request in progress', detail: 'A request with this idempotency key is still being processed; retry shortly.' },
  },
  transfer_id_reused: {
    'zh-CN': { title: '幂等键已被使用', detail: '该幂等键已用于另一笔不同的资金操作，请使用新的幂等键。' },
    en: { title: 'Idempotency key reused', detail: 'This key was already used for a different money movement; use a new key.' },
  },
  transfer_invalid: {
    'zh-CN': { title: '服务器错误', detail: '服务器出现意外错误，请稍后再试。' },
    en: { title: 'Server error', detail: 'Something went wrong on our side; please try again later.' },
  },
};

/** Per-field messages for schema validation failures, by the JSON-schema keyword that failed. */
/** Words for the coded values a field message names, by param: `{reason}` of `assignment_conflict`. */
export const FIELD_PARAM_WORDS: Record<string, Record<string, Record<Locale, string>>> = {
  reason: {
    applicant_organization: { 'zh-CN': '受聘于申请单位', en: 'employed by the applicant' },
    partner_organization: { 'zh-CN': '受聘于联合申报单位', en: 'employed by a consortium partner' },
    owner_organization: { 'zh-CN': '受聘于发榜企业', en: 'employed by the challenge owner' },
  },
};

export const FIELD_MESSAGES: Record<string, Record<Locale, string>> = {
  required: { 'zh-CN': '必填', en: 'is required' },
  additionalProperties: { 'zh-CN': '不允许的字段', en: 'is not an allowed field' },
  type: { 'zh-CN': '类型不正确', en: 'has the wrong type' },
  minLength: { 'zh-CN': '长度至少为 {limit}', en: 'must be at least {limit} characters' },
  maxLength: { 'zh-CN': '长度不能超过 {limit}', en: 'must be at most {limit} characters' },
  minimum: { 'zh-CN': '不能小于 {limit}', en: 'must be at least {limit}' },
  maximum: { 'zh-CN': '不能大于 {limit}', en: 'must be at most {limit}' },
  format: { 'zh-CN': '格式不正确', en: 'has the wrong format' },
  pattern: { 'zh-CN': '格式不正确', en: 'has the wrong format' },
  enum: { 'zh-CN': '不是允许的取值', en: 'is not one of the allowed values' },
  const: { 'zh-CN': '不是允许的取值', en: 'is not one of the allowed values' },
  anyOf: { 'zh-CN': '不是允许的取值', en: 'is not one of the allowed values' },
  maxItems: { 'zh-CN': '最多 {limit} 项', en: 'must have at most {limit} items' },
  minProperties: { 'zh-CN': '至少需要一个字段', en: 'must contain at least one field' },
  invalid: { 'zh-CN': '无效', en: 'is not valid' },
  // Field codes of the domain's rules (packages/domain), not JSON-schema keywords.
  not_future: { 'zh-CN': '必须晚于当前时间', en: 'must be in the future' },
  not_later: { 'zh-CN': '必须晚于当前截止时间', en: 'must be later than the current deadline' },
  too_far: { 'zh-CN': '最晚为 {years} 年之后', en: 'may be at most {years} years from now' },
  range_inverted: { 'zh-CN': '最高金额不能低于最低金额', en: 'the maximum may not be below the minimum' },
  out_of_range: { 'zh-CN': '应在 {min} 到 {max} 之间', en: 'must be between {min} and {max}' },
  invalid_amount: { 'zh-CN': '应为不小于 0 的整数（单位：分）', en: 'must be a whole number of fen, at least 0' },
  bounty_zero: { 'zh-CN': '企业出资与专项资金之和必须大于 0', en: 'the enterprise share plus the special fund must be more than zero' },
  exceeds_requested: { 'zh-CN': '不能超过申请的专项资金（{requested} 分）', en: 'may not exceed the requested special fund ({requested} fen)' },
  indicator_required: { 'zh-CN': '至少需要一项技术指标', en: 'at least one technical indicator is required' },
  outdated: { 'zh-CN': '条款版本已更新，请阅读最新版本后再接受', en: 'the terms have changed; read the current version and accept it' },
  empty: { 'zh-CN': '不能为空', en: 'must not be empty' },
  // Decisions (packages/domain decision/decision.ts).
  too_many_winners: { 'zh-CN': '最多选 {max} 个中选方案', en: 'at most {max} winners may be selected' },
  unknown_application: { 'zh-CN': '不是本榜单的申请', en: 'is not an application to this challenge' },
  not_under_review: { 'zh-CN': '该申请不在评审中（{state}）', en: 'the application is not under review ({state})' },
  not_reviewed: { 'zh-CN': '该申请还没有完成的专家评审', en: 'the application has no finished expert review' },
  award_exceeds_request: { 'zh-CN': '不能超过申请金额（{requested} 分）', en: 'may not exceed the amount applied for ({requested} fen)' },
  eligibility_pending: { 'zh-CN': '还有 {count} 份申请未完成资格审查，请先审查', en: '{count} applications still await the eligibility check; check them first' },
  awards_exceed_bounty: { 'zh-CN': '奖励合计 {total} 分，超过榜单金额 {bounty} 分', en: 'the awards add up to {total} fen, more than the bounty of {bounty} fen' },
  // Review (packages/domain review/*).
  assignment_conflict: { 'zh-CN': '该专家须回避（{reason}）', en: 'this expert must stand aside ({reason})' },
  not_expert: { 'zh-CN': '不是专家库中的专家', en: 'is not an expert of the pool' },
  not_eligible: { 'zh-CN': '申请尚未通过资格审查', en: 'the application has not been found eligible' },
  not_enough_experts: { 'zh-CN': '符合条件且无需回避的专家只有 {available} 位', en: 'only {available} experts qualify without a conflict' },
  weights_sum_mismatch: { 'zh-CN': '权重之和应为 {expected}（现为 {actual}）', en: 'the weights must add up to {expected} (they add up to {actual})' },
  unknown_criterion: { 'zh-CN': '评分细则中没有这一项', en: 'the rubric has no such criterion' },
  criterion_required: { 'zh-CN': '至少需要一项评分指标', en: 'at least one criterion is required' },
  invalid_key: { 'zh-CN': '只能使用小写字母、数字和下划线', en: 'use lower-case letters, digits and underscores only' },
  // Applications (packages/domain application/plan.ts).
  not_positive: { 'zh-CN': '必须大于 0', en: 'must be more than zero' },
  unknown_indicator: { 'zh-CN': '榜单没有这项技术指标', en: 'the challenge has no such indicator' },
  team_member_required: { 'zh-CN': '至少需要一名团队成员', en: 'at least one team member is required' },
  team_lead_required: { 'zh-CN': '请指定一名项目负责人', en: 'mark one member as the project lead' },
  team_lead_multiple: { 'zh-CN': '只能有一名项目负责人', en: 'only one member can be the project lead' },
  duplicate: { 'zh-CN': '重复', en: 'is listed twice' },
  partner_is_lead: { 'zh-CN': '联合单位不能是牵头单位本身', en: 'a partner cannot be the lead organisation itself' },
  own_challenge: { 'zh-CN': '发榜企业及其联合单位不能揭本企业的榜', en: 'the challenge owner cannot apply, alone or as a partner' },
  unknown_organization: { 'zh-CN': '没有这个机构', en: 'no such organisation' },
  exceeds_bounty: { 'zh-CN': '不能超过榜单金额（{bounty} 分）', en: 'may not exceed the bounty ({bounty} fen)' },
  milestone_required: { 'zh-CN': '至少需要一个里程碑', en: 'at least one milestone is required' },
  invalid_date: { 'zh-CN': '日期格式应为 YYYY-MM-DD', en: 'must be a date as YYYY-MM-DD' },
  taken: { 'zh-CN': '已被使用', en: 'is already used' },
  not_open: { 'zh-CN': '该里程碑已核验，不能再修改', en: 'the milestone is verified and can no longer change' },
  unchanged: { 'zh-CN': '与现在相同', en: 'is the same as now' },
  results_required: { 'zh-CN': '验收最后一个里程碑前，请先记录每项技术指标的实际达到值及依据', en: 'record the value each technical indicator reached, with its evidence, before accepting the last milestone' },
  outside_year: { 'zh-CN': '不在 {year} 年内', en: 'is not in {year}' },
  workday_not_weekend: { 'zh-CN': '调休上班日应为周六或周日', en: 'an adjusted working day must be a Saturday or Sunday' },
  holiday_and_workday: { 'zh-CN': '同一天不能既是假日又是调休上班日', en: 'a day cannot be both a holiday and a working day' },
  before_deadline: { 'zh-CN': '应晚于揭榜截止日（{deadline}）', en: 'must be after the application deadline ({deadline})' },
  after_project_end: { 'zh-CN': '不能晚于项目期限（{latest}）', en: 'may not be later than the end of the project term ({latest})' },
  not_increasing: { 'zh-CN': '应晚于上一个里程碑（{previous}）', en: 'must be later than the previous milestone ({previous})' },
  milestones_sum_mismatch: { 'zh-CN': '各里程碑金额之和（{actual} 分）应等于申请金额（{expected} 分）', en: 'the milestones add up to {actual} fen, not the requested {expected} fen' },
};
