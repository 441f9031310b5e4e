// 公文运转时效 (issue #17 §1): the contract the data layer and the page share. Every duration is
// in WORKING days (shared/domain/workdays.ts), counted as the office counts 办理时限.

export type FlowRegister = 'incoming' | 'outgoing' | 'tasks';

/** 收文 grouping dimensions; 发文 groups by 文种 and 发文字号 series, 督办 by 责任单位. */
export type FlowDimension = '承办单位' | '文种' | '紧急程度' | '来文单位' | '发文字号' | '责任单位';

export interface FlowQuery {
  register: FlowRegister;
  /** The period, both ends included (ISO dates). */
  start: string;
  end: string;
  /** Groups to compute (each gets its own FlowGroup list); none: only the total. */
  groupBy?: FlowDimension;
  /** Restrict to one group's value (drill-down), e.g. { dimension: '承办单位', key: deptId }. */
  only?: { dimension: FlowDimension; key: string };
}

/** One stage of the flow: 收文 登记→拟办, 拟办→批示, 批示→承办, 承办→办结; 发文 拟稿→签发, 签发→核发; 督办 交办→办结. */
export interface StageFigures {
  key: string;
  label: string;
  /** Records that went through both ends of the stage in the period's population. */
  count: number;
  average: number | null;
  median: number | null;
}

/** A record as the lists of the page show it (title masked outside the need to know). */
export interface FlowItem {
  id: string;
  number: string;
  title: string;
  /** Working days taken (finished) or open so far (在办). */
  workdays: number;
  /** 办理时限 (ISO date) when it had one. */
  dueDate?: string;
  /** The group value (承办单位 name etc.) for display. */
  group?: string;
  late: boolean;
  /** 秘密 and above: printed and exported as the mask text, whoever makes the paper (it is not watermarked). */
  classified?: boolean;
}

export interface FlowFigures {
  /** Finished (收文 办结 / 发文 核发 / 督办 办结) within the period. */
  finished: number;
  /** From start (收文 登记 / 发文 拟稿 / 督办 交办) to finish, in working days. */
  average: number | null;
  median: number | null;
  stages: StageFigures[];
  /** Finished with a 办理时限, and of them on or before it. */
  withDeadline: number;
  onTime: number;
  /** onTime / withDeadline, 0..1; null when withDeadline is 0. */
  onTimeRate: number | null;
  /** 超期件数: finished after their 办理时限, plus open ones already past it. */
  overdue: number;
  /** The 10 that took longest (finished), longest first. */
  longest: FlowItem[];
  /** 在办: started within the period and not finished by its end (or today, if sooner); age in working days. */
  open: number;
  openItems: FlowItem[];
}

export interface FlowGroup {
  dimension: FlowDimension;
  key: string;
  label: string;
  figures: FlowFigures;
}

export interface FlowTrendPoint {
  /** YYYY-MM */
  month: string;
  finished: number;
  average: number | null;
  onTimeRate: number | null;
}

export interface FlowReport {
  query: FlowQuery;
  /** Today as used for 在办 ages. */
  asOf: string;
  total: FlowFigures;
  /** Per group of query.groupBy, slowest (highest average) first; [] without groupBy. */
  groups: FlowGroup[];
  /** Month by month over the period (the trend chart). */
  trend: FlowTrendPoint[];
  /** Milliseconds the data layer took (shown nowhere; the bench reads it). */
  tookMs: number;
}
