// Progress of a long job (restore, import, backup, migration, export): what the bar, the rate and
// the time left are computed from. One model, so every long job reads the same to the office.

export interface JobProgress {
  /** What is being done now, in the office's words ("写入收文", "校验审计日志"). */
  stage: string;
  /** Units done so far and in all (rows, files, bytes: see `unit`). total 0: not yet known. */
  done: number;
  total: number;
  /** The unit as shown: '条', '个文件', 'MB'. */
  unit: string;
  /** performance.now() when the job started (the clock `now` is read on below). */
  startedAt: number;
}

/** 0–100, floored (never 100 before the job says it is done). */
export function progressPercent(p: JobProgress): number {
  if (p.total <= 0) return 0;
  return Math.min(100, Math.floor((p.done / p.total) * 100));
}

/** Units per second since the start, or null in the first half second (too noisy to show). */
export function progressRate(p: JobProgress, now: number): number | null {
  const seconds = (now - p.startedAt) / 1000;
  if (seconds < 0.5 || p.done <= 0) return null;
  return p.done / seconds;
}

/** Seconds left at the rate so far, or null when unknown. */
export function secondsLeft(p: JobProgress, now: number): number | null {
  const rate = progressRate(p, now);
  if (rate === null || p.total <= 0) return null;
  return Math.max(0, (p.total - p.done) / rate);
}

function count(n: number): string {
  return Math.round(n).toLocaleString('zh-CN');
}

function duration(s: number): string {
  if (s < 60) return `${Math.max(1, Math.ceil(s))} 秒`;
  const m = Math.floor(s / 60);
  const rest = Math.round(s - m * 60);
  return rest ? `${m} 分 ${rest} 秒` : `${m} 分`;
}

/** "写入收文：12,000 / 100,000 条，每秒 7,500 条，约剩 12 秒" (parts left out while unknown). */
export function progressText(p: JobProgress, now: number): string {
  const parts = [p.total > 0 ? `${count(p.done)} / ${count(p.total)} ${p.unit}` : `${count(p.done)} ${p.unit}`];
  const rate = progressRate(p, now);
  if (rate !== null) parts.push(`每秒 ${count(rate)} ${p.unit}`);
  const left = secondsLeft(p, now);
  if (left !== null && p.done < p.total) parts.push(`约剩 ${duration(left)}`);
  return `${p.stage}：${parts.join('，')}`;
}
