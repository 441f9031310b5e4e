import { NotYetBuilt } from '../../ui/NotYetBuilt';

export function MeetingsPage() {
  return (
    <NotYetBuilt
      title="会议纪要"
      issue={5}
      plan={['会议登记、签到（代会、请假）与签到表打印', '纪要编辑、编号与签发、更正', '按 GB/T 9704 版式打印 PDF、导出 Word']}
    />
  );
}
