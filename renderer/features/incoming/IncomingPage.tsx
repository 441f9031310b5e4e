import { NotYetBuilt } from '../../ui/NotYetBuilt';

export function IncomingPage() {
  return (
    <NotYetBuilt
      title="收文登记"
      issue={3}
      plan={['收文登记表单（自动编号、来文字号规范化、重复来文提醒）', '拟办、批示、承办、传阅、催办、办结全流程', '收文登记簿、收文处理笺打印与导出', '旧 Excel 收文登记簿导入']}
    />
  );
}
