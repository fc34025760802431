/** The dashboard's one HTML page: a shell with no data; everything comes from the API after sign-in. */
export const DASHBOARD_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Parity: inconsistency feed</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/dashboard.css">
<script src="/dashboard.js" defer></script>
</head>
<body>
<header>
  <h1>Parity <span>inconsistency feed</span></h1>
  <div id="live" class="live off" title="live stream">offline</div>
  <div id="who"></div>
  <button id="sign-out" hidden>Sign out</button>
</header>
<section id="sign-in" hidden>
  <form id="sign-in-form">
    <h2>Sign in</h2>
    <p>Paste a token (<code>npm run token -- --name you --role ops</code>) or an API key. <code>npm start</code> prints working local ones.</p>
    <textarea id="credential" name="credential" rows="3" autocomplete="off" spellcheck="false" placeholder="token or API key"></textarea>
    <button type="submit">Sign in</button>
    <p id="sign-in-error" class="error" role="alert"></p>
  </form>
</section>
<main id="app" hidden>
  <section id="counters" aria-label="counts"></section>
  <form id="filters" aria-label="filters">
    <fieldset><legend>Status</legend>
      <label><input type="checkbox" name="status" value="open" checked> open</label>
      <label><input type="checkbox" name="status" value="acknowledged" checked> acknowledged</label>
      <label><input type="checkbox" name="status" value="suppressed" checked> suppressed</label>
      <label><input type="checkbox" name="status" value="resolved"> resolved</label>
    </fieldset>
    <label>Rule <select name="rule"><option value="">any</option>
      <option>price-mismatch</option><option>promotion-mismatch</option><option>stock-mismatch</option>
      <option>returns-policy-mismatch</option><option>stale-channel-data</option><option>assortment-gap</option></select></label>
    <label>Severity <select name="severity"><option value="">any</option><option>critical</option><option>high</option><option>medium</option><option>low</option></select></label>
    <label>Channel <input name="channel" placeholder="eshop"></label>
    <label>Store <input name="store" placeholder="WAW-012"></label>
    <label>Category <input name="category" placeholder="tv"></label>
    <label>SKU <input name="sku" placeholder="SKU-1001"></label>
    <label>Promotion <input name="promotionId" placeholder="BF-2026-TV"></label>
    <button type="submit">Apply</button>
    <p id="filter-error" class="error" role="alert"></p>
    <p id="notice" class="notice" role="status"></p>
  </form>
  <div id="lanes">
    <section class="lane"><h2>Now <small>customers meet these</small></h2><p id="more-now" class="more"></p><ol id="lane-now"></ol></section>
    <section class="lane"><h2>Upcoming <small>scheduled dead ends, time to impact</small></h2><p id="more-upcoming" class="more"></p><ol id="lane-upcoming"></ol></section>
  </div>
  <aside id="detail" hidden aria-label="finding detail"></aside>
</main>
</body>
</html>
`;
