import { escapeXml as esc, stackedBarsSvg } from './charts';
import { ReportInput, summarise } from './report-data';

/** The human-readable audit report: one self-contained HTML page (inline CSS and SVG, no scripts). */
export function reportHtml(input: ReportInput): string {
  const summary = summarise(input);
  const v = input.verification;
  const period = `${input.period.from ?? 'the start'} to ${input.period.to ?? 'the head'} (positions ${input.period.fromPosition} to ${input.period.toPosition})`;
  const rows = (entries: Record<string, number>) =>
    Object.entries(entries)
      .sort(([, a], [, b]) => b - a)
      .map(([key, count]) => `<tr><td>${esc(key)}</td><td class="n">${count}</td></tr>`)
      .join('');
  const verdict = v.ok
    ? `<p class="ok">The log verifies: ${v.checked.toLocaleString('en')} events chained from the genesis hash to the head at position ${v.headPosition}; ${v.seals.checked} seal${v.seals.checked === 1 ? '' : 's'} hold${v.seals.verifiedWith ? ` (key ${esc(v.seals.verifiedWith)})` : ' (no key given: seals not checked)'}.</p>`
    : `<p class="bad">The log does NOT verify: first bad position ${v.firstBadPosition}.</p><ul>${[...v.defects.map((d) => `${d.kind} at ${d.position}: ${d.detail}`), ...v.seals.defects.map((d) => `seal ${d.problem} at ${d.position}: ${d.detail}`)]
        .slice(0, 20)
        .map((line) => `<li>${esc(line)}</li>`)
        .join('')}</ul>`;
  const open = summary.openAtEnd
    .slice(0, 25)
    .map((f) => `<tr><td>${esc(f.rule)}</td><td>${esc(f.severity)}</td><td>${esc(f.status)}</td><td>${esc(f.sku ?? f.promotionId ?? f.policyId ?? f.subject.id)}</td><td>${esc(f.channels.map((c) => `${c.channel}: ${c.value}`).join('; '))}</td><td>${esc(f.impactAt.slice(0, 16).replace('T', ' '))}</td></tr>`)
    .join('');
  const actions = input.actions
    .slice(0, 25)
    .map((a) => `<tr><td>${esc(a.recordedAt.slice(0, 19).replace('T', ' '))}</td><td>${esc(a.type.replace('parity.finding.', '').replace('.v1', ''))}</td><td><code>${esc(a.findingId.slice(0, 12))}</code></td><td>${esc(a.by)}</td><td>${esc(a.reason ?? '')}</td></tr>`)
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Parity audit report: ${esc(input.scope)}</title>
<style>
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#111827;margin:32px auto;max-width:980px;padding:0 24px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #e5e7eb;padding-bottom:4px}
.meta{color:#4b5563;margin:0 0 16px}.cards{display:flex;gap:12px;flex-wrap:wrap}
.card{border:1px solid #e5e7eb;border-radius:8px;padding:10px 14px;min-width:120px}.card b{display:block;font-size:22px}
table{border-collapse:collapse;width:100%;margin:6px 0}td,th{border-bottom:1px solid #f3f4f6;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f9fafb;font-weight:600}td.n{text-align:right;font-variant-numeric:tabular-nums}
.ok{background:#ecfdf5;border:1px solid #10b981;padding:10px;border-radius:6px}.bad{background:#fef2f2;border:1px solid #ef4444;padding:10px;border-radius:6px}
.chart-title{font-weight:600;font-size:13px}.tick{font-size:10px;fill:#4b5563}.legend{font-size:11px}.split{display:flex;gap:24px}.split>div{flex:1}
code{font-size:12px}
</style></head><body>
<h1>Parity audit report</h1>
<p class="meta">Scope: <b>${esc(input.scope)}</b> &middot; period: ${esc(period)} &middot; generated ${esc(input.generatedAt)}</p>
<h2>Summary</h2>
<div class="cards">
<div class="card"><b>${input.facts.count.toLocaleString('en')}</b>channel facts</div>
<div class="card"><b>${summary.opened}</b>findings opened</div>
<div class="card"><b>${summary.resolved}</b>resolved</div>
<div class="card"><b>${summary.openAtEnd.length}</b>open at the end</div>
<div class="card"><b>${input.actions.length}</b>operator actions</div>
<div class="card"><b>${v.ok ? 'verified' : 'FAILED'}</b>log verification</div>
</div>
<h2>Verification</h2>
${verdict}
<p class="meta">Head hash <code>${esc(v.headHash)}</code></p>
<h2>Findings over time</h2>
${stackedBarsSvg('Findings opened, by rule', summary.buckets, summary.byRule)}
${stackedBarsSvg('Findings opened, by channel involved', summary.buckets, summary.byChannel)}
<div class="split">
<div><h2>Opened by rule</h2><table><tr><th>rule</th><th>opened</th></tr>${rows(summary.openedByRule) || '<tr><td colspan="2">none</td></tr>'}</table></div>
<div><h2>Facts by channel</h2><table><tr><th>channel</th><th>facts</th></tr>${rows(input.facts.byChannel) || '<tr><td colspan="2">none</td></tr>'}</table></div>
<div><h2>Facts by type</h2><table><tr><th>type</th><th>facts</th></tr>${rows(input.facts.byType) || '<tr><td colspan="2">none</td></tr>'}</table></div>
</div>
<h2>Open at the end of the period${summary.openAtEnd.length > 25 ? ' (first 25 by impact)' : ''}</h2>
<table><tr><th>rule</th><th>severity</th><th>status</th><th>subject</th><th>what the channels show</th><th>impact at</th></tr>${open || '<tr><td colspan="6">none</td></tr>'}</table>
<h2>Operator actions${input.actions.length > 25 ? ' (first 25)' : ''}</h2>
<table><tr><th>recorded</th><th>action</th><th>finding</th><th>by</th><th>reason</th></tr>${actions || '<tr><td colspan="5">none</td></tr>'}</table>
<p class="meta">Every number here comes from the files beside this report (facts, findings, actions, verification as CSV and JSON); manifest.json lists their SHA-256 and manifest.sig is its Ed25519 signature.</p>
</body></html>
`;
}
