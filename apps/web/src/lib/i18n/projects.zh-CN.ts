/** Messages of the projects (任务书): signing, milestones, funding releases by source (product.md steps 8–11). */
export const projects = {
  nav: '项目',
  states: {
    awaiting_signature: '待签署',
    active: '实施中',
    completed: '已完成',
    stopped: '已终止',
  },
};
