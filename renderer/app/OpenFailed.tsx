import { Result } from 'antd';

/** The database would not open (another window holds it, a newer version wrote it, the disk is full). */
export function OpenFailed({ failure }: { failure: string | null }) {
  return (
    <Result
      status="error"
      title="无法打开本机数据库"
      subTitle={`请关闭其他正在运行的文枢窗口后重新启动；若仍不能打开，请联系系统管理员（可能是数据由更新版本的文枢写入，或磁盘空间不足）。技术信息：${failure ?? ''}`}
    />
  );
}
