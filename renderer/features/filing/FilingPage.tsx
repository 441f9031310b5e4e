import { NotYetBuilt } from '../../ui/NotYetBuilt';

export function FilingPage() {
  return (
    <NotYetBuilt
      title="归档"
      issue={6}
      plan={['按 DA/T 22-2015 分类、编件号与档号', '归档文件目录、归档章、备考表打印与导出', '归档包导出与校验', '加密备份与恢复、迁移包']}
    />
  );
}
