import { NotYetBuilt } from '../../ui/NotYetBuilt';

export function ClassifiedPage() {
  return (
    <NotYetBuilt
      title="涉密载体"
      issue={4}
      plan={['涉密载体台账登记', '借出、归还、复制、移交、清点、销毁、解密全过程留痕', '涉密载体登记表、借阅登记表、销毁清单、清点报告打印', '二维码标签与扫码清点']}
    />
  );
}
