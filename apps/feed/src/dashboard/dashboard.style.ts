export const DASHBOARD_CSS = `
* { box-sizing: border-box; }
[hidden] { display: none !important; }
body { margin: 0; font: 14px/1.4 system-ui, sans-serif; color: #1d2330; background: #f3f5f8; }
header { display: flex; align-items: center; gap: 16px; padding: 10px 20px; background: #1d2330; color: #fff; }
header h1 { font-size: 18px; margin: 0; flex: 1; } header h1 span { font-weight: 400; opacity: .7; }
.live { padding: 2px 10px; border-radius: 10px; font-size: 12px; background: #555; }
.live.on { background: #1b8a3c; } .live.off { background: #a33; }
button { cursor: pointer; border: 1px solid #8892a6; background: #fff; border-radius: 4px; padding: 4px 10px; }
button.primary { background: #2456c9; color: #fff; border-color: #2456c9; }
#sign-in { display: flex; justify-content: center; padding: 60px; }
#sign-in form { background: #fff; padding: 24px; border-radius: 8px; width: 520px; box-shadow: 0 2px 8px #0002; }
#sign-in textarea { width: 100%; font-family: monospace; }
.error { color: #b00020; min-height: 1em; } .notice { color: #1b6a3c; }
#counters { display: flex; flex-wrap: wrap; gap: 8px; padding: 12px 20px 0; }
.counter { background: #fff; border-radius: 6px; padding: 6px 12px; box-shadow: 0 1px 3px #0001; }
.counter b { font-size: 18px; display: block; }
#filters { display: flex; flex-wrap: wrap; align-items: end; gap: 10px; padding: 12px 20px; }
#filters fieldset { border: 1px solid #ccd; border-radius: 4px; padding: 2px 8px; }
#filters input:not([type]) { width: 110px; }
#lanes { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; padding: 0 20px 20px; }
.lane h2 { font-size: 15px; margin: 8px 0; } .lane small { font-weight: 400; color: #667; }
.lane .more { margin: 0 0 8px; color: #8a5a00; } .lane .more:empty { display: none; }
.lane ol { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 8px; }
.finding { background: #fff; border-radius: 6px; padding: 10px 12px; border-left: 5px solid #999; box-shadow: 0 1px 3px #0002; }
.finding.sev-critical { border-color: #7a0019; } .finding.sev-high { border-color: #d1342f; }
.finding.sev-medium { border-color: #e39b1b; } .finding.sev-low { border-color: #6b8fd6; }
.finding.resolved { opacity: .6; border-left-style: dashed; }
.finding.fresh { animation: flash 1.5s ease-out; } @keyframes flash { from { background: #fff6c2; } to { background: #fff; } }
.finding .top { display: flex; gap: 8px; align-items: center; }
.finding .rule { font-weight: 600; } .finding .subject { color: #445; }
.status { font-size: 12px; padding: 1px 8px; border-radius: 9px; background: #e4e8f0; }
.status.open { background: #fde2e1; } .status.acknowledged { background: #e1ecfd; } .status.suppressed { background: #eee; } .status.resolved { background: #ddf5e3; }
.impact { margin-left: auto; font-variant-numeric: tabular-nums; color: #334; }
.channels { margin: 6px 0; display: flex; flex-wrap: wrap; gap: 4px 12px; font-size: 13px; }
.channels span b { font-weight: 500; color: #2456c9; }
.actions { display: flex; gap: 6px; flex-wrap: wrap; align-items: center; }
.actions input { width: 160px; }
#detail { position: fixed; top: 0; right: 0; bottom: 0; width: min(900px, 70vw); overflow: auto; background: #fff; box-shadow: -4px 0 16px #0003; padding: 16px 20px; }
#detail h2 { margin-top: 0; } #detail table { border-collapse: collapse; width: 100%; font-size: 13px; }
#detail td, #detail th { border-bottom: 1px solid #e4e8f0; text-align: left; padding: 3px 6px; vertical-align: top; overflow-wrap: anywhere; }
#detail pre { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; font-size: 12px; }
svg.timeline { width: 100%; background: #fafbfd; border: 1px solid #e4e8f0; }
svg.timeline text { font-size: 11px; fill: #334; } svg.timeline .lane-label { font-weight: 600; }
svg.timeline .finding-band { fill: #d1342f; opacity: .14; } svg.timeline .finding-bar { fill: #c9a0a0; } svg.timeline .finding-bar.selected { fill: #d1342f; } svg.timeline .segment { stroke: #2456c9; stroke-width: 3; }
svg.timeline .mark { fill: #2456c9; } svg.timeline .mark.promotion { fill: #8a3cc9; } svg.timeline .mark.stock { fill: #1b8a3c; } svg.timeline .mark.returns-policy { fill: #b76e00; }
`;
