// Screen-reader labels in Chinese where antd has no locale entry for them: zh_CN (ConfigProvider
// in app/App.tsx) covers what antd reads from its locale, but a few labels are written in English
// inside the components (Table's row-selection checkboxes "Select row 3", InputNumber's steppers
// "Increase Value") and every icon is labelled with its English name ("search", "close").
// One observer over the document rewrites exactly those labels, for every screen and any table or
// number field added later.

const FIXED: Record<string, string> = {
  'Increase Value': '增加',
  'Decrease Value': '减少',
  'Select all': '全选本页',
  'Custom selection': '自定义选择',
  'Add tab': '添加标签页',
  // Icons (antd labels each with its file name); the ones the app shows.
  // Not 搜索: that is the search box's own label; the button beside it reads 查找.
  search: '查找',
  close: '关闭',
  'close-circle': '清除',
  down: '展开',
  up: '收起',
  left: '上一个',
  right: '下一个',
  check: '已选',
  'check-circle': '成功',
  'exclamation-circle': '警告',
  'info-circle': '提示',
  'question-circle': '帮助',
  warning: '警告',
  lock: '锁定',
  loading: '正在处理',
  plus: '添加',
  minus: '减去',
  delete: '删除',
  copy: '复制',
  eye: '显示',
  'eye-invisible': '隐藏',
  calendar: '日历',
  'clock-circle': '时间',
  'swap-right': '至',
  holder: '拖动',
  file: '文件',
  'file-text': '文件',
  'folder-open': '文件夹',
  inbox: '空',
  'caret-down': '降序',
  'caret-up': '升序',
  filter: '筛选',
  ellipsis: '更多',
  'vertical-align-top': '回到顶部',
};

/** The Chinese label for one of antd's English ones, or null when `label` is not one of them. */
export function chineseAriaLabel(label: string): string | null {
  const fixed = FIXED[label];
  if (fixed !== undefined) return fixed;
  const row = /^Select row (\d+)$/.exec(label);
  if (row) return `选择第 ${row[1]} 行`;
  const selected = /^Row (\d+) selected$/.exec(label);
  if (selected) return `已选第 ${selected[1]} 行`;
  const otp = /^OTP Input (\d+)$/.exec(label);
  if (otp) return `验证码第 ${otp[1]} 位`;
  return null;
}

/** An icon beside a button's or link's own words says nothing more: hidden from screen readers. */
function decorative(el: Element): boolean {
  if (!el.classList.contains('anticon')) return false;
  const holder = el.closest('button, a, [role=button], [role=menuitem], [role=tab]');
  return !!holder && (holder.textContent ?? '').trim() !== '';
}

function relabel(el: Element): void {
  if (decorative(el)) {
    el.setAttribute('aria-hidden', 'true');
    return;
  }
  const label = el.getAttribute('aria-label');
  const zh = label ? chineseAriaLabel(label) : null;
  if (zh !== null) el.setAttribute('aria-label', zh);
}

function relabelTree(node: Node): void {
  if (!(node instanceof Element)) return;
  if (node.hasAttribute('aria-label')) relabel(node);
  for (const el of node.querySelectorAll('[aria-label]')) relabel(el);
}

/** Starts rewriting antd's English labels under `root` (the document by default); returns the stop. */
export function installChineseAriaLabels(root: Node = document.body): () => void {
  relabelTree(root);
  const observer = new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'attributes') relabel(r.target as Element);
      else r.addedNodes.forEach(relabelTree);
    }
  });
  observer.observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-label'] });
  return () => observer.disconnect();
}
