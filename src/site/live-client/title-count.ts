/**
 * "(N) Title" while N updates wait for the reader: new stories behind the bar, entries
 * behind the toast, anything applied while the tab was hidden. Sources add and clear their
 * own counts.
 */
const counts = new Map<string, number>();
const original = document.title;
let hiddenApplied = 0;

export function setCount(source: string, n: number): void {
  counts.set(source, n);
  render();
}

/** An update applied in place while the reader looks at another tab. */
export function appliedWhileHidden(): void {
  if (!document.hidden) return;
  hiddenApplied += 1;
  render();
}

function render(): void {
  let n = hiddenApplied;
  for (const c of counts.values()) n += c;
  document.title = n > 0 ? `(${n}) ${original}` : original;
}

document.addEventListener("visibilitychange", () => {
  if (document.hidden) return;
  hiddenApplied = 0;
  render();
});
