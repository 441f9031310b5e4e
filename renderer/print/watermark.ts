// The text printed diagonally on every page of a classified print (issue 3: prints of classified
// rows carry the user's name and the time), so a stray sheet names who printed it and when.

export interface WatermarkUser {
  displayName: string;
  username: string;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** "张三（zhangsan） 2026-11-23 10:31 文枢": local time, to the minute. */
export function watermarkText(user: WatermarkUser, now: Date): string {
  if (Number.isNaN(now.getTime())) throw new RangeError('无效时间');
  const date = `${now.getFullYear()}-${pad2(now.getMonth() + 1)}-${pad2(now.getDate())}`;
  const time = `${pad2(now.getHours())}:${pad2(now.getMinutes())}`;
  const name = user.displayName.trim() || user.username;
  const who = name === user.username ? name : `${name}（${user.username}）`;
  return `${who} ${date} ${time} 文枢`;
}
