/** Messages of applying to a challenge (揭榜, product.md step 5): the call to action, the form, my applications. */
export const apply = {
  nav: '我的揭榜',
  cta: {
    title: '揭榜',
    titleClosed: '揭榜已截止',
    bounty: '榜单金额',
    deadline: '揭榜截止',
    lead: '按技术指标提交技术方案、团队和里程碑计划。截止前可随时保存草稿、修改并重新提交。',
    apply: '我要揭榜',
    signInLead: '登录揭榜方账号后即可揭榜。',
    signIn: '登录后揭榜',
    register: '注册揭榜方账号',
    termsFirst: '请先接受上方的保密条款，然后即可揭榜。',
    closed: '揭榜已截止，不再受理申请。',
    calendar: '添加截止时间到日历（.ics）',
  },
};
