import { NotYetBuilt } from '../../ui/NotYetBuilt';

export function SupervisionPage() {
  return (
    <NotYetBuilt
      title="督办事项"
      issue={5}
      plan={['议定事项、领导批示、口头交办统一督办', '进展反馈、办结、按工作日自动计算逾期', '周、月督办通报（图表、Excel、PDF）与催办单']}
    />
  );
}
