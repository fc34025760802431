/** A series of counts per time bucket, for one label (a rule, a channel). */
export interface Series {
  readonly label: string;
  readonly counts: readonly number[];
}

export interface Buckets {
  /** Start of each bucket, epoch ms. */
  readonly starts: readonly number[];
  readonly sizeMs: number;
}

const SIZES = [60_000, 300_000, 900_000, 3_600_000, 6 * 3_600_000, 86_400_000, 7 * 86_400_000];

/** At most 31 buckets of a round size (minute .. week) over [from, to]: a month shows by day. */
export function bucketsOver(from: number, to: number): Buckets {
  const span = Math.max(1, to - from);
  const sizeMs = SIZES.find((size) => span / size <= 31) ?? SIZES[SIZES.length - 1]!;
  const first = Math.floor(from / sizeMs) * sizeMs;
  const starts: number[] = [];
  for (let start = first; start <= to; start += sizeMs) starts.push(start);
  return { starts, sizeMs };
}

/** Counts of (time, label) pairs per bucket, one series per label, labels sorted. */
export function seriesOf(points: readonly { at: number; label: string }[], buckets: Buckets): Series[] {
  const byLabel = new Map<string, number[]>();
  const first = buckets.starts[0] ?? 0;
  for (const point of points) {
    const index = Math.floor((point.at - first) / buckets.sizeMs);
    if (index < 0 || index >= buckets.starts.length) continue;
    const counts = byLabel.get(point.label) ?? new Array<number>(buckets.starts.length).fill(0);
    counts[index] = (counts[index] ?? 0) + 1;
    byLabel.set(point.label, counts);
  }
  return [...byLabel.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([label, counts]) => ({ label, counts }));
}

const PALETTE = ['#2563eb', '#dc2626', '#16a34a', '#d97706', '#7c3aed', '#0891b2', '#db2777', '#4b5563', '#65a30d', '#9333ea'];

/** A stacked bar chart as inline SVG: bars per bucket, a colour per series, a legend. */
export function stackedBarsSvg(title: string, buckets: Buckets, series: readonly Series[]): string {
  const width = 760;
  const height = 260;
  const left = 44;
  const bottom = 40;
  const top = 28;
  const legendWidth = 190;
  const plotWidth = width - left - legendWidth - 10;
  const plotHeight = height - top - bottom;
  const n = Math.max(1, buckets.starts.length);
  const totals = buckets.starts.map((_, i) => series.reduce((sum, s) => sum + (s.counts[i] ?? 0), 0));
  const max = Math.max(1, ...totals);
  const step = niceStep(max);
  const yMax = Math.ceil(max / step) * step;
  const barWidth = (plotWidth / n) * 0.8;
  const y = (value: number) => top + plotHeight - (value / yMax) * plotHeight;
  const parts: string[] = [`<text x="${left}" y="16" class="chart-title">${escapeXml(title)}</text>`];
  for (let tick = 0; tick <= yMax; tick += step) {
    parts.push(`<line x1="${left}" x2="${left + plotWidth}" y1="${y(tick)}" y2="${y(tick)}" stroke="#e5e7eb"/>`);
    parts.push(`<text x="${left - 6}" y="${y(tick) + 4}" text-anchor="end" class="tick">${tick}</text>`);
  }
  buckets.starts.forEach((start, i) => {
    let base = 0;
    const x = left + (plotWidth / n) * i + (plotWidth / n - barWidth) / 2;
    series.forEach((s, k) => {
      const count = s.counts[i] ?? 0;
      if (count === 0) return;
      parts.push(`<rect x="${x.toFixed(1)}" y="${y(base + count).toFixed(1)}" width="${barWidth.toFixed(1)}" height="${(y(base) - y(base + count)).toFixed(1)}" fill="${PALETTE[k % PALETTE.length]}"><title>${escapeXml(`${s.label}: ${count}`)}</title></rect>`);
      base += count;
    });
    const every = Math.ceil(n / 8);
    if (i % every === 0) parts.push(`<text x="${(x + barWidth / 2).toFixed(1)}" y="${top + plotHeight + 16}" text-anchor="middle" class="tick">${escapeXml(label(start, buckets.sizeMs))}</text>`);
  });
  parts.push(`<line x1="${left}" x2="${left + plotWidth}" y1="${y(0)}" y2="${y(0)}" stroke="#374151"/>`);
  series.forEach((s, k) => {
    const ly = top + k * 18;
    parts.push(`<rect x="${width - legendWidth}" y="${ly}" width="12" height="12" fill="${PALETTE[k % PALETTE.length]}"/>`);
    parts.push(`<text x="${width - legendWidth + 18}" y="${ly + 10}" class="legend">${escapeXml(`${s.label} (${s.counts.reduce((a, b) => a + b, 0)})`)}</text>`);
  });
  if (series.length === 0) parts.push(`<text x="${left + plotWidth / 2}" y="${top + plotHeight / 2}" text-anchor="middle" class="legend">no findings opened in this period</text>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(title)}">${parts.join('')}</svg>`;
}

function niceStep(max: number): number {
  const rough = max / 5;
  const power = 10 ** Math.floor(Math.log10(Math.max(1, rough)));
  return [1, 2, 5, 10].map((m) => m * power).find((candidate) => candidate >= rough) ?? power * 10;
}

function label(start: number, sizeMs: number): string {
  const iso = new Date(start).toISOString();
  return sizeMs >= 86_400_000 ? iso.slice(5, 10) : sizeMs >= 3_600_000 ? `${iso.slice(5, 10)} ${iso.slice(11, 13)}h` : iso.slice(11, 16);
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}
