import { theme } from 'antd';
import type { CSSProperties, ReactNode } from 'react';

/**
 * A card as antd draws one (same tokens: border, radius, padding), without antd's Card, which
 * brings Tabs, Menu and Dropdown along (its tab list): the login page and the lock screen are in
 * the shell every start loads, and must not carry code they never show (issue #18).
 */
export function PlainCard({ style, children }: { style?: CSSProperties; children: ReactNode }) {
  const { token } = theme.useToken();
  return (
    <div
      style={{
        background: token.colorBgContainer,
        border: `${token.lineWidth}px ${token.lineType} ${token.colorBorderSecondary}`,
        borderRadius: token.borderRadiusLG,
        padding: token.paddingLG,
        color: token.colorText,
        ...style,
      }}
    >
      {children}
    </div>
  );
}
