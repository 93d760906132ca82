/** The one stylesheet, served by the tool itself (/assets/app.css): phone first, no web fonts. */
export const APP_CSS = `
:root { --ink:#1f2328; --muted:#6a737d; --line:#e1e4e8; --bg:#f6f8fa; --brand:#0b6bcb; --ok:#2e7d32; --short:#c62828; --warn:#b26a00; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin:0; font-family: -apple-system, "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif;
  color:var(--ink); background:var(--bg); font-size:16px; line-height:1.5; }
header.top { background:var(--brand); color:#fff; padding:10px 14px; display:flex; align-items:center; gap:8px; flex-wrap:wrap; }
header.top .school { font-weight:600; flex:1; min-width:10em; }
header.top a, header.top button { color:#fff; }
nav.tabs { display:flex; overflow-x:auto; background:#fff; border-bottom:1px solid var(--line); }
nav.tabs a { padding:10px 14px; white-space:nowrap; color:var(--ink); text-decoration:none; border-bottom:3px solid transparent; }
nav.tabs a.on { border-color:var(--brand); color:var(--brand); font-weight:600; }
main { max-width:820px; margin:0 auto; padding:12px; }
.card { background:#fff; border:1px solid var(--line); border-radius:8px; padding:12px 14px; margin:0 0 12px; }
h1 { font-size:20px; margin:4px 0 12px; } h2 { font-size:17px; margin:0 0 8px; }
label { display:block; font-weight:600; margin:10px 0 4px; }
input, select, textarea { width:100%; font-size:16px; padding:9px 10px; border:1px solid #c8ccd0; border-radius:6px; background:#fff; }
input[type=checkbox], input[type=radio] { width:auto; }
button, .button { display:inline-block; font-size:16px; padding:9px 16px; border-radius:6px; border:1px solid var(--brand); background:var(--brand); color:#fff; text-decoration:none; cursor:pointer; }
button.secondary, .button.secondary { background:#fff; color:var(--brand); }
button.link { background:none; border:none; padding:0; text-decoration:underline; font-size:inherit; color:var(--brand); }
.row { display:flex; gap:8px; flex-wrap:wrap; align-items:center; }
.default-save { position:absolute; left:-10000px; width:1px; height:1px; overflow:hidden; }
.err { color:var(--short); font-size:14px; margin:4px 0 0; }
.flash { padding:10px 12px; border-radius:6px; margin:0 0 12px; }
.flash.ok { background:#e8f5e9; color:#1b5e20; } .flash.bad { background:#ffebee; color:#b71c1c; }
.muted { color:var(--muted); font-size:14px; }
.req { margin:8px 0; } .req .name { display:flex; justify-content:space-between; gap:8px; }
.progress { height:10px; background:#eceff1; border-radius:5px; overflow:hidden; } .progress span { display:block; height:100%; background:var(--brand); }
.progress.met span { background:var(--ok); }
.short { color:var(--short); } .ok { color:var(--ok); }
ul.records { list-style:none; padding:0; margin:0; } ul.records li { border-top:1px solid var(--line); padding:8px 0; }
.badge { display:inline-block; font-size:12px; padding:1px 7px; border-radius:10px; background:#eceff1; color:var(--muted); }
.badge.approved, .badge.verified { background:#e8f5e9; color:var(--ok); } .badge.rejected { background:#ffebee; color:var(--short); }
table { border-collapse:collapse; width:100%; font-size:14px; } th, td { border-bottom:1px solid var(--line); padding:5px 6px; text-align:left; vertical-align:top; }
.scroll { overflow-x:auto; }
svg.chart { max-width:100%; height:auto; font-size:11px; }
svg .bar { fill:#1f77b4; } svg .bar.ok { fill:var(--ok); } svg .bar.short { fill:var(--short); }
svg .grid { stroke:#eee; } svg .tick, svg .value { fill:var(--muted); } svg .target { stroke:#ff8f00; stroke-dasharray:4 3; }
pre.explain { white-space:pre-wrap; font-size:14px; background:#fafbfc; padding:8px; border-radius:6px; }
.attendance td select { min-width:6em; }
fieldset.evidence { border:1px solid var(--line); border-radius:6px; margin:10px 0 0; padding:4px 10px 8px; }
label.check { font-weight:normal; margin:6px 0; }
@media (min-width: 700px) { main { padding:20px; } }
`;
