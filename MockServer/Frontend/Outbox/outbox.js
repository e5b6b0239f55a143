// The outbox page: polls GET /__admin/mock/outbox about once a second and lists the messages newest first. The
// first poll reads the whole outbox; later ones ask only for what came after the newest message the page has
// (?after=), and drop what the mock no longer keeps (below the answer's oldest: cleared or rolled out).
// Same origin as the admin API, so when the mock has --admin-user the browser's own Basic prompt (asked when the
// page loads) supplies the credentials to these calls too. Each card can set what the next sends to its recipient
// answer (PUT /__admin/mock/recipients/{to}, one click per documented ncStatus; "Delivered" deletes it). Every value is written with textContent: message
// texts come from API clients and are never HTML.
(function () {
  'use strict';
  var OUTBOX = '/__admin/mock/outbox';
  var CLOCK = '/__admin/mock/clock';
  var RECIPIENTS = '/__admin/mock/recipients';
  var POLL_MS = 1000;
  var MAX_SHOWN = 200;

  var $ = function (id) { return document.getElementById(id); };
  var filterInput = $('filter-to');
  var statusLine = $('status');
  var problem = $('problem');
  var list = $('messages');
  var empty = $('empty');
  var template = $('message-template');

  var paused = false;
  var stopped = false; // after a 401: polling again would only repeat it
  var timer = null;
  var lastSignature = null;
  var seenTotal = -1;
  var latest = []; // the outbox as the page knows it, oldest first
  var latestSequence = 0; // the newest message the mock had at the last poll
  // Per-recipient send outcomes (GET /__admin/mock/recipients): what the contract documents, and what is set now.
  var outcomes = { documented: { ncStatus: [] }, byRecipient: {}, reserved: {} };

  filterInput.value = new URLSearchParams(window.location.search).get('to') || '';

  function schedule(delay) {
    clearTimeout(timer);
    if (!paused && !stopped && !document.hidden) timer = setTimeout(poll, delay);
  }

  function showProblem(text) {
    problem.textContent = text;
    problem.hidden = !text;
  }

  function poll() {
    fetch(OUTBOX + (latestSequence > 0 ? '?after=' + latestSequence : ''), { headers: { Accept: 'application/json' }, cache: 'no-store' })
      .then(function (response) {
        if (response.status === 401) {
          stopped = true;
          statusLine.className = '';
          statusLine.textContent = 'stopped';
          showProblem('The admin API needs credentials (the mock runs with --admin-user). Reload this page and ' +
            'enter the admin user and password when the browser asks.');
          return;
        }
        if (!response.ok) {
          return response.text().then(function (body) {
            var detail = body;
            try { detail = JSON.parse(body).requestError.serviceException.text; } catch (e) { /* not the envelope */ }
            var hint = response.status === 404 ? ' Is the admin API switched off (--no-admin)?' : '';
            throw new Error('GET ' + OUTBOX + ' answered ' + response.status + (detail ? ': ' + detail : '') + '.' + hint);
          });
        }
        return response.json().then(function (body) {
          showProblem('');
          var fresh = Array.isArray(body.messages) ? body.messages : [];
          if (body.latest < latestSequence) {
            // The mock restarted (its sequence began again): read the whole outbox afresh.
            latest = [];
            latestSequence = 0;
            schedule(0);
            return;
          }
          latest = latest.filter(function (m) { return m.sequence >= body.oldest; }).concat(fresh);
          latestSequence = body.latest;
          render();
          refreshClock();
          refreshOutcomes();
          statusLine.className = 'live';
          statusLine.textContent = 'live · updated ' + new Date().toLocaleTimeString();
          schedule(POLL_MS);
        });
      })
      .catch(function (error) {
        statusLine.className = '';
        statusLine.textContent = 'retrying';
        showProblem(error instanceof TypeError ? 'The mock does not answer (' + error.message + '); retrying.' : error.message);
        schedule(POLL_MS * 2);
      });
  }

  // The mock's clock (PIN expiry and the limits read it): shown, and moved forward from here to test expiry.
  function showClock(clock) {
    $('clock-now').dateTime = clock.now;
    $('clock-now').textContent = new Date(clock.now).toLocaleString();
    $('clock-mode').textContent = '(' + clock.mode + (clock.offset && clock.offset !== '0s' ? ', +' + clock.offset : '') + ')';
  }

  // Its own line: the outbox poll clears the page's problem line every second, this stays until the next advance.
  function showClockProblem(text) {
    $('clock-problem').textContent = text;
    $('clock-problem').hidden = !text;
  }

  function refreshClock() {
    fetch(CLOCK, { headers: { Accept: 'application/json' }, cache: 'no-store' })
      .then(function (response) { return response.ok ? response.json().then(showClock) : null; })
      .catch(function () { /* the outbox poll reports an unreachable mock */ });
  }

  // The outcome buttons: one per documented ncStatus but the first (the delivered one), which "Delivered" restores.
  function refreshOutcomes() {
    fetch(RECIPIENTS, { headers: { Accept: 'application/json' }, cache: 'no-store' })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (body) {
        if (!body) return;
        var signature = JSON.stringify(body);
        if (signature === JSON.stringify(outcomes)) return;
        outcomes = body;
        lastSignature = null; // the cards show the outcomes: draw them again
        render();
      })
      .catch(function () { /* the outbox poll reports an unreachable mock */ });
  }

  function outcomeOf(to) { return outcomes.byRecipient[to] || outcomes.reserved[to] || null; }

  // "Delivered" forgets what was set; a reserved test number keeps its own outcome, so it gets the delivered one set.
  function setOutcome(to, ncStatus) {
    if (!ncStatus && outcomes.reserved[to]) ncStatus = outcomes.documented.ncStatus[0];
    var url = RECIPIENTS + '/' + encodeURIComponent(to);
    var request = ncStatus
      ? fetch(url, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ ncStatus: ncStatus }) })
      : fetch(url, { method: 'DELETE' });
    request.then(function (response) {
      if (!response.ok && !(response.status === 404 && !ncStatus)) {
        return response.text().then(function (body) {
          var detail = body;
          try { detail = JSON.parse(body).requestError.serviceException.text; } catch (e) { /* not the envelope */ }
          showProblem((ncStatus ? 'PUT ' : 'DELETE ') + url + ' answered ' + response.status + ': ' + detail);
        });
      }
      refreshOutcomes();
    }).catch(function (error) { showProblem(error.message); });
  }

  function render() {
    var filter = filterInput.value.replace(/[\s+]/g, '');
    var last = latest[latest.length - 1];
    var signature = latest.length + '|' + (last ? last.sentAtMillis + last.pinId + last.channel : '') + '|' + filter;
    if (signature === lastSignature) return; // nothing new: keep the DOM (and any text selection) as it is
    lastSignature = signature;

    var firstFresh = seenTotal < 0 || seenTotal > latest.length ? latest.length : seenTotal;
    seenTotal = latest.length;
    var shown = [];
    for (var i = latest.length - 1; i >= 0 && shown.length < MAX_SHOWN; i--) {
      if (!filter || String(latest[i].to).indexOf(filter) >= 0) shown.push({ message: latest[i], fresh: i >= firstFresh });
    }
    list.replaceChildren.apply(list, shown.map(function (item) { return card(item.message, item.fresh); }));
    empty.hidden = shown.length > 0;
    if (!shown.length && latest.length) {
      empty.textContent = 'No message to ' + filter + ' (' + latest.length + ' in the outbox).';
    } else if (!latest.length) {
      empty.textContent = 'No messages yet. Send a PIN (POST /2fa/2/pin) and it shows up here within a second.';
    }
    document.title = (latest.length ? '(' + latest.length + ') ' : '') + 'Outbox – TwoFactorContracts mock';
  }

  function card(message, fresh) {
    var node = template.content.firstElementChild.cloneNode(true);
    var set = function (selector, value) { node.querySelector(selector).textContent = value == null ? '' : String(value); };
    node.dataset.pinId = message.pinId || '';
    if (fresh) node.classList.add('fresh');
    var channel = node.querySelector('.channel');
    channel.textContent = message.channel === 'voice' || message.channel === 'email' ? message.channel : 'sms';
    channel.classList.add(channel.textContent);
    set('.to', message.to);
    var sentAt = node.querySelector('.sent-at');
    sentAt.dateTime = message.sentAt || '';
    sentAt.title = (message.sentAt || '') + ' (the mock\'s clock)';
    sentAt.textContent = message.sentAt ? new Date(message.sentAt).toLocaleString() : '';
    set('.pin', message.pin);
    set('.text', message.text);
    set('.pin-id', message.pinId);
    if (message.sent === false) node.classList.add('not-sent');
    set('.delivery', (message.status || '') + (message.ncStatus ? ' · ' + message.ncStatus : ''));
    var now = outcomeOf(message.to);
    set('.outcome-now', now ? (now.ncStatus || '') + (now.smsStatus ? ' / ' + now.smsStatus : '') + (now.callStatus ? ' ' + now.callStatus : '') : 'delivered');
    var buttons = node.querySelector('.outcome-buttons');
    (outcomes.documented.ncStatus || []).slice(1).forEach(function (ncStatus) {
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'outcome';
      button.dataset.ncStatus = ncStatus;
      button.textContent = ncStatus;
      button.setAttribute('aria-pressed', String(!!now && now.ncStatus === ncStatus));
      button.addEventListener('click', function () { setOutcome(message.to, ncStatus); });
      buttons.appendChild(button);
    });
    node.querySelector('.outcome-clear').addEventListener('click', function () { setOutcome(message.to, null); });
    set('.application-id', message.applicationId);
    set('.message-id', message.messageId);
    if (message.from) set('.from', message.from);
    else { node.querySelector('.from').remove(); node.querySelector('.from-label').remove(); }
    node.querySelector('.copy').addEventListener('click', function (event) {
      var button = event.currentTarget;
      navigator.clipboard.writeText(String(message.pin)).then(
        function () { button.textContent = 'Copied'; setTimeout(function () { button.textContent = 'Copy'; }, 1200); },
        function () { window.getSelection().selectAllChildren(node.querySelector('.pin')); });
    });
    return node;
  }

  filterInput.addEventListener('input', function () {
    var url = new URL(window.location.href);
    if (filterInput.value) url.searchParams.set('to', filterInput.value); else url.searchParams.delete('to');
    history.replaceState(null, '', url);
    render();
  });
  $('controls').addEventListener('submit', function (event) { event.preventDefault(); });
  $('pause').addEventListener('click', function (event) {
    paused = !paused;
    event.currentTarget.textContent = paused ? 'Resume' : 'Pause';
    if (paused) { statusLine.className = ''; statusLine.textContent = 'paused'; }
    schedule(0);
  });
  $('clear').addEventListener('click', function () {
    fetch(OUTBOX, { method: 'DELETE' }).then(function (response) {
      if (!response.ok) showProblem('DELETE ' + OUTBOX + ' answered ' + response.status + '.');
      schedule(0);
    });
  });
  $('clock-form').addEventListener('submit', function (event) {
    event.preventDefault();
    fetch(CLOCK, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ advance: $('advance').value.trim() }) })
      .then(function (response) {
        return response.json().then(function (body) {
          if (!response.ok) throw new Error('POST ' + CLOCK + ' answered ' + response.status + ': ' + ((body.requestError || {}).serviceException || {}).text);
          showClockProblem('');
          showClock(body);
        });
      })
      .catch(function (error) { showClockProblem(error.message); });
  });
  // A hidden tab stops polling (no load on the mock for a page nobody looks at) and catches up when shown.
  document.addEventListener('visibilitychange', function () { schedule(0); });
  schedule(0);
})();
